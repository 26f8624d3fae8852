using Feedback.Api.Webhooks;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Features.Webhooks.Retry;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string DeliveryId { get; set; } = "";
}

sealed class Endpoint(Database database, WebhookDeliveryRepository deliveries, DeliverySignal signal, TimeProvider clock) : Endpoint<Request>
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
        var (found, retried) = await database.WriteAsync(async (tx, token) =>
            await deliveries.GetAsync(tx, tenantId, r.DeliveryId, token) is null
                ? (false, false)
                : (true, await deliveries.RetryAsync(tx, tenantId, r.DeliveryId, clock.GetUtcNow(), token)), ct);
        if (!found)
            await HttpContext.WriteProblemAsync(404, "No such webhook delivery.");
        else if (!retried)
            await HttpContext.WriteProblemAsync(409, "Only a failed delivery can be retried.");
        else
        {
            signal.Wake();
            await Send.ResultAsync(Results.StatusCode(StatusCodes.Status202Accepted));
        }
    }
}
