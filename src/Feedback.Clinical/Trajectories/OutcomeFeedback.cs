using Feedback.Clinical.Instruments;

namespace Feedback.Clinical.Trajectories;

public enum ProgressStatus { Baseline, Recovered, OffTrack, AtRisk, NoChange, OnTrack }

/// <summary>
/// Where an outcome score stands against the intake and the expected trajectory. Expected and thresholds are unrounded;
/// Deviation is rounded to 6 places, the value the status was decided on. TrajectoryAgeGroup is the age group stored with
/// the intake, by which every judgement of change is made; TrajectoryClinicalRange is this score judged by it. Stagnant:
/// the no_change condition of clinical.md section 5 (rule 5) holds, whatever the status (an at_risk alert is then high
/// from t = 8).
/// </summary>
public sealed record OutcomeFeedback(
    decimal IntakeScore,
    bool IntakeProrated,
    decimal ChangeFromIntake,
    ChangeCategory ReliableChange,
    bool Recovered,
    int Session,
    double Expected,
    double AtRisk,
    double OffTrack,
    double Deviation,
    ProgressStatus Status,
    AgeGroup TrajectoryAgeGroup = AgeGroup.Adult,
    bool? TrajectoryClinicalRange = null,
    bool Stagnant = false)
{
    public string Model => PowerDecay.Model;
}

/// <summary>
/// A score at a point of the episode: its total, the session number the caller gave (if any), the age group stored with
/// it and whether its total was prorated.
/// </summary>
public readonly record struct ScorePoint(decimal Total, int? SessionNumber, AgeGroup AgeGroup = AgeGroup.Adult, bool Prorated = false);

public static class OutcomeEngine
{
    /// <summary>
    /// Feedback for <paramref name="current"/> given the episode's intake of the same instrument and rater, and the
    /// current administration's 1-based position among them by administeredAt (clinical.md sections 3-5).
    /// </summary>
    public static OutcomeFeedback Evaluate(Instrument instrument, ScorePoint intake, ScorePoint current, int ordinal)
    {
        var t = TrajectorySession(intake, current, ordinal);
        var expected = PowerDecay.Expected(instrument, intake.AgeGroup, (double)intake.Total, t);
        var w = PowerDecay.BandHalfWidth(instrument);
        var deviation = Rounding.SixPlaces(instrument.Direction.Worse((double)current.Total, expected));
        var change = ReliableChange.Classify(instrument, intake.Total, current.Total);
        var recovered = ReliableChange.Recovered(instrument, intake, current);
        var trajectoryClinical = instrument.ClinicalCutoff!.IsClinical(current.Total, intake.AgeGroup);
        var stagnant = NoChange.Holds(instrument, t, intake.Total, current.Total, trajectoryClinical);

        // clinical.md section 5 (alerts-v1.2): first match wins.
        var status = t == 1 || ordinal == 1 ? ProgressStatus.Baseline
            : recovered ? ProgressStatus.Recovered
            : change == ChangeCategory.Deteriorated || deviation >= w ? ProgressStatus.OffTrack
            : deviation >= w * PowerDecay.AtRiskFractionOfBand ? ProgressStatus.AtRisk
            : stagnant ? ProgressStatus.NoChange
            : ProgressStatus.OnTrack;

        return new OutcomeFeedback(intake.Total, intake.Prorated, current.Total - intake.Total, change, recovered, t, expected,
            PowerDecay.AtRisk(instrument, expected), PowerDecay.OffTrack(instrument, expected), deviation, status,
            intake.AgeGroup, trajectoryClinical, stagnant && status != ProgressStatus.Baseline);
    }

    /// <summary>
    /// t (clinical.md section 4): when both this administration and the intake carry a session number and this one's is
    /// not below the intake's, sessionNumber - intake's + 1 (the intake is t = 1 whatever number the clinic gave it);
    /// otherwise the position among the episode's administrations of this instrument and rater.
    /// </summary>
    public static int TrajectorySession(ScorePoint intake, ScorePoint current, int ordinal)
    {
        if (ordinal == 1) return 1;
        if (intake.SessionNumber is { } s0 && current.SessionNumber is { } s && s >= s0) return s - s0 + 1;
        return ordinal;
    }
}
