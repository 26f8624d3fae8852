using Feedback.Data.Administrations;
using Feedback.Data.Tenants;

namespace Feedback.Api.Features.Fhir.QuestionnaireResponses.Search;

/// <summary>
/// GET /fhir/r4/QuestionnaireResponse?subject=|patient=|identifier= (scope read): newest first, in keyset pages. One of
/// the filters is required: a search of client data names its client (or the one response's identifier).
/// </summary>
sealed class Endpoint(Database database, TenantRepository tenants, AdministrationRepository administrations) : FhirEndpoint
{
    public override void Configure() => Serve(FhirRoutes.QuestionnaireResponses, KeyScopes.Read);

    public override async Task HandleAsync(CancellationToken ct)
    {
        var (search, issues) = FhirSearch.Parse(HttpContext, "QuestionnaireResponse", cursorParts: 2);
        var tenantId = User.TenantId();
        await using var session = await database.ReadAsync(ct);
        var (clientId, subjectIssue) = SubjectFilter.Of(search, Canonical, (await tenants.SettingsAsync(session, tenantId, ct)).FhirClientIdSystem);
        if (subjectIssue is not null) issues.Add(subjectIssue);
        var identifier = search["identifier"];
        if (identifier is not null && !identifier.Contains('|'))
            issues.Add(FhirSearch.Invalid("identifier takes <system>|<value> (|<value> for one sent without a system).", "value"));
        if (clientId is null && identifier is null && issues.Count == 0)
            issues.Add(FhirSearch.Invalid("Name the client (subject or patient) or the response (identifier).", "required"));
        var position = AdministrationCursor.Start;
        if (search.CursorParts is [var at, var id] && (!Keyset.TryInstant(at, out var instant) || !Ulid.TryParse(id, out _)))
            issues.Add(FhirSearch.Invalid("_cursor is not a cursor of this search.", "value"));
        else if (search.CursorParts is [var at2, var id2] && Keyset.TryInstant(at2, out var instant2))
            position = new AdministrationCursor(instant2, id2);
        if (issues.Count > 0)
        {
            await SendIssuesAsync(400, issues);
            return;
        }

        string? onlyId = null;
        if (identifier is not null)
        {
            var parts = identifier.Split('|', 2);
            onlyId = await administrations.FindIdByFhirIdentifierAsync(session, tenantId, parts[0], parts[1], ct) ?? "none";
        }
        var rows = await administrations.SearchAsync(session, tenantId, new AdministrationSearch(clientId, onlyId, null,
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, OldestFirst: false, position.AdministeredAt, position.Id, search.PageSize + 1), ct);
        var page = rows.Take(search.PageSize).ToList();
        AuditClients(page.Select(r => r.ClientId), clientId);
        var next = rows.Count > search.PageSize
            ? FhirSearch.Next(HttpContext, Urls, search.NextCursor(Keyset.Ticks(rows[^1].AdministeredAt), rows[^1].Id))
            : null;
        await SendResourceAsync(Bundles.SearchSet(FhirSearch.Self(HttpContext, Urls), next,
            page.Select(r => (FullUrl("QuestionnaireResponse", r.Id), (Hl7.Fhir.Model.Resource)QuestionnaireResponseResource.From(r, Canonical, r.ClinicianId)))));
    }
}
