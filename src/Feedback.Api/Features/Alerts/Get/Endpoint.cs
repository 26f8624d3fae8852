using Feedback.Data.Alerts;

namespace Feedback.Api.Features.Alerts.Get;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string Id { get; set; } = "";
}

/// <summary>GET /v1/alerts/{id} (interop.md 2.2): where a webhook event's href points, readable without a client id.</summary>
sealed class Endpoint(Database database, AlertRepository alerts) : Endpoint<Request, AlertView>
{
    public override void Configure()
    {
        Get(ApiRoutes.AlertById);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("GetAlert").WithTags("Alerts"));
        Summary(s => s.Summary = "One alert by id (where a webhook event's href points)");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        var alert = await alerts.GetAsync(session, User.TenantId(), r.Id, ct);
        if (alert is null)
        {
            await HttpContext.WriteProblemAsync(404, "No such alert.");
            return;
        }
        Api.Audit.AuditedClients.Set(HttpContext, [alert.ClientId]);
        await Send.OkAsync(AlertView.From(alert), ct);
    }
}
