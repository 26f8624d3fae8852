using Feedback.Clinical.Tests.Spec;

namespace Feedback.Clinical.Tests.V12;

/// <summary>
/// clinical.md v1.2 section 7, "v1.2 vectors": the client who does not change, through the whole engine (status, alert,
/// priority, reasons). Expected values are the spec's, printed by clinical-v1.2-vectors.py; deviations are the 6-place
/// values the status is decided on.
/// </summary>
public sealed class NoChangeVectors
{
    /// <summary>The administration at trajectory session t (intake at clinic session 1, this one at clinic session t).</summary>
    static Evaluation At(Instrument i, decimal intake, decimal score, int t, AgeGroup intakeAge = AgeGroup.Adult, AgeGroup ownAge = AgeGroup.Adult)
    {
        var items = SpecInstrument.Of(i.Code).ItemsWithTotal(score);
        var s = Scorer.Score(i, items, ownAge);
        return FeedbackEngine.Evaluate(i, Rater.Client, items, s, new ScorePoint(s.Total, t, ownAge),
            new EpisodeContext(new ScorePoint(intake, 1, intakeAge), t, intake, null));
    }

    static (ProgressStatus Status, double Deviation, AlertKind? Kind, AlertPriority? Priority) Read(Evaluation e)
    {
        var trajectory = e.Alerts.SingleOrDefault(a => AlertRules.IsTrajectory(a.Kind));
        return (e.Outcome!.Status, e.Outcome.Deviation, trajectory?.Kind, trajectory?.Priority);
    }

    [Theory]
    [InlineData(2, 0.825198, ProgressStatus.OnTrack, null, null)]
    [InlineData(3, 1.226555, ProgressStatus.OnTrack, null, null)]
    [InlineData(4, 1.480158, ProgressStatus.NoChange, AlertKind.NoChange, AlertPriority.Normal)]
    [InlineData(8, 2.000000, ProgressStatus.NoChange, AlertKind.NoChange, AlertPriority.High)]
    [InlineData(18, 2.473714, ProgressStatus.NoChange, AlertKind.NoChange, AlertPriority.High)]
    [InlineData(19, 2.500975, ProgressStatus.AtRisk, AlertKind.AtRisk, AlertPriority.High)]
    public void Adult_ors_24_unchanged(int t, double deviation, ProgressStatus status, AlertKind? kind, AlertPriority? priority) =>
        Read(At(Catalogue.Ors, 24.0m, 24.0m, t)).ShouldBe((status, deviation, kind, priority));

    [Fact]
    public void Adult_ors_24_is_not_improving_normal_at_5_and_7_and_the_at_risk_alert_of_19_says_no_change()
    {
        foreach (var t in new[] { 5, 6, 7 })
        {
            var r = Read(At(Catalogue.Ors, 24.0m, 24.0m, t));
            (r.Kind, r.Priority).ShouldBe((AlertKind.NoChange, AlertPriority.Normal));
        }
        var at19 = At(Catalogue.Ors, 24.0m, 24.0m, 19).Alerts.Single(a => a.Kind == AlertKind.AtRisk);
        at19.Reasons.ShouldBe(["no_change"]);
        at19.Message.ShouldBe("ORS 24.0 at clinic session 19 is at risk of not benefiting: 2.5 worse than expected (26.5) and no meaningful improvement since intake (24.0).");
        At(Catalogue.Ors, 24.0m, 24.0m, 4).Alerts.Single().Message.ShouldBe(
            "ORS 24.0 at clinic session 4 is not improving: 24.0 at intake, a change of 0.0 (half a reliable change is 2.5), still in the clinical range (at or below 25 (adult cut-off)).");
    }

    [Theory]
    [InlineData("ORS", AgeGroup.Child, 3, 1.073236, ProgressStatus.OnTrack, null, null)]
    [InlineData("ORS", AgeGroup.Child, 4, 1.295138, ProgressStatus.NoChange, AlertKind.NoChange, AlertPriority.Normal)]
    [InlineData("ORS", AgeGroup.Child, 8, 1.750000, ProgressStatus.NoChange, AlertKind.NoChange, AlertPriority.High)]
    [InlineData("ORS", AgeGroup.Child, 42, 2.493103, ProgressStatus.NoChange, AlertKind.NoChange, AlertPriority.High)]
    [InlineData("ORS", AgeGroup.Child, 43, 2.500970, ProgressStatus.AtRisk, AlertKind.AtRisk, AlertPriority.High)]
    [InlineData("CORS", AgeGroup.Adult, 4, 1.295138, ProgressStatus.NoChange, AlertKind.NoChange, AlertPriority.Normal)]
    [InlineData("CORS", AgeGroup.Adult, 43, 2.500970, ProgressStatus.AtRisk, AlertKind.AtRisk, AlertPriority.High)]
    public void Child_ors_or_cors_31_unchanged(string code, AgeGroup age, int t, double deviation, ProgressStatus status, AlertKind? kind, AlertPriority? priority) =>
        Read(At(Catalogue.Get(code), 31.0m, 31.0m, t, age, age)).ShouldBe((status, deviation, kind, priority));

