namespace Feedback.Clinical.Tests.Engine;

/// <summary>The trajectory and alert vectors of clinical.md section 7, and the rules of sections 3-6 one by one.</summary>
public sealed class EngineVectors
{
    static Evaluation Outcome(Instrument i, decimal?[] items, int? session, EpisodeContext context, AgeGroup age = AgeGroup.Adult) =>
        FeedbackEngine.Evaluate(i, age, Rater.Client, items, Scorer.Score(i, items, age), session, context);

    static OutcomeFeedback Phq9(decimal intake, decimal score, int t) =>
        OutcomeEngine.Evaluate(Catalogue.Phq9, AgeGroup.Adult, new ScorePoint(intake, 1), new ScorePoint(score, t), ordinal: 2);

    [Fact]
    public void Phq9_20_then_18_at_session_8_is_off_track()
    {
        var f = Phq9(20, 18, 8);
        f.Expected.ShouldBe(2.9 + 17.1 * Math.Pow(8, -1.0 / 3), 1e-9);
        Rounding.OneDecimal(f.Expected).ShouldBe(11.5m); // 11.45 -> 11.5, half away from zero
        f.Deviation.ShouldBe(6.55, 1e-9);
        f.ReliableChange.ShouldBe(ChangeCategory.Unchanged);
        f.Status.ShouldBe(ProgressStatus.OffTrack);
    }

    [Fact]
    public void Phq9_20_then_13_at_session_2_is_improved_not_recovered_and_on_track()
    {
        var f = Phq9(20, 13, 2);
        f.Expected.ShouldBe(16.47, 0.01);
        f.ReliableChange.ShouldBe(ChangeCategory.Improved);
        f.Recovered.ShouldBeFalse();
        f.Deviation.ShouldBe(-3.47, 0.01);
        f.Status.ShouldBe(ProgressStatus.OnTrack);
    }

    [Fact]
    public void An_off_track_phq9_raises_a_high_off_track_alert()
    {
        var items = new decimal?[] { 2, 2, 2, 2, 2, 2, 2, 2, 2 }; // 18, item 9 at 2 also raises an urgent risk alert
        var e = Outcome(Catalogue.Phq9, items, 8, new EpisodeContext(new ScorePoint(20, 1), 2, 20, null));
        e.Alerts.ShouldContain(a => a.Kind == AlertKind.OffTrack && a.Priority == AlertPriority.High);
        e.Alerts.ShouldContain(a => a.Kind == AlertKind.RiskItem && a.Priority == AlertPriority.Urgent && a.Item == 9);
    }

    [Fact]
    public void The_intake_is_the_baseline()
    {
        var e = Outcome(Catalogue.Phq9, [2, 2, 2, 2, 2, 2, 2, 2, 0], 1, new EpisodeContext(null, 1, null, null));
        e.Outcome!.Status.ShouldBe(ProgressStatus.Baseline);
        e.Outcome.Expected.ShouldBe(16);
        e.Alerts.ShouldBeEmpty();
    }

    [Fact]
    public void Recovery_needs_reliable_improvement_from_clinical_to_non_clinical()
    {
        var f = Phq9(20, 9, 3);
        f.Recovered.ShouldBeTrue();
        f.Status.ShouldBe(ProgressStatus.Recovered);
    }

    [Fact]
    public void Reliable_deterioration_is_off_track_with_its_own_high_alert()
    {
        var e = Outcome(Catalogue.Gad7, [3, 3, 3, 1, 1, 1, 0], 3, new EpisodeContext(new ScorePoint(8, 1), 3, 8, null)); // 12
        e.Outcome!.ReliableChange.ShouldBe(ChangeCategory.Deteriorated);
        e.Outcome.Status.ShouldBe(ProgressStatus.OffTrack);
        e.Alerts.Select(a => (a.Kind, a.Priority)).ShouldBe([(AlertKind.OffTrack, AlertPriority.High), (AlertKind.ReliableDeterioration, AlertPriority.High)], ignoreOrder: true);
    }

    [Fact]
    public void An_intake_already_better_than_the_non_clinical_mean_is_expected_to_stay()
    {
        PowerDecay.Expected(Catalogue.Phq9, 2, 10).ShouldBe(2);
        PowerDecay.Expected(Catalogue.Ors, 30, 10).ShouldBe(30);
    }

