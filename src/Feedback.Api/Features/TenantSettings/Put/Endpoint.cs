using Feedback.Data.Tenants;

namespace Feedback.Api.Features.TenantSettings.Put;

sealed class Endpoint(Database database, TenantRepository tenants, TimeProvider clock) : Endpoint<Settings, SettingsView>
{
    public override void Configure()
    {
        Put(ApiRoutes.TenantSettings);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("PutTenantSettings").WithTags("Tenant"));
        Summary(s => s.Summary = "Replace the caller's tenant settings (instruments it accepts, stale-episode guard)");
    }

    public override async Task HandleAsync(Settings r, CancellationToken ct)
    {
        var codes = Catalogue.All.Select(i => i.Code).Where(r.EnabledInstruments!.Contains).ToList();
        var tenantId = User.TenantId();
        var stored = await database.WriteAsync(async (tx, token) =>
        {
            await tenants.SetEnabledInstrumentsAsync(tx, tenantId, codes, clock.GetUtcNow(), token);
            if (r.StaleEpisodeDays is { } days)
                await tenants.SetStaleEpisodeDaysAsync(tx, tenantId, days, clock.GetUtcNow(), token);
            if (r.FhirClientIdSystem is { } system)
                await tenants.SetFhirClientIdSystemAsync(tx, tenantId, system.Length == 0 ? null : system, clock.GetUtcNow(), token);
            return await tenants.SettingsAsync(tx, tenantId, token);
        }, ct);
        await Send.OkAsync(SettingsView.From(stored), ct);
    }
}
