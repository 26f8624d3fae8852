using Feedback.Clinical.Instruments;

namespace Feedback.Clinical.Trajectories;

public enum ChangeCategory { Improved, Unchanged, Deteriorated }

/// <summary>
/// Jacobson & Truax 1991: reliable and clinically significant change against the episode's intake (clinical.md
/// section 3). Totals and their changes are exact decimals: ORS 32.3 -> 27.3 is a change of exactly 5.0.
/// </summary>
public static class ReliableChange
{
    public static ChangeCategory Classify(Instrument instrument, decimal intake, decimal score)
    {
        var rci = instrument.ReliableChangeIndex!.Value;
        if (instrument.Direction.Worse(intake, score) >= rci) return ChangeCategory.Improved;
        if (instrument.Direction.Worse(score, intake) >= rci) return ChangeCategory.Deteriorated;
        return ChangeCategory.Unchanged;
    }

    /// <summary>
    /// Recovered: reliably improved, the intake was in the clinical range and this score is not, both judged by the age
    /// group stored with the intake (clinical.md v1.2 section 3: a child who turns 18 with an unchanged ORS of 30 has not
    /// recovered).
    /// </summary>
    public static bool Recovered(Instrument instrument, ScorePoint intake, ScorePoint score) =>
        Classify(instrument, intake.Total, score.Total) == ChangeCategory.Improved
        && instrument.ClinicalCutoff!.IsClinical(intake.Total, intake.AgeGroup)
        && !instrument.ClinicalCutoff.IsClinical(score.Total, intake.AgeGroup);
}
