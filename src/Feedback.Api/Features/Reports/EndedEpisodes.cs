using Feedback.Clinical.Reports;
using Feedback.Data.Reports;
using Feedback.Data.Tenants;

namespace Feedback.Api.Features.Reports;

/// <summary>
/// The administrations of the episodes that ended in a report's range (clinical.md section 8: closed in it, or open with
/// a last administration in it older than the tenant's stale-episode guard), as the pure report code takes them.
/// </summary>
sealed class EndedEpisodes(Database database, ReportRepository reports, TenantRepository tenants, TimeProvider clock)
{
    /// <summary>The range asked for, and its rows; with an instrument, only its client ratings (the calibration report).</summary>
    public async Task<(DateTimeOffset From, DateTimeOffset To, List<ReportAdministration> Rows)> ReadAsync(long tenantId, IReportRange range,
        string? instrument, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (from, to) = ReportRange.Of(range, now);
        IReadOnlyList<EndedEpisodeAdministration> rows;
        await using (var session = await database.ReadAsync(ct))
        {
            var staleDays = (await tenants.SettingsAsync(session, tenantId, ct)).StaleEpisodeDays;
            rows = await reports.EndedInAsync(session, tenantId, from, to, staleDays > 0 ? now.AddDays(-staleDays) : null, ct, instrument);
        }
        var administrations = new List<ReportAdministration>(rows.Count);
        foreach (var a in rows)
            administrations.Add(new ReportAdministration(a.EpisodeId, a.EndedAt, a.ClientClinicianId, a.AdministrationId, a.Instrument,
                Names.Parse<Rater>(a.Rater), a.AdministeredAt, a.Total, a.ClinicianId, a.SessionNumber, Names.Parse<AgeGroup>(a.AgeGroup)));
        return (from, to, administrations);
    }
}
