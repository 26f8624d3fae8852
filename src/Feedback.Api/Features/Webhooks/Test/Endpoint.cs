using Feedback.Api.Webhooks;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Features.Webhooks.Test;

sealed class Response
{
    public required string DeliveryId { get; init; }
    /// <summary>The webhook-id the receiver will see.</summary>
    public required string MessageId { get; init; }
}

sealed class Endpoint(Database database, WebhookRepository hooks, WebhookDeliveryRepository deliveries, WebhookOutbox outbox, TimeProvider clock)
    : Endpoint<EndpointRoute, Response>
{
    public override void Configure()
    {
        Post(ApiRoutes.TestWebhookEndpoint);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("TestWebhookEndpoint").WithTags("Webhooks").ClearDefaultProduces(200)
            .Produces<Response>(202).Produces<Problem>(409, Problem.ContentType));
        Summary(s => s.Summary = "Send a webhook.test event through the outbox, whatever the endpoint's eventTypes");
    }

    public override async Task HandleAsync(EndpointRoute r, CancellationToken ct)
    {
        var tenantId = User.TenantId();
        var now = clock.GetUtcNow();
        var e = WebhookEvents.TestOf(r.Id, now);
        var (found, enabled, deliveryId) = await database.WriteAsync(async (tx, token) =>
        {
            if (await hooks.GetEndpointAsync(tx, tenantId, r.Id, token) is not { } endpoint) return (false, false, (string?)null);
            if (!endpoint.Enabled) return (true, false, null);
            await outbox.QueueAsync(tx, tenantId, [e], now, token, forceEndpointId: r.Id);
            return (true, true, await deliveries.FindIdAsync(tx, tenantId, r.Id, e.MessageId, token));
        }, ct);
        if (!found)
            await HttpContext.WriteProblemAsync(404, "No such webhook endpoint.");
        else if (!enabled)
            await HttpContext.WriteProblemAsync(409, "This webhook endpoint is disabled; enable it with PUT first.");
        else
            await Send.ResponseAsync(new Response { DeliveryId = deliveryId!, MessageId = e.MessageId }, 202, ct);
    }
}
