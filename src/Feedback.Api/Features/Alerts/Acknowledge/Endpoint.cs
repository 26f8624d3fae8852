using Feedback.Data.Alerts;

namespace Feedback.Api.Features.Alerts.Acknowledge;

sealed class Endpoint(Database database, AlertRepository alerts, TimeProvider clock) : Endpoint<Request, AlertView>
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
            await alerts.AcknowledgeAsync(tx, tenantId, r.Id, r.By!, r.Note, clock.GetUtcNow(), token);
            return await alerts.GetAsync(tx, tenantId, r.Id, token);
        }, ct);
        if (alert is not null) Api.Audit.AuditedClients.Set(HttpContext, [alert.ClientId]); // the route names the alert, the audit its client
        if (alert is null)
            await HttpContext.WriteProblemAsync(404, "No such alert.");
        else
            await Send.OkAsync(AlertView.From(alert), ct);
    }
}
