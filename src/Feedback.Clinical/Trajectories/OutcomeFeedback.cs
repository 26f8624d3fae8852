using Feedback.Clinical.Instruments;

namespace Feedback.Clinical.Trajectories;

public enum ProgressStatus { Baseline, Recovered, OffTrack, AtRisk, OnTrack }

/// <summary>Where an outcome score stands against the intake and the expected trajectory. Values are unrounded.</summary>
public sealed record OutcomeFeedback(
    decimal IntakeScore,
    decimal ChangeFromIntake,
    ChangeCategory ReliableChange,
    bool Recovered,
    int Session,
    double Expected,
    double AtRisk,
    double OffTrack,
    double Deviation,
    ProgressStatus Status)
{
    public string Model => PowerDecay.Model;
}

/// <summary>A score at a point of the episode: its total and the session number the caller gave, if any.</summary>
public readonly record struct ScorePoint(decimal Total, int? SessionNumber);

public static class OutcomeEngine
{
    /// <summary>
    /// Feedback for <paramref name="current"/> given the episode's intake of the same instrument and rater, and the
    /// current administration's 1-based position among them (clinical.md sections 3-5).
    /// </summary>
    public static OutcomeFeedback Evaluate(Instrument instrument, AgeGroup ageGroup, ScorePoint intake, ScorePoint current, int ordinal)
    {
        var t = TrajectorySession(intake, current, ordinal);
        double x0 = (double)intake.Total, x = (double)current.Total;
        var expected = PowerDecay.Expected(instrument, x0, t);
        var w = PowerDecay.BandHalfWidth(instrument);
        var deviation = instrument.Direction.Worse(x, expected);
        var change = ReliableChange.Classify(instrument, x0, x);
        var recovered = ReliableChange.Recovered(instrument, ageGroup, intake.Total, current.Total);

        var status = (t == 1 || ordinal == 1) ? ProgressStatus.Baseline
            : recovered ? ProgressStatus.Recovered
            : change == ChangeCategory.Deteriorated || deviation >= w ? ProgressStatus.OffTrack
            : deviation >= w * PowerDecay.AtRiskFractionOfBand ? ProgressStatus.AtRisk
            : ProgressStatus.OnTrack;

        return new OutcomeFeedback(intake.Total, current.Total - intake.Total, change, recovered, t, expected,
            PowerDecay.AtRisk(instrument, expected), PowerDecay.OffTrack(instrument, expected), deviation, status);
    }

    /// <summary>
    /// t: the session number, counted so that the intake is session 1 of the trajectory (clinical.md section 1); when
    /// a session number is missing, the position among the episode's administrations of this instrument and rater.
    /// </summary>
    public static int TrajectorySession(ScorePoint intake, ScorePoint current, int ordinal)
    {
        if (ordinal == 1 || current.SessionNumber is not { } s) return ordinal;
        var t = intake.SessionNumber is { } s0 ? s - s0 + 1 : s;
        return t >= 1 ? t : ordinal;
    }
}
