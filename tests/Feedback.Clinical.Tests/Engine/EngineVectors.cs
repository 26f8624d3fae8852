namespace Feedback.Clinical.Tests.Engine;

/// <summary>
/// The vectors of clinical.md section 7 (v1 and v1.1), through the engine, with expected values written from the spec
/// and worked by hand in the comments, never taken from the code under test.
/// </summary>
public sealed class EngineVectors
{
    static readonly EpisodeContext Intake = new(null, 1, null, null);

    static Evaluation Evaluate(Instrument i, decimal?[] items, int? session, EpisodeContext context, AgeGroup age = AgeGroup.Adult, Rater rater = Rater.Client)
    {
        var score = Scorer.Score(i, items, age);
        return FeedbackEngine.Evaluate(i, rater, items, score, new ScorePoint(score.Total, session, age, score.Prorated), context);
    }

    static OutcomeFeedback Phq9(decimal intake, decimal score, int t) =>
        OutcomeEngine.Evaluate(Catalogue.Phq9, new ScorePoint(intake, 1), new ScorePoint(score, t), ordinal: 2);

    [Fact]
    public void Phq9_2_2_2_2_2_2_1_1_0_is_14_moderate_clinical_without_risk()
    {
        var e = Evaluate(Catalogue.Phq9, [2, 2, 2, 2, 2, 2, 1, 1, 0], 1, Intake);
        var score = Scorer.Score(Catalogue.Phq9, [2, 2, 2, 2, 2, 2, 1, 1, 0]);
        (score.Total, score.Severity, score.ClinicalRange).ShouldBe((14m, "moderate", (bool?)true));
        e.Alerts.ShouldBeEmpty();
    }

    [Fact]
    public void Phq9_all_3_but_item_9_at_1_is_25_severe_with_a_high_risk_item()
    {
        var e = Evaluate(Catalogue.Phq9, [3, 3, 3, 3, 3, 3, 3, 3, 1], 1, Intake);
        var score = Scorer.Score(Catalogue.Phq9, [3, 3, 3, 3, 3, 3, 3, 3, 1]);
        (score.Total, score.Severity).ShouldBe((25m, "severe"));
        var alert = e.Alerts.ShouldHaveSingleItem();
        (alert.Kind, alert.Priority, alert.Item).ShouldBe((AlertKind.RiskItem, AlertPriority.High, (int?)9));
    }

