using Feedback.Api.Webhooks;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Features.Webhooks.Retry;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string DeliveryId { get; set; } = "";
}

sealed class Endpoint(Database database, WebhookRepository hooks, WebhookDeliveryRepository deliveries, DeliverySignal signal, TimeProvider clock) : Endpoint<Request>
{
    public override void Configure()
    {
        Post(ApiRoutes.RetryWebhookDelivery);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("RetryWebhookDelivery").WithTags("Webhooks").ClearDefaultProduces(200).Produces(202)
            .Produces<Problem>(409, Problem.ContentType));
        Summary(s => s.Summary = "Start a failed delivery's schedule again (same webhook-id)");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var tenantId = User.TenantId();
        var (found, enabled, retried) = await database.WriteAsync(async (tx, token) =>
        {
            if (await deliveries.GetAsync(tx, tenantId, r.DeliveryId, token) is not { } delivery) return (false, false, false);
            // A disabled endpoint would fail the retry at once (endpoint_disabled): refused here, as a test event is.
            if (await hooks.GetEndpointAsync(tx, tenantId, delivery.EndpointId, token) is not { Enabled: true }) return (true, false, false);
            return (true, true, await deliveries.RetryAsync(tx, tenantId, r.DeliveryId, clock.GetUtcNow(), token));
        }, ct);
        if (!found)
            await HttpContext.WriteProblemAsync(404, "No such webhook delivery.");
        else if (!enabled)
            await HttpContext.WriteProblemAsync(409, "This delivery's endpoint is disabled; enable it with PUT first.");
        else if (!retried)
            await HttpContext.WriteProblemAsync(409, "Only a failed delivery can be retried.");
        else
        {
            signal.Wake();
            await Send.ResultAsync(Results.StatusCode(StatusCodes.Status202Accepted));
        }
    }
}