    [Fact]
    public void For_higher_is_better_measures_the_thresholds_lie_below_the_curve()
    {
        var f = OutcomeEngine.Evaluate(Catalogue.Ors, AgeGroup.Adult, new ScorePoint(14, 1), new ScorePoint(16, 8), 2);
        f.Expected.ShouldBe(28 - 14 * 0.5, 1e-9);
        f.AtRisk.ShouldBe(f.Expected - 2.5, 1e-9);
        f.OffTrack.ShouldBe(f.Expected - 5, 1e-9);
        f.Deviation.ShouldBe(5, 1e-9);
        f.Status.ShouldBe(ProgressStatus.OffTrack);
    }

    [Fact]
    public void The_intakes_session_is_session_1_of_the_trajectory()
    {
        OutcomeEngine.TrajectorySession(new ScorePoint(20, 3), new ScorePoint(18, 10), ordinal: 4).ShouldBe(8);
        OutcomeEngine.TrajectorySession(new ScorePoint(20, null), new ScorePoint(18, 8), ordinal: 2).ShouldBe(8);
        OutcomeEngine.TrajectorySession(new ScorePoint(20, 1), new ScorePoint(18, null), ordinal: 5).ShouldBe(5);
    }

    [Theory]
    [InlineData(1, AlertPriority.High)]
    [InlineData(2, AlertPriority.Urgent)]
    [InlineData(3, AlertPriority.Urgent)]
    public void Phq9_item_9_raises_a_risk_alert_urgent_above_the_middle(int answer, AlertPriority priority)
    {
        var alerts = AlertRules.RiskItems(Catalogue.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, answer]).ToList();
        alerts.ShouldHaveSingleItem().Priority.ShouldBe(priority);
        alerts[0].Kind.ShouldBe(AlertKind.RiskItem);
    }

    [Fact]
    public void Phq9_25_with_item_9_at_1_raises_a_high_risk_alert()
    {
        var e = Outcome(Catalogue.Phq9, [3, 3, 3, 3, 3, 3, 3, 3, 1], 1, new EpisodeContext(null, 1, null, null));
        e.Alerts.ShouldHaveSingleItem().ShouldBe(new AlertDraft(AlertKind.RiskItem, AlertPriority.High, 9, e.Alerts[0].Message));
    }

    [Fact]
    public void An_unanswered_risk_item_is_its_own_high_alert()
    {
        var alert = AlertRules.RiskItems(Catalogue.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, null]).ShouldHaveSingleItem();
        alert.Kind.ShouldBe(AlertKind.RiskItemUnanswered);
        alert.Priority.ShouldBe(AlertPriority.High);
    }

    [Theory]
    [InlineData(6, 3, AlertPriority.Urgent)]
    [InlineData(6, 2, AlertPriority.High)]
    public void Core10_item_6_is_a_risk_item(int item, int answer, AlertPriority priority)
    {
        var items = new decimal?[10];
        Array.Fill(items, 0);
        items[item - 1] = answer;
        AlertRules.RiskItems(Catalogue.Core10, items).ShouldHaveSingleItem().Priority.ShouldBe(priority);
    }

    [Fact]
    public void Oq452_critical_items_raise_substance_use_and_item_44_a_high_risk_alert()
    {
        var items = Enumerable.Repeat<decimal?>(0, 45).ToArray();
        items[10] = 1; items[25] = 2; items[31] = 1; items[43] = 1; items[7] = 4;
        var alerts = AlertRules.RiskItems(Catalogue.Oq452, items).ToList();
        alerts.Count(a => a.Kind == AlertKind.SubstanceUse && a.Priority == AlertPriority.Normal).ShouldBe(3);
        alerts.ShouldContain(a => a.Kind == AlertKind.RiskItem && a.Item == 44 && a.Priority == AlertPriority.High);
        alerts.ShouldContain(a => a.Kind == AlertKind.RiskItem && a.Item == 8 && a.Priority == AlertPriority.Urgent);
    }

    static AllianceFeedback Srs(decimal?[] items, decimal? previous) =>
        AllianceRules.Evaluate(Catalogue.Srs, items, Scorer.Score(Catalogue.Srs, items), previous);

    [Fact]
    public void Srs_95_90_85_96_is_a_concern_for_one_item_below_9_only()
    {
        var f = Srs([9.5m, 9.0m, 8.5m, 9.6m], null);
        f.Reasons.ShouldBe([AllianceReason.ItemBelow9]);
        var e = FeedbackEngine.Evaluate(Catalogue.Srs, AgeGroup.Adult, Rater.Client, [9.5m, 9.0m, 8.5m, 9.6m],
            Scorer.Score(Catalogue.Srs, [9.5m, 9.0m, 8.5m, 9.6m]), 2, new EpisodeContext(null, 1, null, null));
        e.Alerts.ShouldHaveSingleItem().ShouldBe(new AlertDraft(AlertKind.AllianceConcern, AlertPriority.Normal, null, e.Alerts[0].Message));
    }

    [Fact]
    public void Srs_at_36_is_below_the_cutoff_and_a_fall_of_1_is_a_drop_so_two_reasons_make_it_high()
    {
        var f = Srs([9, 9, 9, 9], previous: 38);
        f.Reasons.ShouldBe([AllianceReason.BelowCutoff, AllianceReason.Drop]);
        AlertRules.Evaluate(Catalogue.Srs, [9, 9, 9, 9], null, f, null).ShouldHaveSingleItem().Priority.ShouldBe(AlertPriority.High);
    }

    [Fact]
    public void Wai_sr_rules_use_item_means_and_a_fall_of_5()
    {
        var items = new decimal?[] { 4, 4, 2, 4, 2, 4, 2, 4, 2, 4, 4, 4 }; // 40: mean 3.33; bond 8/4 = 2
        var f = AllianceRules.Evaluate(Catalogue.WaiSr, items, Scorer.Score(Catalogue.WaiSr, items), previousTotal: 45);
        f.Reasons.ShouldBe([AllianceReason.BelowCutoff, AllianceReason.SubscaleLow, AllianceReason.Drop]);
    }

    [Fact]
    public void A_therapist_rating_15_percent_above_the_client_raises_a_discrepancy_on_the_later_one()
    {
        decimal?[] client = [7, 7, 7, 7], therapist = [8.5m, 8.5m, 8.5m, 8.5m]; // 0.70 vs 0.85
        var e = FeedbackEngine.Evaluate(Catalogue.Srs, AgeGroup.Adult, Rater.Therapist, therapist, Scorer.Score(Catalogue.Srs, therapist), 3,
            new EpisodeContext(null, 1, null, new Counterpart(Rater.Client, client, IsLaterThanCurrent: false)));
        var alert = e.Alerts.ShouldHaveSingleItem();
        alert.Kind.ShouldBe(AlertKind.AllianceDiscrepancy);
        alert.OnCounterpart.ShouldBeFalse();
        var reversed = FeedbackEngine.Evaluate(Catalogue.Srs, AgeGroup.Adult, Rater.Therapist, therapist, Scorer.Score(Catalogue.Srs, therapist), 3,
            new EpisodeContext(null, 1, null, new Counterpart(Rater.Client, client, IsLaterThanCurrent: true)));
        reversed.Alerts.ShouldHaveSingleItem().OnCounterpart.ShouldBeTrue();
    }

    [Fact]
    public void A_client_rating_the_alliance_higher_than_the_therapist_raises_no_discrepancy()
    {
        decimal?[] client = [10, 10, 10, 10], therapist = [7, 7, 7, 7];
        var e = FeedbackEngine.Evaluate(Catalogue.Srs, AgeGroup.Adult, Rater.Client, client, Scorer.Score(Catalogue.Srs, client), 3,
            new EpisodeContext(null, 1, null, new Counterpart(Rater.Therapist, therapist, false)));
        e.Alerts.ShouldBeEmpty();
    }

    [Fact]
    public void A_therapists_low_srs_feeds_no_alliance_concern()
    {
        decimal?[] therapist = [5, 5, 5, 5];
        var e = FeedbackEngine.Evaluate(Catalogue.Srs, AgeGroup.Adult, Rater.Therapist, therapist, Scorer.Score(Catalogue.Srs, therapist), 3,
            new EpisodeContext(null, 1, null, null));
        e.Alliance!.Concern.ShouldBeTrue();
        e.Alerts.ShouldBeEmpty();
    }

    [Fact]
    public void Status_comes_from_unrounded_numbers_even_where_rounding_would_cross_a_threshold()
    {
        // PHQ-9: w = 6. Intake 26, t = 8 -> expected 14.45; 20.4 gives deviation 5.95, shown as 6.0 but not off track.
        var f = OutcomeEngine.Evaluate(Catalogue.Phq9, AgeGroup.Adult, new ScorePoint(26, 1), new ScorePoint(20.4m, 8), 2);
        Rounding.OneDecimal(f.Deviation).ShouldBe(6.0m);
        f.Deviation.ShouldBeLessThan(6);
        f.Status.ShouldBe(ProgressStatus.AtRisk);
    }
}
