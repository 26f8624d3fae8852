namespace Feedback.Clinical.Scoring;

/// <summary>A scored administration. Totals are decimals so ORS/SRS keep their one decimal exactly.</summary>
public sealed record Score(
    decimal Total,
    bool Prorated,
    string? Severity,
    bool? ClinicalRange,
    IReadOnlyDictionary<string, decimal> Subscales);

/// <summary>One reason the answers cannot be scored; Field is the request path, e.g. "items[3]".</summary>
public sealed record ItemProblem(string Field, string Message);
