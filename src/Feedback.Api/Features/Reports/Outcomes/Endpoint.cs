using Feedback.Clinical.Reports;
using Feedback.Data.Reports;
using Feedback.Data.Tenants;

namespace Feedback.Api.Features.Reports.Outcomes;

/// <summary>Reads and computes an outcome report (JSON and SVG answer the same figures).</summary>
sealed class OutcomeReportReader(Database database, ReportRepository reports, TenantRepository tenants, TimeProvider clock)
{
    public async Task<Response> ReadAsync(long tenantId, Request r, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (from, to) = Request.Range(r, now);
        IReadOnlyList<EndedEpisodeAdministration> rows;
        await using (var session = await database.ReadAsync(ct))
        {
            var staleDays = (await tenants.SettingsAsync(session, tenantId, ct)).StaleEpisodeDays;
            rows = await reports.EndedInAsync(session, tenantId, from, to, staleDays > 0 ? now.AddDays(-staleDays) : null, ct);
        }
        var grouping = r.GroupBy switch { "clinician" => ReportGrouping.Clinician, "instrument" => ReportGrouping.Instrument, "month" => ReportGrouping.Month, _ => ReportGrouping.None };
        var administrations = rows.Select(a => new ReportAdministration(a.EpisodeId, a.EndedAt, a.ClientClinicianId, a.AdministrationId, a.Instrument,
            Names.Parse<Rater>(a.Rater), a.AdministeredAt, a.Total, a.ClinicalRange == true, a.ClinicianId)).ToList();
        var (groups, total) = OutcomeReport.Compute(administrations, new ReportQuery(r.Instrument, grouping, r.ClinicianId));
        var (shownGroups, shownTotal) = Suppression.Apply(groups, total);
        if (r.ClinicianId is not null)
        {
            // No more than the clinician's row of the report by clinician shows (else this query minus that one gives
            // back what secondary suppression hid there).
            var (byClinician, all) = OutcomeReport.Compute(administrations, new ReportQuery(r.Instrument, ReportGrouping.Clinician, null));
            var reference = Suppression.Apply(byClinician, all).Groups.FirstOrDefault(g => g.Key == r.ClinicianId);
            if (reference is not null)
            {
                shownGroups = [.. shownGroups.Select(g => Suppression.HideAsIn(g, reference))];
                shownTotal = Suppression.HideAsIn(shownTotal, reference);
            }
        }
        return new Response
        {
            ReportVersion = OutcomeReport.Version, From = Day(from), To = Day(to), Instrument = r.Instrument, GroupBy = r.GroupBy,
            MinCellSize = Suppression.MinCellSize, Groups = [.. shownGroups.Select(ReportGroupView.From)], Total = ReportGroupView.From(shownTotal),
        };
    }

    static string Day(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

sealed class Endpoint(OutcomeReportReader reader) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get(ApiRoutes.OutcomeReport);
        Policies(KeyScopes.ReadOrAdmin);
        Description(d => d.WithName("GetOutcomeReport").WithTags("Reports"));
        Summary(s =>
        {
            s.Summary = "How many clients recover: completed episodes, caseness, recovery, reliable change, effect sizes, by group";
            s.Description = "report-v1 (clinical.md section 8). An episode ended in the range when it was closed in it, or is still open and "
                + "its last administration falls in it and is older than the stale-episode guard. Counts of 1-9 and rates or effect sizes "
                + "over fewer than 10 episodes are null, and so is the next-smallest count when the total would reveal a hidden one.";
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct) =>
        await Send.OkAsync(await reader.ReadAsync(User.TenantId(), r, ct), ct);
}
