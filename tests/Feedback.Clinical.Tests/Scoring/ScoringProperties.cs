using CsCheck;

namespace Feedback.Clinical.Tests.Scoring;

/// <summary>Properties that hold for every instrument of the catalogue, over generated answers.</summary>
public sealed class ScoringProperties
{
    public static TheoryData<string> Codes() => [.. Catalogue.All.Select(i => i.Code)];

    static Gen<decimal> Answer(Instrument i) =>
        Gen.Int[i.ItemMin * 10, i.ItemMax * 10].Select(tenths => i.Decimals == 0 ? Math.Round(tenths / 10m) : tenths / 10m);

    static Gen<decimal?[]> Complete(Instrument i) => Answer(i).Select(a => (decimal?)a).Array[i.ItemCount];

    /// <summary>Answers with up to maxMissing of them unanswered.</summary>
    static Gen<decimal?[]> Scorable(Instrument i) =>
        Gen.Select(Complete(i), Gen.Int[0, i.MaxMissing], Gen.Int[0, i.ItemCount - 1], (items, missing, start) =>
        {
            var copy = (decimal?[])items.Clone();
            for (var k = 0; k < missing; k++) copy[(start + k * 7) % i.ItemCount] = null;
            return copy;
        });

    [Theory, MemberData(nameof(Codes))]
    public void Every_scorable_answer_set_passes_the_check_and_scores_inside_the_total_range(string code)
    {
        var i = Catalogue.Get(code);
        Scorable(i).Sample(items =>
        {
            Scorer.Check(i, items).ShouldBeEmpty();
            var total = Scorer.Score(i, items).Total;
            total.ShouldBeInRange(i.TotalMin, i.TotalMax);
        });
    }

    [Theory, MemberData(nameof(Codes))]
    public void Reversing_every_answer_mirrors_the_total_when_nothing_is_missing(string code)
    {
        // Answer a -> (min + max - a) on every item turns total t into (n * (min + max)) * multiplier - t.
        var i = Catalogue.Get(code);
        Complete(i).Sample(items =>
        {
            var mirrored = items.Select(a => (decimal?)(i.ItemMin + i.ItemMax - a!.Value)).ToArray();
            var sum = Scorer.Score(i, items).Total + Scorer.Score(i, mirrored).Total;
            sum.ShouldBe(i.TotalMin + i.TotalMax);
        });
    }

    [Theory, MemberData(nameof(Codes))]
    public void A_prorated_total_stays_between_the_answered_sum_and_the_maximum(string code)
    {
        var i = Catalogue.Get(code);
        if (i.MaxMissing == 0) return; // nothing is ever prorated
        Scorable(i).Where(items => items.Any(a => a is null)).Sample(items =>
        {
            var score = Scorer.Score(i, items);
            score.Prorated.ShouldBeTrue();
            var answeredSum = items.Select((a, k) => a is { } v ? i.Scored(k + 1, v) : 0).Sum() * i.TotalMultiplier;
            score.Total.ShouldBeGreaterThanOrEqualTo(answeredSum);
            score.Total.ShouldBeLessThanOrEqualTo(i.TotalMax);
        });
    }

    [Theory, MemberData(nameof(Codes))]
    public void Too_many_missing_items_is_always_refused(string code)
    {
        var i = Catalogue.Get(code);
        Gen.Select(Complete(i), Gen.Int[i.MaxMissing + 1, i.ItemCount]).Sample((items, missing) =>
        {
            for (var k = 0; k < missing; k++) items[k] = null;
            Scorer.Check(i, items).ShouldContain(p => p.Field == "items");
        });
    }

    [Theory, MemberData(nameof(Codes))]
    public void An_answer_outside_the_item_range_is_refused_with_its_index(string code)
    {
        var i = Catalogue.Get(code);
        Gen.Select(Complete(i), Gen.Int[0, i.ItemCount - 1], Gen.Int[1, 1000]).Sample((items, index, excess) =>
        {
            items[index] = excess % 2 == 0 ? i.ItemMax + excess : i.ItemMin - excess;
            Scorer.Check(i, items).ShouldContain(p => p.Field == $"items[{index}]");
        });
    }

    [Theory, MemberData(nameof(Codes))]
    public void Severity_is_a_function_of_the_total(string code)
    {
        var i = Catalogue.Get(code);
        Complete(i).Sample(items =>
        {
            var score = Scorer.Score(i, items);
            if (i.SeverityBands.Count > 0)
                i.SeverityBands.Count(b => score.Total >= b.Min && score.Total <= b.Max).ShouldBe(1);
            if (i.ClinicalCutoff is not null) score.ClinicalRange.ShouldNotBeNull();
        });
    }
}
