namespace Feedback.Clinical.Tests.Spec;

/// <summary>
/// Rules of sections 2 and 6 that the catalogue's own numbers leave untested: reverse scoring with an item minimum above
/// 0, subscale proration, OQ-45.2 imputation by the mean, complete answers never prorated, and the dual-perspective
/// pairing at its threshold.
/// </summary>
public sealed class ScoringAndPairing
{
    [Fact]
    public void A_reverse_item_scores_max_plus_min_minus_the_answer()
    {
        // clinical.md section 2: scored value = (item max + item min) - answer. A 1-5 item: 1 -> 5, 2 -> 4, 5 -> 1.
        var oneToFive = Catalogue.WaiSr with { ReverseItems = [2] };
        (oneToFive.Scored(2, 1), oneToFive.Scored(2, 2), oneToFive.Scored(2, 5), oneToFive.Scored(3, 2)).ShouldBe((5m, 4m, 1m, 2m));
        oneToFive.Positions([1, 1, 3], ItemConvention.Scored).ShouldBe([1, 5, 3]);
    }

    [Theory]
    [InlineData("OQ-45.2"), InlineData("WAI-SR"), InlineData("PHQ-9"), InlineData("WHO-5")]
    public void Complete_answers_are_never_prorated(string code)
    {
        var spec = SpecInstrument.Of(code);
        Scorer.Score(Catalogue.Get(code), Enumerable.Repeat<decimal?>(spec.ItemMin + 1, spec.Items).ToArray()).Prorated.ShouldBeFalse();
    }

    [Fact]
    public void A_wai_sr_subscale_with_a_missing_item_is_prorated_like_the_total()
    {
        // Goal is items 4, 6, 8, 11: item 4 missing, the others 3 -> round(9 * 4 / 3) = 12; total round(33 * 12 / 11) = 36
        var items = Enumerable.Repeat<decimal?>(3, 12).ToArray();
        items[3] = null;
        var score = Scorer.Score(Catalogue.WaiSr, items);
        (score.Subscales["goal"], score.Subscales["task"], score.Subscales["bond"], score.Total, score.Prorated).ShouldBe((12m, 12m, 12m, 36m, true));
    }

    [Fact]
    public void Oq45_imputes_the_rounded_mean_not_the_lowest_answer_of_the_subscale()
    {
        // SR items 4, 12, 14, 21, 28, 32, 38, 39, 44; 44 missing. Scored 1, 3, 3, 3, 3, 3, 3, 3 -> mean 2.75 -> 3.
        var items = Enumerable.Repeat<decimal?>(0, 45).ToArray();
        foreach (var r in new[] { 1, 12, 13, 20, 21, 24, 31, 37, 43 }) items[r - 1] = 4; // reverse items scoring 0
        items[3] = 1;
        foreach (var sr in new[] { 14, 28, 32, 38, 39 }) items[sr - 1] = 3;
        items[11] = 1; items[20] = 1; // reverse items 12 and 21: position 1 scores 3
        items[43] = null;
        var score = Scorer.Score(Catalogue.Oq452, items);
        score.Subscales["SR"].ShouldBe(1 + 7 * 3 + 3);
        (score.Total, score.Prorated).ShouldBe((25m, true));
    }

    [Fact]
    public void The_dual_perspective_threshold_of_0_15_is_inclusive()
    {
        // item means 3.0 (client) and 3.6 (therapist) on 1-5: (3.6 - 1) / 4 - (3.0 - 1) / 4 = 0.65 - 0.5 = 0.15 exactly
        decimal?[] client = [.. Enumerable.Repeat<decimal?>(3.0m, 12)], therapist = [.. Enumerable.Repeat<decimal?>(3.6m, 12)];
        AllianceRules.Gap(Catalogue.WaiSr, client, therapist).ShouldBe(0.15m);
        var score = Scorer.Score(Catalogue.WaiSr, therapist);
        var e = FeedbackEngine.Evaluate(Catalogue.WaiSr, Rater.Therapist, therapist, score, new ScorePoint(score.Total, 4),
            new EpisodeContext(null, 1, null, new Counterpart(Rater.Client, client, false)));
        e.Alerts.Select(a => a.Kind).ShouldContain(AlertKind.AllianceDiscrepancy);
        decimal?[] justBelow = [.. Enumerable.Repeat<decimal?>(3.59m, 12)];
        var below = FeedbackEngine.Evaluate(Catalogue.WaiSr, Rater.Therapist, justBelow, Scorer.Score(Catalogue.WaiSr, justBelow), new ScorePoint(43.08m, 4),
            new EpisodeContext(null, 1, null, new Counterpart(Rater.Client, client, false)));
        below.Alerts.Select(a => a.Kind).ShouldNotContain(AlertKind.AllianceDiscrepancy);
    }

    [Fact]
    public void A_clients_wai_sr_is_not_paired_with_a_caregivers()
    {
        decimal?[] client = [.. Enumerable.Repeat<decimal?>(2, 12)], caregiver = [.. Enumerable.Repeat<decimal?>(5, 12)];
        var score = Scorer.Score(Catalogue.WaiSr, client);
        var e = FeedbackEngine.Evaluate(Catalogue.WaiSr, Rater.Client, client, score, new ScorePoint(score.Total, 4),
            new EpisodeContext(null, 1, null, new Counterpart(Rater.Caregiver, caregiver, false)));
        e.Alerts.Select(a => a.Kind).ShouldNotContain(AlertKind.AllianceDiscrepancy);
    }

    [Fact]
    public void An_administration_earlier_than_the_stored_intake_is_the_intake_whatever_its_place()
    {
        // no intake in the context: this one is the intake (session 1, baseline), even though 2 come before it by count
        var score = Scorer.Score(Catalogue.Phq9, [2, 2, 2, 2, 2, 2, 2, 2, 0]);
        var e = FeedbackEngine.Evaluate(Catalogue.Phq9, Rater.Client, [2, 2, 2, 2, 2, 2, 2, 2, 0], score, new ScorePoint(score.Total, null),
            new EpisodeContext(null, 3, 20, null));
        (e.Outcome!.Status, e.Outcome.Session, e.Outcome.IntakeScore).ShouldBe((ProgressStatus.Baseline, 1, 16m));
    }

    [Fact]
    public void A_risk_item_message_gives_the_answer_and_the_scale()
    {
        AlertRules.ItemAlerts(Catalogue.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, 2]).ShouldHaveSingleItem().Message
            .ShouldBe("PHQ-9 item 9 (thoughts of death or self-harm) answered 2 of 3.");
        AlertRules.ItemAlerts(Catalogue.Oq452, [.. Enumerable.Range(1, 45).Select(i => (decimal?)(i == 11 ? 1 : 0))]).ShouldHaveSingleItem().Message
            .ShouldBe("OQ-45.2 item 11 (alcohol use) answered 1 of 4.");
    }
}
