using Feedback.Data.Administrations;

namespace Feedback.Api.Features.Fhir.QuestionnaireResponses.Read;

/// <summary>GET /fhir/r4/QuestionnaireResponse/{id} (scope read): the normalised response of any administration, REST or FHIR.</summary>
sealed class Endpoint(Database database, AdministrationRepository administrations) : FhirEndpoint
{
    public override void Configure() => Serve(FhirRoutes.QuestionnaireResponse, KeyScopes.Read);

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<string>("id", isRequired: false) ?? "";
        AdministrationRow? row = null;
        if (Ulid.TryParse(id, out _))
        {
            await using var session = await database.ReadAsync(ct);
            row = await administrations.FindAsync(session, User.TenantId(), id, ct);
        }
        if (row is null)
        {
            await SendNotFoundAsync("QuestionnaireResponse");
            return;
        }
        Api.Audit.AuditedClients.Set(HttpContext, [row.ClientId]);
        SetVersionHeaders(row.ReceivedAt);
        await SendResourceAsync(QuestionnaireResponseResource.From(row, Canonical, row.ClinicianId));
    }
}
