namespace Feedback.Api.Features.TenantSettings.Get;

sealed class Endpoint(Database database, SettingsReader reader) : EndpointWithoutRequest<SettingsView>
{
    public override void Configure()
    {
        Get(ApiRoutes.TenantSettings);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("GetTenantSettings").WithTags("Tenant"));
        Summary(s => s.Summary = "The caller's tenant settings, with its licence attestations and warnings");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        await Send.OkAsync(await reader.ReadAsync(session, User.TenantId(), ct), ct);
    }
}
