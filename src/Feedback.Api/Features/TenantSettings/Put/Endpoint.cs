using Feedback.Data.Tenants;

namespace Feedback.Api.Features.TenantSettings.Put;

sealed class Endpoint(Database database, TenantRepository tenants, TimeProvider clock) : Endpoint<Settings, Settings>
{
    public override void Configure()
    {
        Put(ApiRoutes.TenantSettings);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("PutTenantSettings").WithTags("Tenant"));
        Summary(s => s.Summary = "Replace the caller's tenant settings (which instruments it accepts)");
    }

    public override async Task HandleAsync(Settings r, CancellationToken ct)
    {
        var codes = Catalogue.All.Select(i => i.Code).Where(r.EnabledInstruments!.Contains).ToList();
        await using var tx = await database.BeginAsync(ct);
        await tenants.SetEnabledInstrumentsAsync(tx, User.TenantId(), codes, clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        await Send.OkAsync(new Settings { EnabledInstruments = codes }, ct);
    }
}
