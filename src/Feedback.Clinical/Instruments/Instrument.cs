namespace Feedback.Clinical.Instruments;

/// <summary>
/// One questionnaire of the catalogue, as data. Numbers come from clinical.md sections 2-3;
/// their sources are cited in <see cref="Catalogue"/>.
/// </summary>
public sealed record Instrument
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required InstrumentKind Kind { get; init; }
    public required int ItemCount { get; init; }
    public required int ItemMin { get; init; }
    public required int ItemMax { get; init; }
    /// <summary>Decimals an item answer may carry: 0 for integer items, 1 for the 10 cm lines of ORS/SRS.</summary>
    public required int Decimals { get; init; }
    public required Direction Direction { get; init; }
    public IReadOnlyList<int> ReverseItems { get; init; } = [];
    public IReadOnlyList<Subscale> Subscales { get; init; } = [];
    public required int MaxMissing { get; init; }
    /// <summary>OQ-45.2 fills a missing item with the rounded mean of its subscale instead of prorating the total.</summary>
    public bool ImputeMissingFromSubscale { get; init; }
    /// <summary>WHO-5 reports the raw sum times 4 (a 0-100 percentage).</summary>
    public int TotalMultiplier { get; init; } = 1;
    public ClinicalCutoff? ClinicalCutoff { get; init; }
    public decimal? ReliableChangeIndex { get; init; }
    /// <summary>mu_f, the target of the expected trajectory: a non-clinical mean, by age group (clinical.md section 3).</summary>
    public AgeSpecific? NonClinicalMean { get; init; }
    /// <summary>Empty when the severity is just "clinical"/"non_clinical" from the (age-dependent) cut-off.</summary>
    public IReadOnlyList<SeverityBand> SeverityBands { get; init; } = [];
    public IReadOnlyList<RiskItem> RiskItems { get; init; } = [];
    /// <summary>WHO-5: an item answered at or below this raises <c>wellbeing_low_item</c> (clinical.md section 6).</summary>
    public decimal? LowItemAlertAtOrBelow { get; init; }
    public required License License { get; init; }
    /// <summary>WAI-SR (WAI-SR-T) and TASC-R (TASC-T) have a therapist form; every other instrument is refused with rater therapist.</summary>
    public bool HasTherapistForm { get; init; }
    /// <summary>The ages a form is meant for, as the catalogue lists them ("7-17"); null when the catalogue says nothing.
    /// Data only: no rule refuses or treats differently a client of another age group (clinical.md section 2).</summary>
    public string? IntendedAges { get; init; }
    /// <summary>What a clinician should know when reading this instrument's scores; null when there is nothing.</summary>
    public string? Note { get; init; }

    /// <summary>Holds a self-harm item, so the service can raise a risk signal from it (clinical.md section 2).</summary>
    public bool ScreensForRisk => RiskItems.Any(r => r.Kind == RiskItemKind.SelfHarm);

    public decimal TotalMin => ItemMin * ItemCount * TotalMultiplier;
    public decimal TotalMax => ItemMax * ItemCount * TotalMultiplier;

    /// <summary>"PHQ-9 takes 9 items, each 0-3": the rule a caller must follow, for error messages.</summary>
    public string ItemRule => Decimals == 0
        ? $"{Code} takes {ItemCount} items, each a whole number {ItemMin}-{ItemMax} or null when unanswered (at most {MaxMissing} unanswered)."
        : $"{Code} takes {ItemCount} items, each {ItemMin}-{ItemMax} with at most {Decimals} decimal (at most {MaxMissing} unanswered).";

    public bool IsReversed(int item)
    {
        for (var i = 0; i < ReverseItems.Count; i++)
            if (ReverseItems[i] == item) return true;
        return false;
    }

    /// <summary>The answer as it counts toward the total: reversed items score (max + min) - answer.</summary>
    public decimal Scored(int item, decimal answer) => IsReversed(item) ? ItemMax + ItemMin - answer : answer;

    /// <summary>
    /// Response positions from answers sent in <paramref name="convention"/>: scored values of reverse items are
    /// reversed once (the reversal is its own inverse); everything else is already a position.
    /// </summary>
    public IReadOnlyList<decimal?> Positions(IReadOnlyList<decimal?> items, ItemConvention convention) =>
        convention == ItemConvention.Response ? items : items.Select((answer, i) => answer is { } a ? Scored(i + 1, a) : (decimal?)null).ToList();
}
