using Feedback.Clinical.Reports;

namespace Feedback.Clinical.Tests.Reports;

/// <summary>clinical.md section 8 and interop.md 4.1 (report-v1): the vectors, and each definition at its edges.</summary>
public sealed class ReportVectors
{
    static readonly Instrument Phq9 = Catalogue.Get("PHQ-9");

    static EpisodeReading Phq9Episode(decimal intake, decimal final) =>
        EpisodeReading.Of(Phq9, new CompletedEpisode(intake, final, AgeGroup.Adult));

    // intakes [20,18,22,16] -> finals [10,14,12,16]: changes [10,4,10,0], mean 6, SD(intake) = sqrt(20/3) = 2.582.
    static readonly EpisodeReading[] Vector = [Phq9Episode(20, 10), Phq9Episode(18, 14), Phq9Episode(22, 12), Phq9Episode(16, 16)];

    [Fact]
    public void Pre_post_d_of_the_vector_is_2_32()
    {
        EffectSizes.PrePostD(Vector)!.Value.ShouldBe(6 / Math.Sqrt(20.0 / 3), 1e-9);
        Math.Round(EffectSizes.PrePostD(Vector)!.Value, 2).ShouldBe(2.32);
    }

    [Fact]
    public void SAES_of_the_vector_per_episode_and_mean()
    {
        // OLS of change on intake: slope 36/20 = 1.8; residuals [2.2, -0.2, -1.4, -0.6]; (6 + residual) / 2.582.
        var reference = SaesReference.From(Vector)!;
        Vector.Select(e => Math.Round(reference.Adjusted(e.Intake!.Value, e.Change!.Value), 3)).ShouldBe([3.176, 2.246, 1.782, 2.091]);
        Math.Round(reference.Saes(Vector)!.Value, 2).ShouldBe(2.32);
    }

    [Fact]
    public void SAES_of_a_group_uses_the_tenants_reference()
    {
        // The group holds the first two episodes; the regression is the whole tenant's: (3.176 + 2.246) / 2 = 2.711.
        var reference = SaesReference.From(Vector)!;
        Math.Round(reference.Saes(Vector[..2])!.Value, 3).ShouldBe(2.711, 0.001);
        OutcomeFigures.Of("g", 2, Vector[..2], reference).SaesTenantReferenced.ShouldBe(2.71);
    }

    [Fact]
    public void Two_cases_are_enough_for_the_arithmetic()
    {
        // intakes 20, 10; changes 10, 0: mean 5, SD(intake) = sqrt(50) = 7.071; d = 0.707. SAES: slope 1, no residual.
        EpisodeReading[] two = [Phq9Episode(20, 10), Phq9Episode(10, 10)];
        EffectSizes.PrePostD(two)!.Value.ShouldBe(5 / Math.Sqrt(50), 1e-9);
        SaesReference.From(two)!.Saes(two)!.Value.ShouldBe(5 / Math.Sqrt(50), 1e-9);
        SaesReference.From(two)!.Saes([]).ShouldBeNull();
    }

    [Fact]
    public void Equal_decimal_intakes_have_no_spread()
    {
        // Ten ORS intakes of 20.1: in binary floating point their deviations are about 1e-15, which gave d = 1e15.
        var ors = Catalogue.Get("ORS");
        var readings = Enumerable.Range(0, 10).Select(_ => EpisodeReading.Of(ors, new CompletedEpisode(20.1m, 25.1m, AgeGroup.Adult))).ToList();
        EffectSizes.PrePostD(readings).ShouldBeNull();
        SaesReference.From(readings).ShouldBeNull();
    }

    [Fact]
    public void Effect_sizes_need_two_cases_with_spread()
    {
        EffectSizes.PrePostD([Phq9Episode(20, 10)]).ShouldBeNull();
        EffectSizes.PrePostD([Phq9Episode(20, 10), Phq9Episode(20, 12)]).ShouldBeNull();
        SaesReference.From([Phq9Episode(20, 10), Phq9Episode(20, 12)]).ShouldBeNull();
        // Not cases (intake below 10) are not in the reference.
        SaesReference.From([Phq9Episode(20, 10), Phq9Episode(5, 2)]).ShouldBeNull();
    }

