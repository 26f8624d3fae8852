using Feedback.Clinical.Instruments;
using System.Globalization;

namespace Feedback.Clinical.Reports;

/// <summary>A client's administration in an episode that ended in the report's range (EndedAt: closed, or stale since).</summary>
public sealed record ReportAdministration(
    string EpisodeId, DateTimeOffset EndedAt, string? ClientClinicianId, string Id, string Instrument, Rater Rater,
    DateTimeOffset AdministeredAt, decimal Total, bool ClinicalRange, string? ClinicianId);

public enum ReportGrouping { None, Clinician, Instrument, Month }

/// <param name="Instrument">An outcome instrument's code, <see cref="OutcomeReport.Paired"/>, or null for every outcome instrument (grouped by instrument).</param>
public sealed record ReportQuery(string? Instrument, ReportGrouping GroupBy, string? ClinicianId);

/// <summary>
/// report-v1 (clinical.md section 8, interop.md 4.1): per group, the episodes that ended, those completed for the
/// instrument (>= 2 client-rated administrations; intake = first, final = last by administeredAt), and their readings.
/// </summary>
public static class OutcomeReport
{
    public const string Version = "report-v1";
    public const string Paired = "PHQ-9+GAD-7";

    sealed record Episode(string Key, string? Clinician, string Month, EpisodeReading? Reading);

    public static (IReadOnlyList<OutcomeFigures> Groups, OutcomeFigures Total) Compute(IReadOnlyList<ReportAdministration> rows, ReportQuery query)
    {
        var byEpisode = rows.Where(r => r.Rater == Rater.Client).GroupBy(r => r.EpisodeId)
            .Select(g => g.OrderBy(a => a.AdministeredAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList()).ToList();
        var instruments = query.Instrument is { } one ? [one]
            : Catalogue.All.Where(i => i.Kind == InstrumentKind.Outcome).Select(i => i.Code).ToList();

        var episodes = new List<Episode>();
        var references = new Dictionary<string, SaesReference?>();
        foreach (var instrument in instruments)
        {
            var all = byEpisode.Select(e => Read(instrument, e)).OfType<Episode>().ToList();
            // The SAES reference: all the tenant's episodes of the instrument in the range, whatever the clinician or group.
            references[instrument] = SaesReference.From(all.Select(e => e.Reading).OfType<EpisodeReading>());
            episodes.AddRange(all.Where(e => query.ClinicianId is null || e.Clinician == query.ClinicianId));
        }

        OutcomeFigures Figures(string? key, IReadOnlyList<Episode> of)
        {
            var distinct = of.Select(e => e.Key).Distinct().ToList();
            var readings = of.Select(e => e.Reading).OfType<EpisodeReading>().ToList();
            var reference = distinct.Count == 1 ? references[distinct[0]] : null; // effect sizes never mix instruments
            var figures = OutcomeFigures.Of(key, of.Count, readings, reference);
            return distinct.Count == 1 ? figures : figures with { PrePostD = null, Saes = null };
        }

        var groups = query.GroupBy switch
        {
            ReportGrouping.Clinician => episodes.GroupBy(e => e.Clinician).OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Figures(g.Key, [.. g])).ToList(),
            ReportGrouping.Instrument => episodes.GroupBy(e => e.Key).OrderBy(g => instruments.IndexOf(g.Key)).Select(g => Figures(g.Key, [.. g])).ToList(),
            ReportGrouping.Month => episodes.GroupBy(e => e.Month).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g.Key, [.. g])).ToList(),
            _ => [Figures(null, episodes)],
        };
        // Across instruments the figures do not add up (one episode holds several), and a total next to the single-instrument
        // reports would give back the cells hidden in them: with groupBy=instrument the total is empty (every figure null).
        return (groups, query.GroupBy == ReportGrouping.Instrument && instruments.Count > 1 ? OutcomeFigures.NotApplicable : Figures(null, episodes));
    }

    // The episode for one instrument (or the pair): null when it holds none of it. Clinician: that of the final
    // administration, else the client's.
    static Episode? Read(string instrument, List<ReportAdministration> episode)
    {
        var ended = episode[0].EndedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (instrument == Paired)
        {
            var phq9 = episode.Where(a => a.Instrument == "PHQ-9").ToList();
            var gad7 = episode.Where(a => a.Instrument == "GAD-7").ToList();
            if (phq9.Count + gad7.Count == 0) return null;
            var final = phq9.Concat(gad7).MaxBy(a => (a.AdministeredAt, a.Id))!;
            var reading = phq9.Count >= 2 && gad7.Count >= 2
                ? EpisodeReading.Of(new PairedEpisode(phq9[0].Total, phq9[^1].Total, gad7[0].Total, gad7[^1].Total))
                : null;
            return new Episode(instrument, final.ClinicianId ?? final.ClientClinicianId, ended, reading);
        }
        var mine = episode.Where(a => a.Instrument == instrument).ToList();
        if (mine.Count == 0) return null;
        var last = mine[^1];
        var completed = mine.Count >= 2
            ? EpisodeReading.Of(Catalogue.Get(instrument), new CompletedEpisode(mine[0].Total, last.Total, mine[0].ClinicalRange, last.ClinicalRange))
            : null;
        return new Episode(instrument, last.ClinicianId ?? last.ClientClinicianId, ended, completed);
    }
}
