using Feedback.Data.Administrations;
using Feedback.Data.Alerts;

namespace Feedback.Api.Features.Administrations.Get;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    /// <summary>From the route.</summary>
    [RouteParam] public string Id { get; set; } = "";
}

sealed class Endpoint(Database database, AdministrationRepository administrations, AlertRepository alerts) : Endpoint<Request, AdministrationView>
{
    public override void Configure()
    {
        Get(ApiRoutes.Administration);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("GetAdministration").WithTags("Administrations"));
        Summary(s => s.Summary = "One administration, with the feedback that was answered when it arrived");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        var tenantId = User.TenantId();
        var row = await administrations.GetAsync(session, tenantId, r.ClientId, r.Id, ct);
        if (row is null)
        {
            await HttpContext.WriteProblemAsync(404, "No such administration for this client.");
            return;
        }
        var raised = await alerts.ForAdministrationAsync(session, tenantId, row.Id, ct);
        await Send.OkAsync(AdministrationView.From(row, withFeedback: true, raised), ct);
    }
}
