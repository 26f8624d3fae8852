using System.Globalization;
using Feedback.Data.Administrations;
using Feedback.Data.Tenants;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.Observations.Search;

/// <summary>
/// GET /fhir/r4/Observation (scope read): a client's scores (subject or patient) or one response's (derived-from), by
/// code, category and date, newest first (or `_sort=date`), in keyset pages on (effective time, administration, part).
/// </summary>
sealed partial class Endpoint(Database database, TenantRepository tenants, AdministrationRepository administrations) : FhirEndpoint
{
    const string DerivedFrom = "derived-from";

    public override void Configure() => Serve(FhirRoutes.Observations, KeyScopes.Read);

    public override async Task HandleAsync(CancellationToken ct)
    {
        var (search, issues) = FhirSearch.Parse(HttpContext, "Observation", cursorParts: 3);
        var tenantId = User.TenantId();
        await using var session = await database.ReadAsync(ct);
        var (clientId, subjectIssue) = SubjectFilter.Of(search, Canonical, (await tenants.SettingsAsync(session, tenantId, ct)).FhirClientIdSystem);
        if (subjectIssue is not null) issues.Add(subjectIssue);
        string? administrationId = null;
        var derivedFromNothing = false;
        if (search[DerivedFrom] is { } derived)
        {
            // A well-formed reference that names no stored response finds nothing; only a malformed one is a 400.
            if (derived.Split('/') is [var referencedType, var referencedId] && TypeName().IsMatch(referencedType) && FhirReferences.IsFhirId(referencedId))
            {
                administrationId = referencedId;
                derivedFromNothing = referencedType != "QuestionnaireResponse" || !Ulid.TryParse(referencedId, out _);
            }
            else issues.Add(FhirSearch.Invalid("derived-from takes a reference <type>/<id>, e.g. QuestionnaireResponse/<id>.", "value"));
        }
        if (search["code"] is { } asked && (asked.Contains(',') || asked.EndsWith('|')))
            issues.Add(FhirSearch.Invalid("code takes one code (system|code or a bare code); search once per code.", "not-supported"));
        if (clientId is null && search[DerivedFrom] is null && subjectIssue is null)
            issues.Add(FhirSearch.Invalid("Name the client (subject or patient) or the response (derived-from).", "required"));
        var oldestFirst = search[FhirSearch.Sort] switch
        {
            null or "-date" => false,
            "date" => true,
            var other => Invalid(issues, $"_sort takes date or -date, not {other}."),
        };
        var position = oldestFirst ? (At: DateTimeOffset.MinValue, Id: "", Index: -1) : (At: DateTimeOffset.MaxValue, Id: "~", Index: -1);
        if (search.CursorParts is [var at, var id, var index])
        {
            if (Keyset.TryInstant(at, out var instant) && Ulid.TryParse(id, out _) && int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
                position = (instant, id, i);
            else issues.Add(FhirSearch.Invalid("_cursor is not a cursor of this search.", "value"));
        }
        if (issues.Count > 0)
        {
            await SendIssuesAsync(400, issues);
            return;
        }

        var code = search["code"] is { } token ? ObservationCodes.Parse(token, Canonical) : null;
        var nothing = derivedFromNothing || search["code"] is not null && code is null || search["category"] is { } category && !IsSurvey(category);
        var found = new List<(AdministrationRow Row, int Index, string Part)>();
        while (!nothing && found.Count <= search.PageSize)
        {
            var batch = await administrations.SearchAsync(session, tenantId, new AdministrationSearch(clientId, administrationId, code?.Instrument,
                search.From, search.To, oldestFirst, position.At, position.Id, search.PageSize + 1), ct);
            foreach (var row in batch)
            {
                var parts = ObservationResource.PartsOf(Catalogue.Get(row.Instrument));
                for (var i = 0; i < parts.Count; i++)
                {
                    if (row.Id == position.Id && i <= position.Index) continue;
                    if (code is { } c && parts[i] != c.Part) continue;
                    found.Add((row, i, parts[i]));
                }
            }
            if (batch.Count <= search.PageSize) break;
            // More rows may follow: the next batch starts at the last row read, all of whose parts are already listed.
            position = (batch[^1].AdministeredAt, batch[^1].Id, int.MaxValue);
        }
        var page = found.Take(search.PageSize).ToList();
        AuditClients(page.Select(f => f.Row.ClientId), clientId);
        var last = page.Count > 0 ? page[^1] : default;
        var next = found.Count > search.PageSize
            ? FhirSearch.Next(HttpContext, Urls, search.NextCursor(Keyset.Ticks(last.Row.AdministeredAt), last.Row.Id, last.Index.ToString(CultureInfo.InvariantCulture)))
            : null;
        await SendResourceAsync(Bundles.SearchSet(FhirSearch.Self(HttpContext, Urls), next,
            page.Select(f => (FullUrl("Observation", ObservationResource.IdOf(f.Row.Id, f.Part)), (R4.Resource)ObservationResource.From(f.Row, f.Part, Canonical)))));
    }

    static bool Invalid(List<FhirIssue> issues, string diagnostics)
    {
        issues.Add(FhirSearch.Invalid(diagnostics, "value"));
        return false;
    }

    static bool IsSurvey(string category) => category is "survey" || category == $"{FhirCodes.ObservationCategory}|survey";

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z][A-Za-z]{1,63}\z")]
    private static partial System.Text.RegularExpressions.Regex TypeName();
}
