namespace Feedback.Clinical.Tests.Spec;

/// <summary>clinical.md section 2 on what may be scored, at every edge of every instrument: item range, decimals, missing items.</summary>
public sealed class ItemChecks
{
    public static TheoryData<string> Codes() => [.. SpecInstrument.All.Select(i => i.Code)];

    static decimal?[] Filled(SpecInstrument spec) => Enumerable.Repeat<decimal?>(spec.ItemMin, spec.Items).ToArray();

    [Theory, MemberData(nameof(Codes))]
    public void Items_at_the_ends_of_the_range_are_accepted_and_one_step_beyond_is_refused(string code)
    {
        var spec = SpecInstrument.Of(code);
        var i = Catalogue.Get(code);
        var step = spec.Decimals == 0 ? 1m : 0.1m;
        foreach (var ok in new[] { spec.ItemMin, (decimal)spec.ItemMax, spec.ItemMin + step, spec.ItemMax - step })
        {
            var items = Filled(spec);
            items[^1] = ok;
            Scorer.Check(i, items).ShouldBeEmpty($"{code} {ok}");
        }
        foreach (var bad in new[] { spec.ItemMin - step, spec.ItemMax + step })
        {
            var items = Filled(spec);
            items[0] = bad;
            var problem = Scorer.Check(i, items).ShouldHaveSingleItem();
            (problem.Field, problem.Message).ShouldBe(("items[0]", $"Must be between {spec.ItemMin} and {spec.ItemMax}."));
        }
    }

    [Theory, MemberData(nameof(Codes))]
    public void Answers_carry_at_most_the_instruments_decimals(string code)
    {
        var spec = SpecInstrument.Of(code);
        var items = Filled(spec);
        items[1] = spec.ItemMin + (spec.Decimals == 0 ? 0.5m : 0.25m);
        var problem = Scorer.Check(Catalogue.Get(code), items).ShouldHaveSingleItem();
        (problem.Field, problem.Message).ShouldBe(("items[1]", spec.Decimals == 0 ? "Must be a whole number." : "At most 1 decimal."));
    }

    [Theory]
    [InlineData("PHQ-9", 2), InlineData("GAD-7", 1), InlineData("CORE-10", 1), InlineData("OQ-45.2", 4), InlineData("WHO-5", 0)]
    [InlineData("ORS", 0), InlineData("SRS", 0), InlineData("CORS", 0), InlineData("CSRS", 0), InlineData("WAI-SR", 1)]
    public void At_most_max_missing_items_may_be_unanswered(string code, int maxMissing)
    {
        var spec = SpecInstrument.Of(code);
        var i = Catalogue.Get(code);
        var items = Filled(spec);
        for (var k = 0; k < maxMissing; k++) items[k] = null;
        Scorer.Check(i, items).ShouldBeEmpty();
        items[maxMissing] = null;
        var problem = Scorer.Check(i, items).ShouldHaveSingleItem();
        (problem.Field, problem.Message).ShouldBe(("items", $"{maxMissing + 1} items are unanswered; {code} can be scored with at most {maxMissing}."));
    }

    [Theory, MemberData(nameof(Codes))]
    public void The_item_count_is_exact(string code)
    {
        var spec = SpecInstrument.Of(code);
        var i = Catalogue.Get(code);
        foreach (var count in new[] { spec.Items - 1, spec.Items + 1 })
        {
            var problem = Scorer.Check(i, Enumerable.Repeat<decimal?>(spec.ItemMin, count).ToArray()).ShouldHaveSingleItem();
            (problem.Field, problem.Message).ShouldBe(("items", $"Expected {spec.Items} items, got {count}. {i.ItemRule}"));
        }
        var none = Scorer.Check(i, null).ShouldHaveSingleItem();
        (none.Field, none.Message).ShouldBe(("items", i.ItemRule));
    }

    [Theory]
    // proration: round(sum * n / answered), half away from zero. PHQ-9 8 answered summing 13: 13 * 9 / 8 = 14.625 -> 15
    [InlineData("PHQ-9", new[] { 2, 2, 2, 2, 2, 2, 1, 0 }, 15)]
    // 7 answered summing 7: 9 -> 9; summing 5: 6.43 -> 6; 1 answered... GAD-7 6 answered summing 9: 10.5 -> 11 (half away)
    [InlineData("GAD-7", new[] { 2, 2, 2, 1, 1, 1 }, 11)]
    [InlineData("PHQ-9", new[] { 1, 1, 1, 1, 1, 0, 0 }, 6)]
    // WAI-SR 11 answered summing 33: 36 exactly
    [InlineData("WAI-SR", new[] { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 }, 36)]
    public void Totals_with_missing_items_are_prorated(string code, int[] answered, int total)
    {
        var spec = SpecInstrument.Of(code);
        var items = answered.Select(a => (decimal?)a).Concat(Enumerable.Repeat<decimal?>(null, spec.Items - answered.Length)).ToArray();
        var score = Scorer.Score(Catalogue.Get(code), items);
        (score.Total, score.Prorated).ShouldBe((total, true));
        Scorer.Prorate(13, 9, 8).ShouldBe(15);
        Scorer.Prorate(9, 7, 6).ShouldBe(11); // 10.5, half away from zero
        Scorer.Prorate(5, 9, 7).ShouldBe(6);
    }

    [Fact]
    public void Oq45_fills_a_missing_item_with_the_rounded_mean_of_its_subscale()
    {
        // SR (social role) items 4, 12, 14, 21, 28, 32, 38, 39, 44 answered 2, 2, 2, 2, 2, 2, 2, 3 with 44 missing:
        // scored mean = (16 + 2 for reversed 12 and 21: (4 - 2) = 2) -> all 2 except 39 = 3: mean 17/8 = 2.125 -> 2
        var items = Enumerable.Repeat<decimal?>(0, 45).ToArray();
        int[] reverse = [1, 12, 13, 20, 21, 24, 31, 37, 43];
        foreach (var r in reverse) items[r - 1] = 4; // scored 0
        foreach (var sr in new[] { 4, 12, 14, 21, 28, 32, 38 }) items[sr - 1] = 2; // scored 2 (reverse 12, 21: 4 - 2)
        items[38] = 3;
        items[43] = null;
        var score = Scorer.Score(Catalogue.Oq452, items);
        score.Subscales["SR"].ShouldBe(17 + 2);
        (score.Total, score.Prorated).ShouldBe((19m, true));
    }
}