    [Fact]
    public void Phq9_zeros_with_item_9_unanswered_is_0_with_risk_item_unanswered()
    {
        var e = Evaluate(Catalogue.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, null], 1, Intake);
        Scorer.Score(Catalogue.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, null]).Total.ShouldBe(0);
        var alert = e.Alerts.ShouldHaveSingleItem();
        (alert.Kind, alert.Priority, alert.Item).ShouldBe((AlertKind.RiskItemUnanswered, AlertPriority.High, (int?)9));
    }

    [Fact]
    public void Phq9_intake_20_then_18_at_session_8_is_off_track()
    {
        var f = Phq9(20, 18, 8);
        f.Expected.ShouldBe(11.45, 1e-9); // 2.9 + 17.1 * 8^(-1/3) = 2.9 + 8.55
        Rounding.OneDecimal(f.Expected).ShouldBe(11.5m); // half away from zero
        f.Deviation.ShouldBe(6.55); // rounded to 6 places: exactly 6.55
        f.ReliableChange.ShouldBe(ChangeCategory.Unchanged); // 2 < 6
        f.Status.ShouldBe(ProgressStatus.OffTrack);
        (f.Session, f.IntakeScore, f.ChangeFromIntake).ShouldBe((8, 20m, -2m));
    }

    [Fact]
    public void Phq9_intake_20_then_13_at_session_2_is_improved_not_recovered_and_on_track()
    {
        var f = Phq9(20, 13, 2);
        f.Expected.ShouldBe(2.9 + 17.1 * 0.7937005259840998, 1e-9); // 16.47
        f.ReliableChange.ShouldBe(ChangeCategory.Improved); // 7 >= 6
        f.Recovered.ShouldBeFalse(); // 13 >= 10 is still clinical
        f.Deviation.ShouldBe(-3.472279, 1e-6);
        f.Status.ShouldBe(ProgressStatus.OnTrack);
    }

    [Fact]
    public void Srs_95_90_85_96_is_36_6_with_item_below_9_only()
    {
        decimal?[] items = [9.5m, 9.0m, 8.5m, 9.6m];
        Scorer.Score(Catalogue.Srs, items).Total.ShouldBe(36.6m);
        var e = Evaluate(Catalogue.Srs, items, 2, Intake);
        e.Alliance!.Reasons.ShouldBe([AllianceReason.ItemBelow9]);
        var alert = e.Alerts.ShouldHaveSingleItem();
        (alert.Kind, alert.Priority).ShouldBe((AlertKind.AllianceConcern, AlertPriority.Normal));
    }

    [Fact]
    public void V1_1_ors_32_3_then_27_3_is_an_exact_reliable_deterioration_and_off_track_with_two_high_alerts()
    {
        decimal?[] intakeItems = [8.1m, 8.1m, 8.1m, 8.0m], laterItems = [6.8m, 6.8m, 6.8m, 6.9m];
        Scorer.Score(Catalogue.Ors, intakeItems).Total.ShouldBe(32.3m);
        Scorer.Score(Catalogue.Ors, laterItems).Total.ShouldBe(27.3m);
        (27.3 - 32.3).ShouldNotBe(-5.0); // the binary trap the rule is about: -4.999999999999996
        var e = Evaluate(Catalogue.Ors, laterItems, 2, new EpisodeContext(new ScorePoint(32.3m, 1), 2, 32.3m, null));
        var f = e.Outcome!;
        f.ChangeFromIntake.ShouldBe(-5.0m);
        f.ReliableChange.ShouldBe(ChangeCategory.Deteriorated);
        f.Expected.ShouldBe(32.3); // intake above the adult target 28: expected stays at the intake
        f.Deviation.ShouldBe(5.0);
        f.Status.ShouldBe(ProgressStatus.OffTrack);
        e.Alerts.Select(a => (a.Kind, a.Priority)).ShouldBe(
            [(AlertKind.OffTrack, AlertPriority.High), (AlertKind.ReliableDeterioration, AlertPriority.High)], ignoreOrder: true);
    }

    [Fact]
    public void V1_1_adult_ors_25_0_is_clinical()
    {
        var score = Scorer.Score(Catalogue.Ors, [6.3m, 6.2m, 6.3m, 6.2m], AgeGroup.Adult);
        score.Total.ShouldBe(25.0m);
        score.ClinicalRange.ShouldBe(true);
    }

    [Fact]
    public void V1_1_a_child_staying_at_27_is_at_risk_by_session_20_on_cors_and_on_ors_with_a_child_intake()
    {
        // expected = 34.5 + (27 - 34.5) * 20^(-1/3) = 34.5 - 7.5 * 0.368403 = 31.737; deviation 4.736976 -> at_risk (2.5 <= d < 5)
        var cors = OutcomeEngine.Evaluate(Catalogue.Cors, new ScorePoint(27.0m, 1, AgeGroup.Adult), new ScorePoint(27.0m, 20, AgeGroup.Adult), 2);
        var ors = OutcomeEngine.Evaluate(Catalogue.Ors, new ScorePoint(27.0m, 1, AgeGroup.Child), new ScorePoint(27.0m, 20, AgeGroup.Child), 2);
        foreach (var f in new[] { cors, ors })
        {
            f.Expected.ShouldBe(34.5 - 7.5 * Math.Pow(20, -1.0 / 3), 1e-9);
            Rounding.OneDecimal(f.Expected).ShouldBe(31.7m);
            f.Deviation.ShouldBe(4.736976, 1e-6); // 31.736976 - 27
            f.Status.ShouldBe(ProgressStatus.AtRisk);
        }
    }

    [Fact]
    public void V1_1_the_trajectory_uses_the_age_group_stored_with_the_intake_not_the_current_one()
    {
        // Child intake 27, the client is now an adult: the target stays 34.5 (the adult 28 would make 27 at t = 20 on track).
        var f = OutcomeEngine.Evaluate(Catalogue.Ors, new ScorePoint(27.0m, 1, AgeGroup.Child), new ScorePoint(27.0m, 20, AgeGroup.Adult), 2);
        f.Status.ShouldBe(ProgressStatus.AtRisk);
        var adult = OutcomeEngine.Evaluate(Catalogue.Ors, new ScorePoint(27.0m, 1, AgeGroup.Adult), new ScorePoint(27.0m, 20, AgeGroup.Child), 2);
        adult.Expected.ShouldBe(28 - 1 * Math.Pow(20, -1.0 / 3), 1e-9); // 27.63
        adult.Status.ShouldBe(ProgressStatus.OnTrack);
    }

    [Fact]
    public void V1_1_scored_oq45_items_of_every_answer_never_are_positions_all_0_and_total_36()
    {
        var oq = Catalogue.Oq452;
        var response = Enumerable.Repeat<decimal?>(0, 45).ToArray();
        Scorer.Score(oq, oq.Positions(response, ItemConvention.Response)).Total.ShouldBe(36);
        var scored = Enumerable.Range(1, 45).Select(i => (decimal?)(new[] { 1, 12, 13, 20, 21, 24, 31, 37, 43 }.Contains(i) ? 4 : 0)).ToArray();
        var positions = oq.Positions(scored, ItemConvention.Scored);
        positions.ShouldAllBe(p => p == 0);
        Scorer.Score(oq, positions).Total.ShouldBe(36);
    }

    [Fact]
    public void V1_1_scored_core10_1_0_0_1_1_0_1_1_1_1_is_positions_1_4_4_1_and_total_7()
    {
        var positions = Catalogue.Core10.Positions([1, 0, 0, 1, 1, 0, 1, 1, 1, 1], ItemConvention.Scored);
        positions.ShouldBe([1, 4, 4, 1, 1, 0, 1, 1, 1, 1]);
        Scorer.Score(Catalogue.Core10, positions).Total.ShouldBe(7);
        Scorer.Score(Catalogue.Core10, [1, 4, 4, 1, 1, 0, 1, 1, 1, 1]).Total.ShouldBe(7); // the v1 vector, as positions
    }

    [Fact]
    public void V1_1_without_the_convention_scored_oq45_values_of_a_clinical_90_would_read_54()
    {
        // 9 reverse items answered "Never" carry scored 4; everything else answered so the true total is 90.
        var oq = Catalogue.Oq452;
        int[] reverse = [1, 12, 13, 20, 21, 24, 31, 37, 43];
        var scored = Enumerable.Range(1, 45).Select(i => (decimal?)(reverse.Contains(i) ? 4 : 0)).ToArray();
        var rest = Enumerable.Range(1, 45).Where(i => !reverse.Contains(i)).Take(18).ToList(); // 18 non-reverse items at 3 = 54
        foreach (var i in rest) scored[i - 1] = 3;
        Scorer.Score(oq, oq.Positions(scored, ItemConvention.Scored)).Total.ShouldBe(90); // 36 + 54
        Scorer.Score(oq, scored).Total.ShouldBe(54); // the double reversal the convention exists to prevent
    }

    [Fact]
    public void V1_1_srs_36_after_37_is_below_cutoff_and_drop_at_normal_priority()
    {
        var e = Evaluate(Catalogue.Srs, [9, 9, 9, 9], 3, new EpisodeContext(null, 2, 37.0m, null));
        e.Alliance!.Reasons.ShouldBe([AllianceReason.BelowCutoff, AllianceReason.Drop]);
        e.Alerts.ShouldHaveSingleItem().Priority.ShouldBe(AlertPriority.Normal); // 36 is not < 34
    }

    [Fact]
    public void V1_1_srs_32_after_37_is_high_priority()
    {
        var e = Evaluate(Catalogue.Srs, [8, 8, 8, 8], 3, new EpisodeContext(null, 2, 37.0m, null));
        e.Alliance!.Reasons.ShouldBe([AllianceReason.BelowCutoff, AllianceReason.ItemBelow9, AllianceReason.Drop]);
        e.Alerts.ShouldHaveSingleItem().Priority.ShouldBe(AlertPriority.High);
    }

    [Fact]
    public void V1_1_who5_4_4_4_4_1_is_68_percent_with_wellbeing_low_item_on_item_5()
    {
        var e = Evaluate(Catalogue.Who5, [4, 4, 4, 4, 1], 1, Intake);
        Scorer.Score(Catalogue.Who5, [4, 4, 4, 4, 1]).Total.ShouldBe(68);
        var alert = e.Alerts.ShouldHaveSingleItem();
        (alert.Kind, alert.Priority, alert.Item).ShouldBe((AlertKind.WellbeingLowItem, AlertPriority.Normal, (int?)5));
    }

    [Fact]
    public void V1_1_stale_episode_147_days_later_with_the_default_90_is_stale()
    {
        var first = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var second = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
        (second - first).TotalDays.ShouldBe(147);
        Feedback.Clinical.Episodes.StaleEpisode.IsStale(first, second, Feedback.Clinical.Episodes.StaleEpisode.DefaultDays).ShouldBeTrue();
        Feedback.Clinical.Episodes.StaleEpisode.DefaultDays.ShouldBe(90);
    }

    [Fact]
    public void CORE10_1_4_4_1_1_0_1_1_1_1_is_7_and_all_zero_oq45_is_36()
    {
        Scorer.Score(Catalogue.Core10, [1, 4, 4, 1, 1, 0, 1, 1, 1, 1]).Total.ShouldBe(7);
        Scorer.Score(Catalogue.Oq452, Enumerable.Repeat<decimal?>(0, 45).ToArray()).Total.ShouldBe(36);
    }

    [Fact]
    public void Ors_5_2_6_0_4_4_5_1_is_20_7_clinical_for_an_adult()
    {
        var score = Scorer.Score(Catalogue.Ors, [5.2m, 6.0m, 4.4m, 5.1m]);
        (score.Total, score.ClinicalRange).ShouldBe((20.7m, (bool?)true));
    }
}
