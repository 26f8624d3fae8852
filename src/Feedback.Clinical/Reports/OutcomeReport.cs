using Feedback.Clinical.Instruments;

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
        var byEpisode = ClientRatedByEpisode(rows);
        var instruments = query.Instrument is { } one ? [one]
            : Catalogue.All.Where(i => i.Kind == InstrumentKind.Outcome).Select(i => i.Code).ToList();

        var episodes = new List<Episode>();
        var references = new Dictionary<string, SaesReference?>();
        foreach (var instrument in instruments)
        {
            var catalogued = instrument == Paired ? null : Catalogue.Get(instrument);
            var all = new List<Episode>(byEpisode.Count);
            foreach (var e in byEpisode)
                if (Read(instrument, catalogued, e) is { } episode) all.Add(episode);
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

    // Each episode's client-rated administrations in time order (then by id). A report reads 200,000 rows for 100,000
    // episodes: one pass into a dictionary and a sort of each short list, not LINQ's GroupBy and OrderBy (docs/performance.md).
    static List<List<ReportAdministration>> ClientRatedByEpisode(IReadOnlyList<ReportAdministration> rows)
    {
        var byId = new Dictionary<string, List<ReportAdministration>>(StringComparer.Ordinal);
        var episodes = new List<List<ReportAdministration>>();
        foreach (var row in rows)
        {
            if (row.Rater != Rater.Client) continue;
            if (!byId.TryGetValue(row.EpisodeId, out var list))
            {
                byId[row.EpisodeId] = list = new List<ReportAdministration>(4);
                episodes.Add(list);
            }
            list.Add(row);
        }
        foreach (var list in episodes)
            if (list.Count > 1) list.Sort(InTimeOrder);
        return episodes;
    }

    static int InTimeOrder(ReportAdministration a, ReportAdministration b)
    {
        var byTime = a.AdministeredAt.CompareTo(b.AdministeredAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }

    static string MonthOf(DateTimeOffset at) => $"{at.UtcDateTime.Year:0000}-{at.UtcDateTime.Month:00}";

    // The episode for one instrument (or the pair): null when it holds none of it. Clinician: that of the final
    // administration, else the client's.
    static Episode? Read(string instrument, Instrument? catalogued, List<ReportAdministration> episode)
    {
        if (instrument == Paired)
        {
            var phq9 = episode.Where(a => a.Instrument == "PHQ-9").ToList();
            var gad7 = episode.Where(a => a.Instrument == "GAD-7").ToList();
            if (phq9.Count + gad7.Count == 0) return null;
            var final = phq9.Concat(gad7).MaxBy(a => (a.AdministeredAt, a.Id))!;
            var reading = phq9.Count >= 2 && gad7.Count >= 2
                ? EpisodeReading.Of(new PairedEpisode(phq9[0].Total, phq9[^1].Total, gad7[0].Total, gad7[^1].Total))
                : null;
            return new Episode(instrument, final.ClinicianId ?? final.ClientClinicianId, MonthOf(episode[0].EndedAt), reading);
        }
        ReportAdministration? first = null, last = null;
        var count = 0;
        foreach (var a in episode)
        {
            if (a.Instrument != instrument) continue;
            first ??= a;
            last = a;
            count++;
        }
        if (last is null) return null;
        var completed = count >= 2
            ? EpisodeReading.Of(catalogued!, new CompletedEpisode(first!.Total, last.Total, first.ClinicalRange, last.ClinicalRange))
            : null;
        return new Episode(instrument, last.ClinicianId ?? last.ClientClinicianId, MonthOf(episode[0].EndedAt), completed);
    }
}
