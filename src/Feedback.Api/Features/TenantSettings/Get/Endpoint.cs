using Feedback.Data.Tenants;

namespace Feedback.Api.Features.TenantSettings.Get;

sealed class Endpoint(Database database, TenantRepository tenants) : EndpointWithoutRequest<Settings>
{
    public override void Configure()
    {
        Get(ApiRoutes.TenantSettings);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("GetTenantSettings").WithTags("Tenant"));
        Summary(s => s.Summary = "The caller's tenant settings");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        var enabled = await tenants.EnabledInstrumentsAsync(session, User.TenantId(), ct);
        await Send.OkAsync(new Settings { EnabledInstruments = [.. enabled] }, ct);
    }
}
