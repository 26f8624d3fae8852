using Feedback.Clinical.Instruments;
using Feedback.Clinical.Trajectories;

namespace Feedback.Clinical.Reports;

/// <summary>
/// One sampled episode as the calibration report reads it (clinical.md section 12), every status recomputed with
/// today's rules: its post-intake assessments and how many were flagged, whether it was assessed and flagged at
/// trajectory sessions 2-4 and its largest 6-place deviation there, and whether it ended poorly (last vs first not
/// reliably improved).
/// </summary>
public readonly record struct CalibrationEpisode(int PostIntakeAssessments, int FlaggedAssessments, bool EarlyAssessed, bool FlaggedEarly,
    double MaxEarlyDeviation, bool Poor)
{
    /// <summary>The sample: ended episodes with at least this many client administrations of the instrument.</summary>
    public const int MinimumAdministrations = 4;

    const int FirstEarlySession = 2, LastEarlySession = 4;

    /// <summary>
    /// The reading of one episode's client administrations of <paramref name="instrument"/>, in time order (at least
    /// <see cref="MinimumAdministrations"/>). Each is evaluated against the intake as GET progress does, by its ordinal.
    /// </summary>
    public static CalibrationEpisode Of(Instrument instrument, IReadOnlyList<ReportAdministration> administrations)
    {
        var first = administrations[0];
        var intake = new ScorePoint(first.Total, first.SessionNumber, first.AgeGroup);
        var (postIntake, flagged, earlyAssessed, flaggedEarly, maxDeviation) = (0, 0, false, false, double.NegativeInfinity);
        for (var k = 1; k < administrations.Count; k++)
        {
            var a = administrations[k];
            var feedback = OutcomeEngine.Evaluate(instrument, intake, new ScorePoint(a.Total, a.SessionNumber, a.AgeGroup), k + 1);
            if (feedback.Status == ProgressStatus.Baseline) continue;
            postIntake++;
            var isFlag = IsFlag(feedback.Status);
            if (isFlag) flagged++;
            if (feedback.Session is < FirstEarlySession or > LastEarlySession) continue;
            earlyAssessed = true;
            flaggedEarly |= isFlag;
            maxDeviation = Math.Max(maxDeviation, feedback.Deviation);
        }
        var poor = ReliableChange.Classify(instrument, first.Total, administrations[^1].Total) != ChangeCategory.Improved;
        return new CalibrationEpisode(postIntake, flagged, earlyAssessed, flaggedEarly, maxDeviation, poor);
    }

    /// <summary>A flag: the statuses that ask the clinician to look (section 12 (a)).</summary>
    public static bool IsFlag(ProgressStatus status) => status is ProgressStatus.AtRisk or ProgressStatus.OffTrack or ProgressStatus.NoChange;
}
