using Feedback.Clinical.Instruments;

namespace Feedback.Clinical.Scoring;

public static class Scorer
{
    /// <summary>Every reason these answers are not acceptable for the instrument; empty when they can be scored.</summary>
    public static IReadOnlyList<ItemProblem> Check(Instrument instrument, IReadOnlyList<decimal?>? items)
    {
        if (items is null)
            return [new("items", instrument.ItemRule)];
        if (items.Count != instrument.ItemCount)
            return [new("items", $"Expected {instrument.ItemCount} items, got {items.Count}. {instrument.ItemRule}")];

        var problems = new List<ItemProblem>();
        for (var i = 0; i < items.Count; i++)
        {
            // (a plain null check rather than "is not { } answer": Stryker.NET cannot mutate around that pattern)
            if (items[i] is null) continue;
            var answer = items[i]!.Value;
            if (answer < instrument.ItemMin || answer > instrument.ItemMax)
                problems.Add(new($"items[{i}]", $"Must be between {instrument.ItemMin} and {instrument.ItemMax}."));
            else if (decimal.Round(answer, instrument.Decimals) != answer)
                problems.Add(new($"items[{i}]", instrument.Decimals == 0 ? "Must be a whole number." : $"At most {instrument.Decimals} decimal."));
        }

        var missing = items.Count(a => a is null);
        if (missing > instrument.MaxMissing)
            problems.Add(new("items", $"{missing} items are unanswered; {instrument.Code} can be scored with at most {instrument.MaxMissing}."));
        return problems;
    }

    static readonly IReadOnlyDictionary<string, decimal> NoSubscales = new Dictionary<string, decimal>();

    /// <summary>Scores answers that passed <see cref="Check"/> (clinical.md section 2: reversal, proration, bands).</summary>
    public static Score Score(Instrument instrument, IReadOnlyList<decimal?> items, AgeGroup ageGroup = AgeGroup.Adult)
    {
        if (instrument.Subscales.Count == 0 && !instrument.ImputeMissingFromSubscale)
            return ScoreWithoutSubscales(instrument, items, ageGroup);
        var scored = new decimal?[items.Count];
        for (var i = 0; i < items.Count; i++)
            scored[i] = items[i] is { } answer ? instrument.Scored(i + 1, answer) : null;

        var answered = scored.Count(s => s is not null);
        var prorated = answered < instrument.ItemCount;
        if (prorated && instrument.ImputeMissingFromSubscale)
            ImputeFromSubscales(instrument, scored);

        var sum = scored.Sum(s => s ?? 0);
        var raw = prorated && !instrument.ImputeMissingFromSubscale ? Prorate(sum, instrument.ItemCount, answered) : sum;
        var total = raw * instrument.TotalMultiplier;

        var subscales = instrument.Subscales.ToDictionary(s => s.Code, s => SubscaleTotal(s, scored));
        return Result(instrument, total, prorated, subscales, ageGroup);
    }

    // The common case (PHQ-9, GAD-7, CORE-10, ORS, WHO-5, SRS) in one pass, allocating only the result.
    static Score ScoreWithoutSubscales(Instrument instrument, IReadOnlyList<decimal?> items, AgeGroup ageGroup)
    {
        decimal sum = 0;
        var answered = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null) continue;
            sum += instrument.Scored(i + 1, items[i]!.Value);
            answered++;
        }
        var prorated = answered < instrument.ItemCount;
        var raw = prorated ? Prorate(sum, instrument.ItemCount, answered) : sum;
        return Result(instrument, raw * instrument.TotalMultiplier, prorated, NoSubscales, ageGroup);
    }

    static Score Result(Instrument instrument, decimal total, bool prorated, IReadOnlyDictionary<string, decimal> subscales, AgeGroup ageGroup)
    {
        var clinical = instrument.ClinicalCutoff?.IsClinical(total, ageGroup);
        return new Score(total, prorated, SeverityOf(instrument, total, clinical), clinical, subscales);
    }

    /// <summary>round(sum * n / answered), half away from zero (clinical.md section 2).</summary>
    public static decimal Prorate(decimal sum, int itemCount, int answered) =>
        decimal.Round(sum * itemCount / answered, 0, MidpointRounding.AwayFromZero);

    static decimal SubscaleTotal(Subscale subscale, decimal?[] scored)
    {
        var values = subscale.Items.Select(item => scored[item - 1]).ToList();
        var answered = values.Count(v => v is not null);
        var sum = values.Sum(v => v ?? 0);
        // Check leaves at least one answer in every subscale (WAI-SR: 1 missing of 12; OQ-45.2 imputes first).
        return answered == values.Count ? sum : Prorate(sum, values.Count, answered);
    }

    // OQ-45.2 scoring sheet: a missing item takes the rounded mean of the answered items of its subscale.
    static void ImputeFromSubscales(Instrument instrument, decimal?[] scored)
    {
        foreach (var subscale in instrument.Subscales)
        {
            var answered = subscale.Items.Select(item => scored[item - 1]).OfType<decimal>().ToList();
            var mean = decimal.Round(answered.Average(), 0, MidpointRounding.AwayFromZero);
            foreach (var item in subscale.Items)
                scored[item - 1] ??= mean;
        }
    }

    static string? SeverityOf(Instrument instrument, decimal total, bool? clinical)
    {
        for (var b = instrument.SeverityBands.Count - 1; b >= 0; b--)
            if (total >= instrument.SeverityBands[b].Min) return instrument.SeverityBands[b].Code;
        return clinical switch { true => "clinical", false => "non_clinical", null => null };
    }
}
