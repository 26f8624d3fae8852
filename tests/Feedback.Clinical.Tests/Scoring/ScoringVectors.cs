namespace Feedback.Clinical.Tests.Scoring;

/// <summary>The scoring vectors of clinical.md section 7, and the other worked numbers of sections 2-3.</summary>
public sealed class ScoringVectors
{
    static decimal?[] Items(params decimal?[] items) => items;

    [Fact]
    public void Phq9_2_2_2_2_2_2_1_1_0_is_14_moderate_and_clinical()
    {
        var score = Scorer.Score(Catalogue.Phq9, Items(2, 2, 2, 2, 2, 2, 1, 1, 0));
        score.Total.ShouldBe(14);
        score.Severity.ShouldBe("moderate");
        score.ClinicalRange.ShouldBe(true);
        score.Prorated.ShouldBeFalse();
    }

    [Fact]
    public void Phq9_all_3_but_item_9_at_1_is_25_severe()
    {
        var score = Scorer.Score(Catalogue.Phq9, Items(3, 3, 3, 3, 3, 3, 3, 3, 1));
        score.Total.ShouldBe(25);
        score.Severity.ShouldBe("severe");
    }

    [Fact]
    public void Phq9_with_item_9_unanswered_is_0_and_prorated()
    {
        var score = Scorer.Score(Catalogue.Phq9, Items(0, 0, 0, 0, 0, 0, 0, 0, null));
        score.Total.ShouldBe(0);
        score.Prorated.ShouldBeTrue();
        score.Severity.ShouldBe("minimal");
    }

    [Fact]
    public void Core10_reverses_items_2_and_3()
    {
        Scorer.Score(Catalogue.Core10, Items(1, 4, 4, 1, 1, 0, 1, 1, 1, 1)).Total.ShouldBe(7);
    }

    [Fact]
    public void Oq452_all_zero_is_36_because_nine_reversed_items_score_4()
    {
        var score = Scorer.Score(Catalogue.Oq452, Enumerable.Repeat<decimal?>(0, 45).ToArray());
        score.Total.ShouldBe(36);
        score.Subscales["SD"].ShouldBe(12); // items 13, 24, 31 reversed
        score.Subscales["IR"].ShouldBe(16); // items 1, 20, 37, 43
        score.Subscales["SR"].ShouldBe(8);  // items 12, 21
        score.Severity.ShouldBe("non_clinical");
    }

    [Fact]
    public void Ors_keeps_one_decimal_and_is_clinical_for_an_adult_below_25()
    {
        var score = Scorer.Score(Catalogue.Ors, Items(5.2m, 6.0m, 4.4m, 5.1m));
        score.Total.ShouldBe(20.7m);
        score.ClinicalRange.ShouldBe(true);
        score.Severity.ShouldBe("clinical");
    }

    [Theory]
    [InlineData(AgeGroup.Adult, false)]
    [InlineData(AgeGroup.Adolescent, true)]
    [InlineData(AgeGroup.Child, true)]
    public void Ors_27_is_clinical_only_below_the_age_groups_cutoff(AgeGroup ageGroup, bool clinical)
    {
        Scorer.Score(Catalogue.Ors, Items(7, 7, 7, 6), ageGroup).ClinicalRange.ShouldBe(clinical);
    }

    [Fact]
    public void Srs_95_90_85_96_totals_36_6()
    {
        Scorer.Score(Catalogue.Srs, Items(9.5m, 9.0m, 8.5m, 9.6m)).Total.ShouldBe(36.6m);
    }

    [Theory]
    [InlineData(3, 12, "likely_depression", true)]
    [InlineData(12, 48, "poor_wellbeing", true)]
    [InlineData(13, 52, "adequate", false)]
    public void Who5_is_the_raw_sum_times_4(int raw, int percentage, string band, bool clinical)
    {
        var items = new decimal?[5];
        for (var i = 0; i < 5; i++) items[i] = Math.Min(5, Math.Max(0, raw - 5 * i));
        var score = Scorer.Score(Catalogue.Who5, items);
        score.Total.ShouldBe(percentage);
        score.Severity.ShouldBe(band);
        score.ClinicalRange.ShouldBe(clinical);
    }

    [Fact]
    public void Gad7_with_one_missing_item_is_prorated_half_away_from_zero()
    {
        // 6 answered summing to 9: 9 * 7 / 6 = 10.5 -> 11
        var score = Scorer.Score(Catalogue.Gad7, Items(2, 2, 2, 1, 1, 1, null));
        score.Total.ShouldBe(11);
        score.Prorated.ShouldBeTrue();
        score.ClinicalRange.ShouldBe(true);
    }

    [Fact]
    public void Oq452_missing_item_takes_the_rounded_mean_of_its_subscale()
    {
        var items = Enumerable.Repeat<decimal?>(2, 45).ToArray();
        items[1] = null; // item 2 (SD): the other SD items score 2 (reversed 2 -> 2), so it takes 2
        var score = Scorer.Score(Catalogue.Oq452, items);
        score.Total.ShouldBe(90);
        score.Prorated.ShouldBeTrue();
    }

    [Fact]
    public void Wai_sr_subscales_are_sums_and_the_range_is_12_to_60()
    {
        var score = Scorer.Score(Catalogue.WaiSr, Items(5, 5, 1, 4, 1, 4, 1, 4, 1, 5, 4, 5));
        score.Total.ShouldBe(40);
        score.Subscales["goal"].ShouldBe(16);
        score.Subscales["task"].ShouldBe(20);
        score.Subscales["bond"].ShouldBe(4);
        score.Severity.ShouldBeNull();
    }

    [Fact]
    public void Phq9_bands_follow_kroenke_2001()
    {
        int[] totals = [0, 4, 5, 9, 10, 14, 15, 19, 20, 27];
        string[] bands = ["minimal", "minimal", "mild", "mild", "moderate", "moderate", "moderately_severe", "moderately_severe", "severe", "severe"];
        for (var i = 0; i < totals.Length; i++)
            Catalogue.Phq9.SeverityBands.Last(b => totals[i] >= b.Min).Code.ShouldBe(bands[i]);
    }
}
