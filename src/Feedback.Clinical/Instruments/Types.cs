namespace Feedback.Clinical.Instruments;

public enum InstrumentKind { Outcome, Alliance }

/// <summary>Which way is better. <see cref="Directions.Worse(Direction, decimal, decimal)"/> turns it into the sign d of clinical.md section 1.</summary>
public enum Direction { HigherIsWorse, HigherIsBetter }

public enum AgeGroup { Adult, Adolescent, Child }

public enum Rater { Client, Therapist, Caregiver }

/// <summary>
/// How item answers are sent (clinical.md section 1): <c>Response</c> is the printed option's position, before any
/// reverse scoring; <c>Scored</c> is the value after reverse items were reversed (paper scoring sheets, CORE exports).
/// </summary>
public enum ItemConvention { Response, Scored }

/// <summary>How a total is compared with the clinical cut-off to be "in the clinical range".</summary>
public enum CutoffComparison { AtOrAbove, AtOrBelow }

public sealed record Subscale(string Code, string Name, IReadOnlyList<int> Items);

/// <summary>A severity band on the reported total, both ends inclusive.</summary>
public sealed record SeverityBand(string Code, decimal Min, decimal Max);

/// <summary>A number that depends on the client's age group (clinical.md section 3: ORS cut-offs and targets).</summary>
public sealed record AgeSpecific(decimal Adult, decimal Adolescent, decimal Child)
{
    public static AgeSpecific Same(decimal value) => new(value, value, value);

    public decimal For(AgeGroup ageGroup) => ageGroup switch
    {
        AgeGroup.Adolescent => Adolescent,
        AgeGroup.Child => Child,
        _ => Adult,
    };
}

public sealed record ClinicalCutoff(CutoffComparison Comparison, decimal Adult, decimal Adolescent, decimal Child)
{
    public static ClinicalCutoff Same(CutoffComparison comparison, decimal value) => new(comparison, value, value, value);

    public decimal For(AgeGroup ageGroup) => new AgeSpecific(Adult, Adolescent, Child).For(ageGroup);

    /// <summary>In the clinical range; both comparisons include the cut-off itself (clinical.md section 3).</summary>
    public bool IsClinical(decimal total, AgeGroup ageGroup) =>
        Comparison == CutoffComparison.AtOrAbove ? total >= For(ageGroup) : total <= For(ageGroup);
}

/// <summary>
/// clinical.md v1.2 section 2: free (enabled by default), enable (the tenant enables it first), required (the tenant
/// attests that it holds the authors' permission before enabling it).
/// </summary>
public enum LicenseStatus { Free, Enable, Required }

/// <summary>Licence terms as data; instruments that need a licence or permission must be enabled by a tenant.</summary>
public sealed record License(string Terms, LicenseStatus Status)
{
    public bool RequiresEnablement => Status != LicenseStatus.Free;

    /// <summary>The tenant attests that it holds the authors' permission before it may enable the instrument.</summary>
    public bool RequiresAttestation => Status == LicenseStatus.Required;
}

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

    /// <summary>worse(x, y) = d * (x - y): positive means x is worse than y. Exact, for totals and their changes.</summary>
    public static decimal Worse(this Direction direction, decimal x, decimal y) => direction.Sign() * (x - y);

    /// <summary>worse(x, y) for the expected curve, which is not a decimal number.</summary>
    public static double Worse(this Direction direction, double x, double y) => direction.Sign() * (x - y);
}
