using Feedback.Data.Tenants;

namespace Feedback.Api.Features.TenantSettings.Get;

sealed class Endpoint(Database database, TenantRepository tenants) : EndpointWithoutRequest<SettingsView>
{
    public override void Configure()
    {
        Get(ApiRoutes.TenantSettings);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("GetTenantSettings").WithTags("Tenant"));
        Summary(s => s.Summary = "The caller's tenant settings, with warnings");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        var settings = await tenants.SettingsAsync(session, User.TenantId(), ct);
        await Send.OkAsync(SettingsView.From(settings), ct);
    }
}
