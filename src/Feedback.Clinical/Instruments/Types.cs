namespace Feedback.Clinical.Instruments;

public enum InstrumentKind { Outcome, Alliance }

/// <summary>Which way is better. <see cref="Directions.Worse"/> turns it into the sign d of clinical.md section 1.</summary>
public enum Direction { HigherIsWorse, HigherIsBetter }

public enum AgeGroup { Adult, Adolescent, Child }

public enum Rater { Client, Therapist, Caregiver }

/// <summary>How a total is compared with the clinical cut-off to be "in the clinical range".</summary>
public enum CutoffComparison { AtOrAbove, Below, AtOrBelow }

public sealed record Subscale(string Code, string Name, IReadOnlyList<int> Items);

/// <summary>A severity band on the reported total, both ends inclusive.</summary>
public sealed record SeverityBand(string Code, decimal Min, decimal Max);

public sealed record ClinicalCutoff(CutoffComparison Comparison, decimal Adult, decimal Adolescent, decimal Child)
{
    public static ClinicalCutoff Same(CutoffComparison comparison, decimal value) => new(comparison, value, value, value);

    public decimal For(AgeGroup ageGroup) => ageGroup switch
    {
        AgeGroup.Adolescent => Adolescent,
        AgeGroup.Child => Child,
        _ => Adult,
    };

    public bool IsClinical(decimal total, AgeGroup ageGroup)
    {
        var cutoff = For(ageGroup);
        return Comparison switch
        {
            CutoffComparison.AtOrAbove => total >= cutoff,
            CutoffComparison.Below => total < cutoff,
            _ => total <= cutoff,
        };
    }
}

/// <summary>Licence terms as data; instruments that need a licence or permission must be enabled by a tenant.</summary>
public sealed record License(string Terms, bool RequiresEnablement);

/// <summary>An item whose answer alone raises a risk alert (clinical.md section 6).</summary>
public sealed record RiskItem(int Item, string Topic, RiskItemKind Kind);

/// <summary>
/// SelfHarm: urgent above the middle of the range, and alerted when unanswered; Violence: always high (OQ-45.2 item 44);
/// Substance: normal (OQ-45.2 critical items). clinical.md section 6.
/// </summary>
public enum RiskItemKind { SelfHarm, Violence, Substance }

public static class Directions
{
    /// <summary>d = +1 for higherIsWorse, -1 for higherIsBetter (clinical.md section 1).</summary>
    public static int Sign(this Direction direction) => direction == Direction.HigherIsWorse ? 1 : -1;

    /// <summary>worse(x, y) = d * (x - y): positive means x is worse than y.</summary>
    public static double Worse(this Direction direction, double x, double y) => direction.Sign() * (x - y);
}
