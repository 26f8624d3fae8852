using System.Globalization;
using Feedback.Data.Alerts;
using Feedback.Data.Tenants;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.Flags.Search;

/// <summary>
/// GET /fhir/r4/Flag?subject=&amp;status= (scope read): one client's alerts, or without a subject the tenant's worklist;
/// status active, inactive or both (the default); urgent first, then newest, as GET /v1/alerts.
/// </summary>
sealed class Endpoint(Database database, TenantRepository tenants, AlertRepository alerts) : FhirEndpoint
{
    public override void Configure() => Serve(FhirRoutes.Flags, KeyScopes.Read);

    public override async Task HandleAsync(CancellationToken ct)
    {
        var (search, issues) = FhirSearch.Parse(HttpContext, "Flag", cursorParts: 3);
        var tenantId = User.TenantId();
        await using var session = await database.ReadAsync(ct);
        var (clientId, subjectIssue) = SubjectFilter.Of(search, Canonical, (await tenants.SettingsAsync(session, tenantId, ct)).FhirClientIdSystem);
        if (subjectIssue is not null) issues.Add(subjectIssue);
        var statuses = (search["status"] ?? "active,inactive").Split(',').ToHashSet(StringComparer.Ordinal);
        if (!statuses.IsSubsetOf(["active", "inactive"]))
            issues.Add(FhirSearch.Invalid("status takes active, inactive, or both separated by a comma.", "value"));
        var after = AlertCursor.Start;
        if (search.CursorParts is [var rank, var at, var id])
        {
            if (int.TryParse(rank, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && Keyset.TryInstant(at, out var instant) && Ulid.TryParse(id, out _))
                after = new AlertCursor(r, instant, id);
            else issues.Add(FhirSearch.Invalid("_cursor is not a cursor of this search.", "value"));
        }
        if (issues.Count > 0)
        {
            await SendIssuesAsync(400, issues);
            return;
        }

        var filter = statuses.Count == 2 ? new AlertFilter(null, null, clientId, null, null)
            : statuses.Contains("active") ? new AlertFilter(AlertStatuses.Open, null, clientId, null, null)
            : new AlertFilter(null, null, clientId, null, null, NotStatus: AlertStatuses.Open);
        var rows = await alerts.WorklistAsync(session, tenantId, filter, after, search.PageSize + 1, ct);
        var page = rows.Take(search.PageSize).ToList();
        AuditClients(page.Select(a => a.ClientId), clientId);
        var next = rows.Count > search.PageSize
            ? FhirSearch.Next(HttpContext, Urls, search.NextCursor(page[^1].PriorityRank.ToString(CultureInfo.InvariantCulture), Keyset.Ticks(page[^1].CreatedAt), page[^1].Id))
            : null;
        await SendResourceAsync(Bundles.SearchSet(FhirSearch.Self(HttpContext, Urls), next,
            page.Select(a => (FullUrl("Flag", a.Id), (R4.Resource)FlagResource.From(a, Canonical)))));
    }
}
