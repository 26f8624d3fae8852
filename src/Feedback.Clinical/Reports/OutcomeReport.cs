using Feedback.Clinical.Episodes;
using Feedback.Clinical.Instruments;

namespace Feedback.Clinical.Reports;

/// <summary>
/// An administration of an episode that ended in the report's range (EndedAt: closed, or stale since), any instrument
/// and rater, with the session number the clinic gave it and the age group stored with it.
/// </summary>
public sealed record ReportAdministration(
    string EpisodeId, DateTimeOffset EndedAt, string? ClientClinicianId, string Id, string Instrument, Rater Rater,
    DateTimeOffset AdministeredAt, decimal Total, string? ClinicianId, int? SessionNumber = null, AgeGroup AgeGroup = AgeGroup.Adult);

public enum ReportGrouping { None, Clinician, Instrument, Month }

/// <param name="Instrument">An outcome instrument's code, <see cref="OutcomeReport.Paired"/>, or null for every outcome instrument (grouped by instrument).</param>
public sealed record ReportQuery(string? Instrument, ReportGrouping GroupBy, string? ClinicianId);

/// <summary>
/// report-v1.1 (clinical.md section 8, interop.md 4.1): per group, the episodes that ended, those completed for the
/// instrument (>= 2 client-rated administrations; intake = first, final = last by administeredAt), their readings, and
/// the alliance block.
/// </summary>
public static class OutcomeReport
{
    public const string Version = "report-v1.1";
    public const string Paired = "PHQ-9+GAD-7";
    public const string SaesMethod = "saes-v1";
    /// <summary>The SAES is adjusted against the tenant's own episodes, not a published database (section 8, defect 8).</summary>
    public const string SaesReferenceName = "tenant";

    sealed record Episode(string Key, string? Clinician, string Month, EpisodeReading? Reading);

    sealed record Series(string Month, AllianceSeriesTally Tally);

    public static (IReadOnlyList<OutcomeFigures> Groups, OutcomeFigures Total) Compute(IReadOnlyList<ReportAdministration> rows, ReportQuery query)
    {
        var byEpisode = EpisodesInTimeOrder(rows);
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
        var series = AllianceSeries(byEpisode).Where(s => query.ClinicianId is null || s.Tally.Clinician == query.ClinicianId).ToList();
        // The block's rows: each alliance instrument and rater with at least one counted series in the report.
        var pairs = Catalogue.All.Where(i => i.Kind == InstrumentKind.Alliance)
            .SelectMany(i => SeriesRaters.Select(r => (i.Code, Rater: r)))
            .Where(p => series.Any(s => s.Tally.Counted && (s.Tally.Instrument, s.Tally.Rater) == p)).ToList();
        List<AllianceFigures> Block(IEnumerable<Series> of)
        {
            var list = of.ToList();
            return [.. pairs.Select(p => list.Where(s => (s.Tally.Instrument, s.Tally.Rater) == p)
                .Aggregate(AllianceFigures.Empty(p.Code, p.Rater), (f, s) => f.Add(s.Tally)))];
        }

        OutcomeFigures Figures(string? key, IReadOnlyList<Episode> of, bool showsSaes, IEnumerable<Series>? alliance)
        {
            // One instrument per row: the total across instruments is not computed (below), so effect sizes never mix them.
            var readings = of.Select(e => e.Reading).OfType<EpisodeReading>().ToList();
            var reference = showsSaes && of.Count > 0 ? references[of[0].Key] : null;
            return OutcomeFigures.Of(key, of.Count, readings, reference) with { ShowsSaes = showsSaes, Alliance = alliance is null ? null : Block(alliance) };
        }

        // A group is a key of an outcome episode or of an alliance series.
        List<OutcomeFigures> Grouped(Func<Episode, string?> episodeKey, Func<Series, string?> seriesKey, IEnumerable<string?> ordered)
        {
            var (outcomes, alliance) = (episodes.ToLookup(episodeKey), series.ToLookup(seriesKey));
            return [.. ordered.Select(k => Figures(k, [.. outcomes[k]], true, alliance[k]))];
        }
        var groups = query.GroupBy switch
        {
            ReportGrouping.Clinician => Grouped(e => e.Clinician, s => s.Tally.Clinician, episodes.Select(e => e.Clinician)
                .Concat(series.Select(s => s.Tally.Clinician)).Distinct().OrderBy(k => k is null).ThenBy(k => k, StringComparer.Ordinal)),
            ReportGrouping.Month => Grouped(e => e.Month, s => s.Month, episodes.Select(e => (string?)e.Month)
                .Concat(series.Select(s => s.Month)).Distinct().Order(StringComparer.Ordinal)),
            ReportGrouping.Instrument => episodes.GroupBy(e => e.Key).OrderBy(g => instruments.IndexOf(g.Key)).Select(g => Figures(g.Key, [.. g], false, null)).ToList(),
            _ => [Figures(null, episodes, false, series)],
        };
        // Across instruments the figures do not add up (one episode holds several), and a total next to the single-instrument
        // reports would give back the cells hidden in them: with groupBy=instrument the total's outcome figures are empty
        // (every one null); its alliance block, which does not depend on the instrument, is shown there alone.
        var total = query.GroupBy == ReportGrouping.Instrument && instruments.Count > 1
            ? OutcomeFigures.NotApplicable with { Alliance = Block(series) }
            : Figures(null, episodes, false, series);
        return (groups, total);
    }

