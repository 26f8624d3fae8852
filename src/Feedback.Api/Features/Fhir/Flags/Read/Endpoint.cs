using Feedback.Data.Alerts;

namespace Feedback.Api.Features.Fhir.Flags.Read;

/// <summary>GET /fhir/r4/Flag/{id} (scope read): one alert. Acknowledging stays REST (POST /v1/alerts/{id}/acknowledge).</summary>
sealed class Endpoint(Database database, AlertRepository alerts) : FhirEndpoint
{
    public override void Configure() => Serve(FhirRoutes.Flag, KeyScopes.Read);

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<string>("id", isRequired: false) ?? "";
        AlertRow? alert = null;
        if (Ulid.TryParse(id, out _))
        {
            await using var session = await database.ReadAsync(ct);
            alert = await alerts.GetAsync(session, User.TenantId(), id, ct);
        }
        if (alert is null)
        {
            await SendNotFoundAsync("Flag");
            return;
        }
        Api.Audit.AuditedClients.Set(HttpContext, [alert.ClientId]);
        await SendResourceAsync(FlagResource.From(alert, Canonical));
    }
}