    [Theory]
    // A (PHQ 15, GAD 12) -> (8, 6): recovered, reliably improved, reliably recovered.
    [InlineData(15, 12, 8, 6, true, true, true, false)]
    // B (11, 5) -> (9, 9): a case, not recovered (GAD 9 >= 8), reliable deterioration (GAD +4).
    [InlineData(11, 5, 9, 9, true, false, false, true)]
    // C (7, 6) -> (3, 2): not a case (so not recovered), reliable improvement (GAD -4).
    [InlineData(7, 6, 3, 2, false, false, true, false)]
    // At the thresholds: PHQ 10 or GAD 8 is a case; PHQ 9 and GAD 7 at the end are below.
    [InlineData(10, 0, 9, 0, true, true, false, false)]
    [InlineData(0, 8, 0, 7, true, true, false, false)]
    [InlineData(9, 7, 9, 7, false, false, false, false)]
    [InlineData(0, 8, 0, 8, true, false, false, false)]
    [InlineData(10, 0, 10, 0, true, false, false, false)]
    // Improved on PHQ-9 (-6) but deteriorated on GAD-7 (+4): deterioration wins.
    [InlineData(16, 2, 10, 6, true, false, false, true)]
    public void Paired_PHQ9_GAD7(int phqIn, int gadIn, int phqOut, int gadOut, bool isCase, bool recovered, bool improved, bool deteriorated)
    {
        var r = EpisodeReading.Of(new PairedEpisode(phqIn, phqOut, gadIn, gadOut));
        (r.Case, r.Recovered, r.ReliablyImproved, r.ReliablyDeteriorated).ShouldBe((isCase, recovered, improved, deteriorated));
        r.ReliablyRecovered.ShouldBe(recovered && improved);
    }

    [Theory]
    // PHQ-9: RCI 6, exact; recovered = a case whose final is not clinical, with or without reliable change.
    [InlineData(15, 9, true, true, false, true)]    // -6: improved, recovered, reliably recovered
    [InlineData(14, 9, true, false, false, false)]  // -5: unchanged, but recovered (not reliably)
    [InlineData(9, 3, false, true, false, false)]   // not a case: improved, never recovered
    [InlineData(10, 16, true, false, true, false)]  // +6: deteriorated
    [InlineData(10, 15, true, false, false, false)] // +5: unchanged
    public void One_instrument(int intake, int final, bool isCase, bool improved, bool deteriorated, bool reliablyRecovered)
    {
        var r = Phq9Episode(intake, final);
        (r.Case, r.ReliablyImproved, r.ReliablyDeteriorated, r.ReliablyRecovered).ShouldBe((isCase, improved, deteriorated, reliablyRecovered));
        r.Recovered.ShouldBe(isCase && final < 10);
        r.Change.ShouldBe(intake - final);
    }

    [Fact]
    public void Higher_is_better_instruments_sign_improvement_positive_and_compare_exact_decimals()
    {
        // ORS (adult cut-off <= 25, RCI 5): 19.8 -> 24.8 is exactly +5.0, a reliable improvement, still clinical.
        var r = EpisodeReading.Of(Catalogue.Get("ORS"), new CompletedEpisode(19.8m, 24.8m, AgeGroup.Adult));
        (r.Change, r.ReliablyImproved, r.Recovered).ShouldBe((5.0m, true, false));
        EpisodeReading.Of(Catalogue.Get("ORS"), new CompletedEpisode(19.8m, 24.7m, AgeGroup.Adult)).ReliablyImproved.ShouldBeFalse();
        // 25.0 is clinical (at or below), 25.1 is not.
        EpisodeReading.Of(Catalogue.Get("ORS"), new CompletedEpisode(20.1m, 25.1m, AgeGroup.Adult)).Recovered.ShouldBeTrue();
        EpisodeReading.Of(Catalogue.Get("ORS"), new CompletedEpisode(20.0m, 25.0m, AgeGroup.Adult)).Recovered.ShouldBeFalse();
    }

    [Fact]
    public void Figures_count_recovery_over_cases_and_reliable_change_over_completed_episodes()
    {
        EpisodeReading[] readings = [.. Vector, Phq9Episode(8, 2), Phq9Episode(12, 9), Phq9Episode(6, 14)];
        var f = OutcomeFigures.Of("k", 9, readings, SaesReference.From(readings));
        // cases: 20, 18, 22, 16, 12 (5); recovered: 20->10? no (10 is clinical); 18->14 no; 22->12 no; 16->16 no; 12->9 yes.
        (f.EndedEpisodes, f.CompletedEpisodes, f.CasesAtIntake, f.Recovered).ShouldBe((9, 7, 5, 1));
        // improved (>= 6 down): 20->10, 22->12, 8->2 (3 of 7); deteriorated: 6->14 (+8); reliable recovery: none.
        (f.ReliablyImproved, f.ReliablyDeteriorated, f.ReliableRecovery).ShouldBe((3, 1, 0));
    }
}
