using Feedback.Data.Webhooks;

namespace Feedback.Api.Features.Webhooks.Delete;

sealed class Endpoint(Database database, WebhookRepository hooks, TimeProvider clock) : Endpoint<EndpointRoute>
{
    public override void Configure()
    {
        Delete(ApiRoutes.WebhookEndpoint);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("DeleteWebhookEndpoint").WithTags("Webhooks").ClearDefaultProduces(200).Produces(204));
        Summary(s => s.Summary = "Delete a webhook endpoint; its pending deliveries are cancelled");
    }

    public override async Task HandleAsync(EndpointRoute r, CancellationToken ct)
    {
        var tenantId = User.TenantId();
        var deleted = await database.WriteAsync((tx, token) => hooks.DeleteEndpointAsync(tx, tenantId, r.Id, clock.GetUtcNow(), token), ct);
        if (deleted)
            await Send.NoContentAsync(ct);
        else
            await HttpContext.WriteProblemAsync(404, "No such webhook endpoint.");
    }
}