    // Each episode's administrations in time order (then by id). A report reads 200,000 rows for 100,000 episodes: one
    // pass into a dictionary and a sort of each short list, not LINQ's GroupBy and OrderBy (docs/performance.md).
    static List<List<ReportAdministration>> EpisodesInTimeOrder(IReadOnlyList<ReportAdministration> rows)
    {
        var byId = new Dictionary<string, List<ReportAdministration>>(StringComparer.Ordinal);
        var episodes = new List<List<ReportAdministration>>();
        foreach (var row in rows)
        {
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

    internal static int InTimeOrder(ReportAdministration a, ReportAdministration b)
    {
        var byTime = a.AdministeredAt.CompareTo(b.AdministeredAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }

    // Client before caregiver (section 8); the therapist's ratings have no rupture series (rupture-v1).
    static readonly Rater[] SeriesRaters = [Rater.Client, Rater.Caregiver];

    static string MonthOf(DateTimeOffset at) => $"{at.UtcDateTime.Year:0000}-{at.UtcDateTime.Month:00}";

    // Every alliance series of client and caregiver in the ended episodes; the episode sessions count from the first
    // administration of any instrument and rater (clinical.md section 1).
    static IEnumerable<Series> AllianceSeries(List<List<ReportAdministration>> byEpisode)
    {
        foreach (var episode in byEpisode)
        {
            if (!episode.Exists(a => Catalogue.Find(a.Instrument)?.Kind == InstrumentKind.Alliance)) continue;
            EpisodeSessions? sessions = null;
            foreach (var instrument in Catalogue.All)
            {
                if (instrument.Kind != InstrumentKind.Alliance) continue;
                foreach (var rater in SeriesRaters)
                {
                    var ratings = episode.Where(a => a.Instrument == instrument.Code && a.Rater == rater).ToList();
                    if (ratings.Count == 0) continue;
                    sessions ??= new EpisodeSessions(episode.Select(a => new EpisodeVisit(a.Id, a.AdministeredAt, a.SessionNumber)));
                    yield return new Series(MonthOf(episode[0].EndedAt), AllianceSeriesTally.Of(instrument, rater, ratings, sessions));
                }
            }
        }
    }

    // The episode for one instrument (or the pair), client-rated: null when it holds none of it. Clinician: that of the
    // final administration, else the client's.
    static Episode? Read(string instrument, Instrument? catalogued, List<ReportAdministration> episode)
    {
        if (instrument == Paired)
        {
            var phq9 = episode.Where(a => a.Instrument == "PHQ-9" && a.Rater == Rater.Client).ToList();
            var gad7 = episode.Where(a => a.Instrument == "GAD-7" && a.Rater == Rater.Client).ToList();
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
            if (a.Instrument != instrument || a.Rater != Rater.Client) continue;
            first ??= a;
            last = a;
            count++;
        }
        if (last is null) return null;
        var completed = count >= 2
            ? EpisodeReading.Of(catalogued!, new CompletedEpisode(first!.Total, last.Total, first.AgeGroup))
            : null;
        return new Episode(instrument, last.ClinicianId ?? last.ClientClinicianId, MonthOf(episode[0].EndedAt), completed);
    }
}
