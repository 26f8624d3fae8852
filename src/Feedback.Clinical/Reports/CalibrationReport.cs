using Feedback.Clinical.Instruments;
using Feedback.Clinical.Trajectories;

namespace Feedback.Clinical.Reports;

/// <summary>
/// The calibration report's counts before suppression (clinical.md section 12): the sample's episodes, those assessed
/// early and their confusion matrix of early flags against poor outcome, the post-intake assessments and the flagged ones,
/// and the AUC of the largest early deviation for poor outcome (null without a poor and a not-poor episode).
/// </summary>
public sealed record CalibrationFigures(int Episodes, int EarlyAssessed, int Poor, int NotPoor, int TruePositives, int FalsePositives,
    int FalseNegatives, int TrueNegatives, int PostIntakeAssessments, int FlaggedAssessments, double? Auc)
{
    /// <summary>The count cells in field order, as the suppression table takes them.</summary>
    public int[] Cells => [Episodes, EarlyAssessed, Poor, NotPoor, TruePositives, FalsePositives, FalseNegatives, TrueNegatives,
        PostIntakeAssessments, FlaggedAssessments];
}

/// <summary>
/// calibration-v1 (clinical.md section 12): does the signal of power-decay-v1.1 and alerts-v1.2 mean anything in this
/// service? Over the ended episodes with at least 4 client administrations of one outcome instrument.
/// </summary>
public static class CalibrationReport
{
    public const string Version = "calibration-v1";
    /// <summary>The statuses are today's: no_change is alerts-v1.2's (section 5).</summary>
    public const string RulesVersion = Alerts.AlertRules.Version;
    public const string Model = PowerDecay.Model;

    /// <summary>
    /// The figures over <paramref name="rows"/>: client administrations of <paramref name="instrument"/> in ended episodes,
    /// in any order; with <paramref name="clinicianId"/>, only the episodes whose last administration (else the client)
    /// names that clinician. One pass into a dictionary by episode, a sort of each short list, one pass over the episodes:
    /// the report runs over a whole tenant (docs/performance.md).
    /// </summary>
    public static CalibrationFigures Compute(Instrument instrument, IReadOnlyList<ReportAdministration> rows, string? clinicianId)
    {
        var byEpisode = new Dictionary<string, List<ReportAdministration>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Rater != Rater.Client || row.Instrument != instrument.Code) continue;
            if (!byEpisode.TryGetValue(row.EpisodeId, out var list)) byEpisode[row.EpisodeId] = list = new List<ReportAdministration>(4);
            list.Add(row);
        }
        var sample = new List<CalibrationEpisode>(byEpisode.Count);
        foreach (var list in byEpisode.Values)
        {
            if (list.Count < CalibrationEpisode.MinimumAdministrations) continue;
            list.Sort(OutcomeReport.InTimeOrder);
            if (clinicianId is not null && (list[^1].ClinicianId ?? list[^1].ClientClinicianId) != clinicianId) continue;
            sample.Add(CalibrationEpisode.Of(instrument, list));
        }
        return Of(sample);
    }

    /// <summary>The figures of a sample of episodes already read.</summary>
    public static CalibrationFigures Of(IReadOnlyList<CalibrationEpisode> sample)
    {
        int early = 0, tp = 0, fp = 0, fn = 0, tn = 0, postIntake = 0, flagged = 0;
        var poorDeviations = new List<double>();
        var notPoorDeviations = new List<double>();
        foreach (var e in sample)
        {
            postIntake += e.PostIntakeAssessments;
            flagged += e.FlaggedAssessments;
            if (!e.EarlyAssessed) continue;
            early++;
            (e.Poor ? poorDeviations : notPoorDeviations).Add(e.MaxEarlyDeviation);
            if (e.FlaggedEarly && e.Poor) tp++;
            else if (e.FlaggedEarly) fp++;
            else if (e.Poor) fn++;
            else tn++;
        }
        return new CalibrationFigures(sample.Count, early, tp + fn, fp + tn, tp, fp, fn, tn, postIntake, flagged,
            Auc(poorDeviations, notPoorDeviations));
    }

    /// <summary>
    /// Mann-Whitney AUC (section 12 (d)): over every pair of a poor and a not-poor episode, 1 when the poor one's maximum
    /// deviation is larger, 1/2 when equal; the share of the pairs. Counted by binary search in the sorted not-poor
    /// values rather than pair by pair (a tenant's sample holds tens of thousands of episodes). Rounded to 3 decimals.
    /// </summary>
    public static double? Auc(IReadOnlyList<double> poor, List<double> notPoor)
    {
        if (poor.Count == 0 || notPoor.Count == 0) return null;
        notPoor.Sort();
        long halves = 0;
        foreach (var p in poor)
        {
            var below = LowerBound(notPoor, p);
            var atOrBelow = UpperBound(notPoor, p);
            halves += 2L * below + (atOrBelow - below);
        }
        return TableSuppression.Share(halves, 2.0 * poor.Count * notPoor.Count);
    }

    // The first index whose value is not below (LowerBound) / above (UpperBound) value.
    static int LowerBound(List<double> sorted, double value)
    {
        var (lo, hi) = (0, sorted.Count);
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (sorted[mid] < value) lo = mid + 1; else hi = mid; }
        return lo;
    }

    static int UpperBound(List<double> sorted, double value)
    {
        var (lo, hi) = (0, sorted.Count);
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (sorted[mid] <= value) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
