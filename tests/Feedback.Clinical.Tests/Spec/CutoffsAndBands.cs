namespace Feedback.Clinical.Tests.Spec;

/// <summary>
/// clinical.md section 3 at every edge: clinical cut-offs (at, one step below, one step above, per age group), every
/// severity band (every reachable total), and the targets mu_f. Expected values are typed from the spec.
/// </summary>
public sealed class CutoffsAndBands
{
    static Score ScoreOf(string code, decimal total, AgeGroup age = AgeGroup.Adult)
    {
        var spec = SpecInstrument.Of(code);
        var score = Scorer.Score(spec.Catalogued, spec.ItemsWithTotal(total), age);
        score.Total.ShouldBe(total);
        return score;
    }

    [Theory]
    // "in clinical range when": PHQ-9 >= 10, GAD-7 >= 8, CORE-10 >= 11, OQ-45.2 >= 64
    [InlineData("PHQ-9", 9, false), InlineData("PHQ-9", 10, true), InlineData("PHQ-9", 11, true)]
    [InlineData("GAD-7", 7, false), InlineData("GAD-7", 8, true), InlineData("GAD-7", 9, true)]
    [InlineData("CORE-10", 10, false), InlineData("CORE-10", 11, true), InlineData("CORE-10", 12, true)]
    [InlineData("OQ-45.2", 63, false), InlineData("OQ-45.2", 64, true), InlineData("OQ-45.2", 65, true)]
    // WHO-5 percentage <= 50: totals move in steps of 4 (48, 52); 50 itself is checked on the cut-off below
    [InlineData("WHO-5", 48, true), InlineData("WHO-5", 52, false)]
    public void Symptom_and_wellbeing_cutoffs(string code, int total, bool clinical) =>
        ScoreOf(code, total).ClinicalRange.ShouldBe(clinical);

    [Fact]
    public void Who5_50_percent_is_at_the_cutoff_and_in_the_clinical_range() =>
        Catalogue.Who5.ClinicalCutoff!.IsClinical(50, AgeGroup.Adult).ShouldBeTrue();

    [Theory]
    // ORS: adult <= 25, adolescent <= 28, child <= 32 ("at or below")
    [InlineData(AgeGroup.Adult, "24.9", true), InlineData(AgeGroup.Adult, "25.0", true), InlineData(AgeGroup.Adult, "25.1", false)]
    [InlineData(AgeGroup.Adolescent, "27.9", true), InlineData(AgeGroup.Adolescent, "28.0", true), InlineData(AgeGroup.Adolescent, "28.1", false)]
    [InlineData(AgeGroup.Child, "31.9", true), InlineData(AgeGroup.Child, "32.0", true), InlineData(AgeGroup.Child, "32.1", false)]
    public void Ors_cutoffs_by_age_group(AgeGroup age, string total, bool clinical)
    {
        var score = ScoreOf("ORS", decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), age);
        score.ClinicalRange.ShouldBe(clinical);
        score.Severity.ShouldBe(clinical ? "clinical" : "non_clinical");
    }

    [Theory]
    [InlineData(AgeGroup.Adult), InlineData(AgeGroup.Adolescent), InlineData(AgeGroup.Child)]
    public void Cors_uses_the_child_cutoff_32_whatever_the_stored_age_group(AgeGroup age)
    {
        ScoreOf("CORS", 31.9m, age).ClinicalRange.ShouldBe(true);
        ScoreOf("CORS", 32.0m, age).ClinicalRange.ShouldBe(true);
        ScoreOf("CORS", 32.1m, age).ClinicalRange.ShouldBe(false);
    }

    [Theory]
    [InlineData("SRS"), InlineData("CSRS"), InlineData("WAI-SR")]
    public void Alliance_measures_have_no_severity_and_no_clinical_range(string code)
    {
        var spec = SpecInstrument.Of(code);
        var score = Scorer.Score(spec.Catalogued, spec.ItemsWithTotal(spec.ItemMin * spec.Items + 3));
        score.Severity.ShouldBeNull();
        score.ClinicalRange.ShouldBeNull();
    }

    public static TheoryData<string, int, int, string> Bands() => new()
    {
        { "PHQ-9", 0, 4, "minimal" }, { "PHQ-9", 5, 9, "mild" }, { "PHQ-9", 10, 14, "moderate" },
        { "PHQ-9", 15, 19, "moderately_severe" }, { "PHQ-9", 20, 27, "severe" },
        { "GAD-7", 0, 4, "minimal" }, { "GAD-7", 5, 9, "mild" }, { "GAD-7", 10, 14, "moderate" }, { "GAD-7", 15, 21, "severe" },
        { "CORE-10", 0, 5, "healthy" }, { "CORE-10", 6, 10, "low" }, { "CORE-10", 11, 14, "mild" }, { "CORE-10", 15, 19, "moderate" },
        { "CORE-10", 20, 24, "moderately_severe" }, { "CORE-10", 25, 40, "severe" },
        { "OQ-45.2", 0, 63, "non_clinical" }, { "OQ-45.2", 64, 180, "clinical" },
        { "WHO-5", 0, 28, "likely_depression" }, { "WHO-5", 29, 50, "poor_wellbeing" }, { "WHO-5", 51, 100, "adequate" },
    };

    [Theory, MemberData(nameof(Bands))]
    public void Every_reachable_total_of_a_band_has_its_severity(string code, int min, int max, string band)
    {
        var spec = SpecInstrument.Of(code);
        var reached = 0;
        for (var total = min; total <= max; total++)
        {
            if (total % spec.Multiplier != 0) continue;
            ScoreOf(code, total).Severity.ShouldBe(band, $"{code} total {total}");
            reached++;
        }
        reached.ShouldBeGreaterThan(0);
    }

    [Theory]
    // mu_f: PHQ-9 2.9, GAD-7 3.0, CORE-10 4.7, OQ-45.2 45.0, WHO-5 70.0, ORS adult 28.0 / adolescent 30.5 / child 34.5, CORS 34.5
    [InlineData("PHQ-9", AgeGroup.Adult, "2.9"), InlineData("GAD-7", AgeGroup.Adult, "3.0"), InlineData("CORE-10", AgeGroup.Adult, "4.7")]
    [InlineData("OQ-45.2", AgeGroup.Adult, "45.0"), InlineData("WHO-5", AgeGroup.Adult, "70.0")]
    [InlineData("ORS", AgeGroup.Adult, "28.0"), InlineData("ORS", AgeGroup.Adolescent, "30.5"), InlineData("ORS", AgeGroup.Child, "34.5")]
    [InlineData("CORS", AgeGroup.Adult, "34.5"), InlineData("CORS", AgeGroup.Adolescent, "34.5"), InlineData("CORS", AgeGroup.Child, "34.5")]
    public void The_target_is_the_intake_age_groups_mu_f(string code, AgeGroup age, string muF)
    {
        // Far from the target, expected(8) is halfway: mu_f + (x0 - mu_f) / 2.
        var target = double.Parse(muF, System.Globalization.CultureInfo.InvariantCulture);
        var spec = SpecInstrument.Of(code);
        var worst = spec.Catalogued.Direction == Direction.HigherIsWorse ? (double)(spec.ItemMax * spec.Items * spec.Multiplier) : 0;
        PowerDecay.Expected(spec.Catalogued, age, worst, 8).ShouldBe(target + (worst - target) / 2, 1e-9);
    }
}
