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
        await using var tx = await database.BeginAsync(ct);
        await alerts.AcknowledgeAsync(tx, tenantId, r.Id, r.By!, r.Note, clock.GetUtcNow(), ct);
        var alert = await alerts.GetAsync(tx, tenantId, r.Id, ct);
        await tx.CommitAsync(ct);
        if (alert is null)
            await HttpContext.WriteProblemAsync(404, "No such alert.");
        else
            await Send.OkAsync(AlertView.From(alert), ct);
    }
}
