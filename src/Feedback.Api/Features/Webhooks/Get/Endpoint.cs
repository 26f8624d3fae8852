using Feedback.Api.Webhooks;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Features.Webhooks.Get;

sealed class Endpoint(Database database, WebhookRepository hooks, SecretProtector secrets) : Endpoint<EndpointRoute, EndpointView>
{
    public override void Configure()
    {
        Get(ApiRoutes.WebhookEndpoint);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("GetWebhookEndpoint").WithTags("Webhooks"));
        Summary(s => s.Summary = "One webhook endpoint (never its secret)");
    }

    public override async Task HandleAsync(EndpointRoute r, CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        if (await hooks.GetEndpointAsync(session, User.TenantId(), r.Id, ct) is { } endpoint)
            await Send.OkAsync(EndpointView.From(endpoint, secrets), ct);
        else
            await HttpContext.WriteProblemAsync(404, "No such webhook endpoint.");
    }
}
