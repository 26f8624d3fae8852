using Feedback.Data.Administrations;

namespace Feedback.Api.Features.Fhir.Observations.Read;

/// <summary>GET /fhir/r4/Observation/{id} (scope read): "&lt;administrationId&gt;-total" or "-&lt;subscale&gt;".</summary>
sealed class Endpoint(Database database, AdministrationRepository administrations) : FhirEndpoint
{
    public override void Configure() => Serve(FhirRoutes.Observation, KeyScopes.Read);

    public override async Task HandleAsync(CancellationToken ct)
    {
        AdministrationRow? row = null;
        var id = ObservationResource.ParseId(Route<string>("id", isRequired: false) ?? "");
        if (id is { } found)
        {
            await using var session = await database.ReadAsync(ct);
            row = await administrations.FindAsync(session, User.TenantId(), found.AdministrationId, ct);
        }
        if (row is null || !ObservationResource.PartsOf(Catalogue.Get(row.Instrument)).Contains(id!.Value.Part))
        {
            await SendNotFoundAsync("Observation");
            return;
        }
        Api.Audit.AuditedClients.Set(HttpContext, [row.ClientId]);
        SetVersionHeaders(row.ReceivedAt);
        await SendResourceAsync(ObservationResource.From(row, id.Value.Part, Canonical));
    }
}
