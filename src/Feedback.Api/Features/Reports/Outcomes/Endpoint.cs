using Feedback.Clinical.Reports;

namespace Feedback.Api.Features.Reports.Outcomes;

/// <summary>Reads and computes an outcome report (JSON and SVG answer the same figures).</summary>
sealed class OutcomeReportReader(EndedEpisodes ended)
{
    public async Task<Response> ReadAsync(long tenantId, Request r, CancellationToken ct)
    {
        var (from, to, administrations) = await ended.ReadAsync(tenantId, r, null, ct);
        var grouping = r.GroupBy switch { "clinician" => ReportGrouping.Clinician, "instrument" => ReportGrouping.Instrument, "month" => ReportGrouping.Month, _ => ReportGrouping.None };
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
            ReportVersion = OutcomeReport.Version, From = ReportRange.Day(from), To = ReportRange.Day(to), Instrument = r.Instrument, GroupBy = r.GroupBy,
            MinCellSize = Suppression.MinCellSize, SaesMethod = OutcomeReport.SaesMethod, SaesReference = OutcomeReport.SaesReferenceName,
            Groups = [.. shownGroups.Select(ReportGroupView.From)], Total = ReportGroupView.From(shownTotal),
        };
    }
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
            s.Summary = "How many clients recover: completed episodes, caseness, recovery, reliable change, effect sizes, alliance counts, by group";
            s.Description = "report-v1.1 (clinical.md section 8). An episode ended in the range when it was closed in it, or is still open and "
                + "its last administration falls in it and is older than the stale-episode guard. Counts of 1-9 are null, and so is any count "
                + "that a row or column sum would give back (algorithm v1.2); rates over fewer than 10 or over a hidden count, and effect sizes "
                + "over fewer than 10 cases, are null too.";
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct) =>
        await Send.OkAsync(await reader.ReadAsync(User.TenantId(), r, ct), ct);
}