    [Fact]
    public void A_child_whose_ors_stays_31_is_never_on_track_from_session_4_to_42()
    {
        for (var t = 4; t <= 42; t++)
            Read(At(Catalogue.Ors, 31.0m, 31.0m, t, AgeGroup.Child, AgeGroup.Child)).ShouldBe(
                (ProgressStatus.NoChange, Read(At(Catalogue.Ors, 31.0m, 31.0m, t, AgeGroup.Child, AgeGroup.Child)).Deviation,
                 AlertKind.NoChange, t >= 8 ? AlertPriority.High : AlertPriority.Normal), $"t = {t}");
    }

    [Theory]
    [InlineData(12, 2, 1.877325, ProgressStatus.OnTrack, null, null)]
    [InlineData(12, 3, 2.790412, ProgressStatus.OnTrack, null, null)]
    [InlineData(12, 4, 3.367359, ProgressStatus.AtRisk, AlertKind.AtRisk, AlertPriority.Normal)] // at_risk comes before no_change
    [InlineData(12, 8, 4.550000, ProgressStatus.AtRisk, AlertKind.AtRisk, AlertPriority.High)]
    [InlineData(12, 25, 5.987844, ProgressStatus.AtRisk, AlertKind.AtRisk, AlertPriority.High)]
    [InlineData(12, 26, 6.028266, ProgressStatus.OffTrack, AlertKind.OffTrack, AlertPriority.High)]
    [InlineData(10, 3, 2.177135, ProgressStatus.OnTrack, null, null)]
    [InlineData(10, 4, 2.627280, ProgressStatus.NoChange, AlertKind.NoChange, AlertPriority.Normal)]
    [InlineData(10, 5, 2.947895, ProgressStatus.NoChange, AlertKind.NoChange, AlertPriority.Normal)]
    [InlineData(10, 6, 3.192719, ProgressStatus.AtRisk, AlertKind.AtRisk, AlertPriority.Normal)]
    public void Phq9_unchanged(int score, int t, double deviation, ProgressStatus status, AlertKind? kind, AlertPriority? priority) =>
        Read(At(Catalogue.Phq9, score, score, t)).ShouldBe((status, deviation, kind, priority));

    [Fact]
    public void Phq9_12_at_risk_from_7_to_8_becomes_high_and_carries_the_no_change_reason_only_when_high()
    {
        var at7 = At(Catalogue.Phq9, 12, 12, 7).Alerts.Single(a => a.Kind == AlertKind.AtRisk);
        (at7.Priority, at7.Reasons.Count).ShouldBe((AlertPriority.Normal, 0));
        var at8 = At(Catalogue.Phq9, 12, 12, 8).Alerts.Single(a => a.Kind == AlertKind.AtRisk);
        at8.Priority.ShouldBe(AlertPriority.High);
        at8.Reasons.ShouldBe(["no_change"]);
        var ten = Read(At(Catalogue.Phq9, 10, 10, 8));
        (ten.Kind, ten.Priority).ShouldBe((AlertKind.AtRisk, AlertPriority.High));
    }

    [Theory]
    // PHQ-9 12 -> 10 at t = 4: improvement 2 < 3, 10 >= 10 clinical
    [InlineData("PHQ-9", "12", "10", 1.367359, ProgressStatus.NoChange)]
    // PHQ-9 16 -> 12 at t = 4: improvement 4 >= 3, expected 11.2: improving but still clinical stays on track
    [InlineData("PHQ-9", "16", "12", 0.847517, ProgressStatus.OnTrack)]
    // ORS 20.0 -> 22.5: improvement exactly 2.5 is not < 2.5; 22.4 is
    [InlineData("ORS", "20.0", "22.5", 0.460316, ProgressStatus.OnTrack)]
    [InlineData("ORS", "20.0", "22.4", 0.560316, ProgressStatus.NoChange)]
    public void At_t_4_half_a_reliable_change_decides(string code, string intake, string score, double deviation, ProgressStatus status)
    {
        var e = At(Catalogue.Get(code), decimal.Parse(intake, CultureInfo.InvariantCulture), decimal.Parse(score, CultureInfo.InvariantCulture), 4);
        (e.Outcome!.Status, e.Outcome.Deviation).ShouldBe((status, deviation));
    }

