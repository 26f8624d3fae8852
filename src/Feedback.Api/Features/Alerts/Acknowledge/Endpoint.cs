using Feedback.Data.Alerts;

namespace Feedback.Api.Features.Alerts.Acknowledge;

sealed class Endpoint(Database database, AlertRepository alerts, Api.Webhooks.WebhookOutbox outbox, TimeProvider clock) : Endpoint<Request, AlertView>
{
    public override void Configure()
    {
        Post(ApiRoutes.AcknowledgeAlert);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("AcknowledgeAlert").WithTags("Alerts"));
        Summary(s => s.Summary = "Acknowledge an alert (who, note, time); acknowledging again changes nothing");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var tenantId = User.TenantId();
        var alert = await database.WriteAsync(async (tx, token) =>
        {
            var now = clock.GetUtcNow();
            var acknowledged = await alerts.AcknowledgeAsync(tx, tenantId, r.Id, r.By!, r.Note, now, token) == 1;
            var alert = await alerts.GetAsync(tx, tenantId, r.Id, token);
            // Only the first acknowledgement is an event (a second changes nothing); in the same transaction (interop.md 2.4).
            if (acknowledged && alert is not null)
                await outbox.QueueAsync(tx, tenantId, [Api.Webhooks.WebhookEvents.Acknowledged(alert, now)], now, token);
            return alert;
        }, ct);
        if (alert is not null) Api.Audit.AuditedClients.Set(HttpContext, [alert.ClientId]); // the route names the alert, the audit its client
        if (alert is null)
            await HttpContext.WriteProblemAsync(404, "No such alert.");
        else
            await Send.OkAsync(AlertView.From(alert), ct);
    }
}
