using Feedback.Data.Administrations;
using Feedback.Data.Alerts;

namespace Feedback.Api.Features.Administrations.GetById;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string Id { get; set; } = "";
}

/// <summary>GET /v1/administrations/{id} (interop.md 2.2): where a webhook event's href points, readable without a client id.</summary>
sealed class Endpoint(Database database, AdministrationRepository administrations, AlertRepository alerts) : Endpoint<Request, AdministrationView>
{
    public override void Configure()
    {
        Get(ApiRoutes.AdministrationById);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("GetAdministrationById").WithTags("Administrations"));
        Summary(s => s.Summary = "One administration by id (where a webhook event's href points), with its feedback and alerts");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        var tenantId = User.TenantId();
        var row = await administrations.FindAsync(session, tenantId, r.Id, ct);
        if (row is null)
        {
            await HttpContext.WriteProblemAsync(404, "No such administration.");
            return;
        }
        Api.Audit.AuditedClients.Set(HttpContext, [row.ClientId]);
        var raised = await alerts.ForAdministrationAsync(session, tenantId, row.Id, ct);
        await Send.OkAsync(AdministrationView.From(row, withFeedback: true, raised), ct);
    }
}