    [Fact]
    public void Ors_expected_values_at_t_4_as_the_spec_shows_them()
    {
        Rounding.OneDecimal(At(Catalogue.Ors, 20.0m, 22.5m, 4).Outcome!.Expected).ShouldBe(23.0m);
        Rounding.OneDecimal(At(Catalogue.Phq9, 16, 12, 4).Outcome!.Expected).ShouldBe(11.2m);
        Rounding.OneDecimal(At(Catalogue.Phq9, 12, 12, 4).Outcome!.Expected).ShouldBe(8.6m);
        Rounding.OneDecimal(At(Catalogue.Ors, 24.0m, 24.0m, 8).Outcome!.Expected).ShouldBe(26.0m);
    }

    [Theory]
    [InlineData(2), InlineData(3)]
    public void No_change_cannot_hold_before_t_4(int t)
    {
        // ORS 24 at t = 2 and 3 is on track (within w/2 of the curve), though clinical and unchanged
        At(Catalogue.Ors, 24.0m, 24.0m, t).Outcome!.Status.ShouldBe(ProgressStatus.OnTrack);
        At(Catalogue.Ors, 24.0m, 24.0m, t).Outcome!.Stagnant.ShouldBeFalse();
    }

    [Fact]
    public void The_intakes_age_group_judges_the_later_score_and_the_message_says_so()
    {
        // ORS 30.0 at intake stored child, 30.0 at t = 4 stored adult
        var e = At(Catalogue.Ors, 30.0m, 30.0m, 4, AgeGroup.Child, AgeGroup.Adult);
        var score = Scorer.Score(Catalogue.Ors, SpecInstrument.Ors.ItemsWithTotal(30.0m), AgeGroup.Adult);
        score.ClinicalRange.ShouldBe(false);                   // its own: 30 > 25
        e.Outcome!.TrajectoryClinicalRange.ShouldBe(true);     // the intake's: 30 <= 32
        e.Outcome.TrajectoryAgeGroup.ShouldBe(AgeGroup.Child);
        (e.Outcome.Status, e.Outcome.Deviation).ShouldBe((ProgressStatus.NoChange, 1.665178));
        var alert = e.Alerts.Single();
        (alert.Kind, alert.Priority).ShouldBe((AlertKind.NoChange, AlertPriority.Normal));
        alert.Message.ShouldContain("at or below 32 (child cut-off, the age group at intake)");
    }

    [Fact]
    public void A_no_change_message_names_the_administration_without_a_session_number_by_its_place()
    {
        var items = SpecInstrument.Phq9.ItemsWithTotal(10);
        var s = Scorer.Score(Catalogue.Phq9, items);
        var e = FeedbackEngine.Evaluate(Catalogue.Phq9, Rater.Client, items, s, new ScorePoint(10, null),
            new EpisodeContext(new ScorePoint(10, null), 4, 10, null));
        e.Alerts.Single().Message.ShouldBe(
            "PHQ-9 10 at administration 4 of this measure is not improving: 10 at intake, a change of 0 (half a reliable change is 3), still in the clinical range (at or above 10).");
    }

    [Fact]
    public void Clinic_session_6_after_an_intake_at_3_is_t_4_and_the_message_says_clinic_session_6()
    {
        // PHQ-9 intake 12 at clinic session 3; 20 at clinic session 6: t = 4
        var items = SpecInstrument.Phq9.ItemsWithTotal(20);
        var s = Scorer.Score(Catalogue.Phq9, items);
        var e = FeedbackEngine.Evaluate(Catalogue.Phq9, Rater.Client, items, s, new ScorePoint(20, 6), new EpisodeContext(new ScorePoint(12, 3), 2, 12, null));
        e.Outcome!.Session.ShouldBe(4);
        e.Alerts.ShouldAllBe(a => a.Message.StartsWith("PHQ-9 20 at clinic session 6 ") && !a.Message.Contains("session 4"));
    }
}
