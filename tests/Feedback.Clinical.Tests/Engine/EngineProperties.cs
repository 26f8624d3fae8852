using CsCheck;

namespace Feedback.Clinical.Tests.Engine;

/// <summary>Properties that hold for every outcome instrument (and every alliance instrument where they say so).</summary>
public sealed class EngineProperties
{
    public static TheoryData<string> OutcomeCodes() => [.. Catalogue.All.Where(i => i.Kind == InstrumentKind.Outcome).Select(i => i.Code)];
    public static TheoryData<string> AllianceCodes() => [.. Catalogue.All.Where(i => i.Kind == InstrumentKind.Alliance).Select(i => i.Code)];

    static Gen<decimal> Total(Instrument i) =>
        Gen.Int[(int)i.TotalMin * 10, (int)i.TotalMax * 10].Select(tenths => i.Decimals == 0 ? Math.Round(tenths / 10m) : tenths / 10m);

    static Gen<decimal?[]> Items(Instrument i) =>
        Gen.Int[i.ItemMin * 10, i.ItemMax * 10].Select(tenths => (decimal?)(i.Decimals == 0 ? Math.Round(tenths / 10m) : tenths / 10m)).Array[i.ItemCount];

    [Theory, MemberData(nameof(OutcomeCodes))]
    public void The_expected_curve_starts_at_the_intake_and_moves_monotonically_toward_mu_f_without_passing_it(string code)
    {
        var i = Catalogue.Get(code);
        Gen.Select(Total(i), Gen.Int[1, 999], Gen.Enum<AgeGroup>()).Sample((intake, t, age) =>
        {
            var muF = (double)i.NonClinicalMean!.For(age);
            var x0 = (double)intake;
            PowerDecay.Expected(i, age, x0, 1).ShouldBe(x0, 1e-9);
            var now = PowerDecay.Expected(i, age, x0, t);
            var next = PowerDecay.Expected(i, age, x0, t + 1);
            // never worse than the session before, never better than mu_f (unless the intake already was)
            i.Direction.Worse(next, now).ShouldBeLessThanOrEqualTo(1e-9);
            if (i.Direction.Worse(x0, muF) > 0) i.Direction.Worse(next, muF).ShouldBeGreaterThanOrEqualTo(-1e-9);
            else next.ShouldBe(x0);
        });
    }

    [Theory, MemberData(nameof(OutcomeCodes))]
    public void A_score_better_than_expected_is_never_at_risk_or_off_track(string code)
    {
        var i = Catalogue.Get(code);
        Gen.Select(Total(i), Total(i), Gen.Int[2, 40], Gen.Enum<AgeGroup>()).Sample((intake, score, t, age) =>
        {
            var f = OutcomeEngine.Evaluate(i, new ScorePoint(intake, 1, age), new ScorePoint(score, t, age), 2);
            if (f.Deviation < 0) f.Status.ShouldNotBeOneOf(ProgressStatus.AtRisk, ProgressStatus.OffTrack);
        });
    }

    [Theory, MemberData(nameof(OutcomeCodes))]
    public void Any_answer_above_zero_on_a_risk_item_always_raises_a_risk_alert(string code)
    {
        var i = Catalogue.Get(code);
        if (i.RiskItems.Count == 0) return; // PHQ-9, CORE-10 and OQ-45.2 carry risk items
        Gen.Select(Items(i), Gen.Int[0, i.RiskItems.Count - 1], Gen.Int[1, i.ItemMax], Total(i), Gen.Int[1, 40]).Sample((items, k, answer, intake, session) =>
        {
            var risk = i.RiskItems[k];
            items[risk.Item - 1] = answer;
            var score = Scorer.Score(i, items);
            var e = FeedbackEngine.Evaluate(i, Rater.Client, items, score, new ScorePoint(score.Total, session),
                new EpisodeContext(new ScorePoint(intake, 1), 3, intake, null));
            e.Alerts.ShouldContain(a => a.Item == risk.Item && (a.Kind == AlertKind.RiskItem || a.Kind == AlertKind.SubstanceUse));
        });
    }

    [Theory, MemberData(nameof(AllianceCodes))]
    public void A_perfect_alliance_score_with_no_previous_one_raises_nothing(string code)
    {
        var i = Catalogue.Get(code);
        var perfect = Enumerable.Repeat<decimal?>(i.ItemMax, i.ItemCount).ToArray();
        Gen.Int[1, 1000].Sample(session =>
        {
            var score = Scorer.Score(i, perfect);
            var e = FeedbackEngine.Evaluate(i, Rater.Client, perfect, score, new ScorePoint(score.Total, session), new EpisodeContext(null, 1, null, null));
            e.Alliance!.Concern.ShouldBeFalse();
            e.Alerts.ShouldBeEmpty();
        });
    }
}
