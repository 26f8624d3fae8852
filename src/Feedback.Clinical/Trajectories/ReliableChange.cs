using Feedback.Clinical.Instruments;

namespace Feedback.Clinical.Trajectories;

public enum ChangeCategory { Improved, Unchanged, Deteriorated }

/// <summary>Jacobson & Truax 1991: reliable and clinically significant change against the episode's intake (clinical.md section 3).</summary>
public static class ReliableChange
{
    public static ChangeCategory Classify(Instrument instrument, double intake, double score)
    {
        var rci = (double)instrument.ReliableChangeIndex!.Value;
        if (instrument.Direction.Worse(intake, score) >= rci) return ChangeCategory.Improved;
        if (instrument.Direction.Worse(score, intake) >= rci) return ChangeCategory.Deteriorated;
        return ChangeCategory.Unchanged;
    }

    /// <summary>Recovered: reliably improved, the intake was in the clinical range and this score is not.</summary>
    public static bool Recovered(Instrument instrument, AgeGroup ageGroup, decimal intake, decimal score) =>
        Classify(instrument, (double)intake, (double)score) == ChangeCategory.Improved
        && instrument.ClinicalCutoff!.IsClinical(intake, ageGroup)
        && !instrument.ClinicalCutoff.IsClinical(score, ageGroup);
}
