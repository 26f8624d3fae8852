using System.Globalization;

namespace Feedback.Clinical.Tests.Spec;

/// <summary>
/// clinical.md sections 3-5 at every threshold: reliable change (RCI exactly, one step less, one step more, both ways),
/// recovery, the expected curve and the at-risk and off-track thresholds, the trajectory session t.
/// </summary>
public sealed class ChangeAndTrajectory
{
    static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    // code, RCI, step, an intake with room both ways. worse = higher for symptom measures, lower for ORS/CORS/WHO-5.
    [InlineData("PHQ-9", "6", "1", "13", 1)]
    [InlineData("GAD-7", "4", "1", "10", 1)]
    [InlineData("CORE-10", "6", "1", "20", 1)]
    [InlineData("OQ-45.2", "14", "1", "90", 1)]
    [InlineData("ORS", "5", "0.1", "20.0", -1)]
    [InlineData("CORS", "5", "0.1", "20.0", -1)]
    [InlineData("WHO-5", "10", "0.1", "50", -1)] // totals move in 4s; the rule itself is on exact decimals
    public void Reliable_change_is_at_least_the_rci_either_way(string code, string rciText, string stepText, string intakeText, int d)
    {
        var i = Catalogue.Get(code);
        decimal rci = D(rciText), step = D(stepText), intake = D(intakeText);
        ChangeCategory Classify(decimal worseBy) => ReliableChange.Classify(i, intake, intake + d * worseBy);
        Classify(rci).ShouldBe(ChangeCategory.Deteriorated);
        Classify(rci + step).ShouldBe(ChangeCategory.Deteriorated);
        Classify(rci - step).ShouldBe(ChangeCategory.Unchanged);
        Classify(0).ShouldBe(ChangeCategory.Unchanged);
        Classify(-rci).ShouldBe(ChangeCategory.Improved);
        Classify(-rci - step).ShouldBe(ChangeCategory.Improved);
        Classify(-rci + step).ShouldBe(ChangeCategory.Unchanged);
    }

    [Fact]
    public void Every_exact_one_rci_ors_change_is_reliable_all_351_of_them()
    {
        var count = 0;
        for (var tenths = 50; tenths <= 400; tenths++)
        {
            var x = tenths / 10m;
            ReliableChange.Classify(Catalogue.Ors, x, x - 5.0m).ShouldBe(ChangeCategory.Deteriorated, $"{x} -> {x - 5.0m}");
            ReliableChange.Classify(Catalogue.Ors, x - 5.0m, x).ShouldBe(ChangeCategory.Improved, $"{x - 5.0m} -> {x}");
            ReliableChange.Classify(Catalogue.Ors, x, x - 4.9m).ShouldBe(ChangeCategory.Unchanged);
            var status = OutcomeEngine.Evaluate(Catalogue.Ors, new ScorePoint(x, 1), new ScorePoint(x - 5.0m, 2), 2).Status;
            status.ShouldBe(ProgressStatus.OffTrack, $"{x} -> {x - 5.0m}");
            count++;
        }
        count.ShouldBe(351);
    }

    [Theory]
    // recovered = reliably improved, intake in the clinical range, this score not
    [InlineData("PHQ-9", AgeGroup.Adult, "16", "10", false)] // improved by 6, 10 still clinical
    [InlineData("PHQ-9", AgeGroup.Adult, "16", "9", true)]
    [InlineData("PHQ-9", AgeGroup.Adult, "15", "9", true)]
    [InlineData("PHQ-9", AgeGroup.Adult, "14", "9", false)] // 5 is not reliable
    [InlineData("PHQ-9", AgeGroup.Adult, "9", "2", false)] // intake not clinical
    [InlineData("GAD-7", AgeGroup.Adult, "11", "7", true), InlineData("GAD-7", AgeGroup.Adult, "12", "8", false)]
    [InlineData("CORE-10", AgeGroup.Adult, "16", "10", true), InlineData("CORE-10", AgeGroup.Adult, "17", "11", false)]
    [InlineData("OQ-45.2", AgeGroup.Adult, "77", "63", true), InlineData("OQ-45.2", AgeGroup.Adult, "78", "64", false)]
    [InlineData("ORS", AgeGroup.Adult, "20.0", "25.0", false), InlineData("ORS", AgeGroup.Adult, "20.1", "25.1", true)]
    [InlineData("ORS", AgeGroup.Adult, "25.0", "30.0", true), InlineData("ORS", AgeGroup.Adult, "25.1", "30.1", false)]
    [InlineData("ORS", AgeGroup.Child, "27.0", "32.0", false), InlineData("ORS", AgeGroup.Child, "27.1", "32.1", true)]
    [InlineData("WHO-5", AgeGroup.Adult, "40", "52", true), InlineData("WHO-5", AgeGroup.Adult, "40", "48", false)]
    public void Recovery_at_the_cutoff(string code, AgeGroup age, string intake, string score, bool recovered)
    {
        var i = Catalogue.Get(code);
        var f = OutcomeEngine.Evaluate(i, new ScorePoint(D(intake), 1, age), new ScorePoint(D(score), 5, age), 2);
        f.Recovered.ShouldBe(recovered);
        if (recovered) f.Status.ShouldBe(ProgressStatus.Recovered);
    }

    [Fact]
    public void Recovery_judges_both_scores_by_the_age_group_stored_with_the_intake()
    {
        // v1.2 section 3: child intake 25.0 (clinical, <= 32); now an adolescent at 31.0: > 28 is out of the adolescent
        // range, but by the intake's child cut-off 31.0 is still clinical, so not recovered (v1.1 said recovered).
        var f = OutcomeEngine.Evaluate(Catalogue.Ors, new ScorePoint(25.0m, 1, AgeGroup.Child), new ScorePoint(31.0m, 5, AgeGroup.Adolescent), 2);
        f.Recovered.ShouldBeFalse();
        (f.TrajectoryAgeGroup, f.TrajectoryClinicalRange).ShouldBe((AgeGroup.Child, true));
        // 32.1 is out of the child range: recovered whatever the later score's own age group.
        var out32 = OutcomeEngine.Evaluate(Catalogue.Ors, new ScorePoint(25.0m, 1, AgeGroup.Child), new ScorePoint(32.1m, 5, AgeGroup.Adult), 2);
        out32.Recovered.ShouldBeTrue();
        // Adult intake 20.0, now stored as a child at 26.0: by the adult cut-off 25, recovered.
        var adultIntake = OutcomeEngine.Evaluate(Catalogue.Ors, new ScorePoint(20.0m, 1, AgeGroup.Adult), new ScorePoint(26.0m, 5, AgeGroup.Child), 2);
        adultIntake.Recovered.ShouldBeTrue();
    }

    [Theory]
    // code, age, intake, t: expected(t) = mu_f + (x0 - mu_f) * t^(-1/3); at t = 8 exactly halfway.
    // Then scores at, just inside and just beyond w/2 and w (ORS/CORS/GAD-7/OQ-45.2 land on exact thresholds).
    // GAD-7: mu 3, x0 15 -> expected 9, w 4: 10 on_track (1), 11 at_risk (2), 12 at_risk (3), 13 off_track (4)
    [InlineData("GAD-7", AgeGroup.Adult, "15", "10", ProgressStatus.OnTrack)]
    [InlineData("GAD-7", AgeGroup.Adult, "15", "11", ProgressStatus.AtRisk)]
    [InlineData("GAD-7", AgeGroup.Adult, "15", "12", ProgressStatus.AtRisk)]
    [InlineData("GAD-7", AgeGroup.Adult, "15", "13", ProgressStatus.OffTrack)]
    // OQ-45.2: mu 45, x0 101 -> expected 73, w 14: 79 on_track (6), 80 at_risk (7), 86 at_risk (13), 87 off_track (14)
    [InlineData("OQ-45.2", AgeGroup.Adult, "101", "79", ProgressStatus.OnTrack)]
    [InlineData("OQ-45.2", AgeGroup.Adult, "101", "80", ProgressStatus.AtRisk)]
    [InlineData("OQ-45.2", AgeGroup.Adult, "101", "86", ProgressStatus.AtRisk)]
    [InlineData("OQ-45.2", AgeGroup.Adult, "101", "87", ProgressStatus.OffTrack)]
    // PHQ-9: mu 2.9, x0 20 -> expected 11.45, w 6: 14 on_track (2.55), 15 at_risk (3.55), 17 at_risk (5.55), 18 off_track (6.55)
    [InlineData("PHQ-9", AgeGroup.Adult, "20", "14", ProgressStatus.OnTrack)]
    [InlineData("PHQ-9", AgeGroup.Adult, "20", "15", ProgressStatus.AtRisk)]
    [InlineData("PHQ-9", AgeGroup.Adult, "20", "17", ProgressStatus.AtRisk)]
    [InlineData("PHQ-9", AgeGroup.Adult, "20", "18", ProgressStatus.OffTrack)]
    // CORE-10: mu 4.7, x0 30 -> expected 17.35, w 6: 20 on_track (2.65), 21 at_risk (3.65), 23 at_risk (5.65), 24 off_track (6.65)
    [InlineData("CORE-10", AgeGroup.Adult, "30", "20", ProgressStatus.OnTrack)]
    [InlineData("CORE-10", AgeGroup.Adult, "30", "21", ProgressStatus.AtRisk)]
    [InlineData("CORE-10", AgeGroup.Adult, "30", "23", ProgressStatus.AtRisk)]
    [InlineData("CORE-10", AgeGroup.Adult, "30", "24", ProgressStatus.OffTrack)]
    // ORS adult: mu 28, x0 20.0 -> expected 24.0, w 5: 21.6 on_track (2.4), 21.5 at_risk (2.5), 19.1 at_risk (4.9), 19.0 off_track (5.0)
    [InlineData("ORS", AgeGroup.Adult, "20.0", "21.6", ProgressStatus.NoChange)] // v1.2: 21.6 <= 25, improvement 1.6 < 2.5
    [InlineData("ORS", AgeGroup.Adult, "20.0", "21.5", ProgressStatus.AtRisk)]
    [InlineData("ORS", AgeGroup.Adult, "20.0", "21.4", ProgressStatus.AtRisk)]
    [InlineData("ORS", AgeGroup.Adult, "20.0", "19.1", ProgressStatus.AtRisk)]
    [InlineData("ORS", AgeGroup.Adult, "20.0", "19.0", ProgressStatus.OffTrack)]
    [InlineData("ORS", AgeGroup.Adult, "20.0", "18.9", ProgressStatus.OffTrack)]
    // ORS adolescent: mu 30.5, x0 20.5 -> expected 25.5: 23.1 on_track, 23.0 at_risk, 20.6 at_risk, 20.5 off_track
    [InlineData("ORS", AgeGroup.Adolescent, "20.5", "23.1", ProgressStatus.OnTrack)]
    [InlineData("ORS", AgeGroup.Adolescent, "20.5", "23.0", ProgressStatus.AtRisk)]
    [InlineData("ORS", AgeGroup.Adolescent, "20.5", "20.6", ProgressStatus.AtRisk)]
    [InlineData("ORS", AgeGroup.Adolescent, "20.5", "20.5", ProgressStatus.OffTrack)]
    // ORS child and CORS: mu 34.5, x0 24.5 -> expected 29.5: 27.1 on_track, 27.0 at_risk, 24.6 at_risk, 24.5 off_track
    [InlineData("ORS", AgeGroup.Child, "24.5", "27.1", ProgressStatus.OnTrack)]
    [InlineData("ORS", AgeGroup.Child, "24.5", "27.0", ProgressStatus.AtRisk)]
    [InlineData("ORS", AgeGroup.Child, "24.5", "24.6", ProgressStatus.AtRisk)]
    [InlineData("ORS", AgeGroup.Child, "24.5", "24.5", ProgressStatus.OffTrack)]
    [InlineData("CORS", AgeGroup.Adult, "24.5", "27.1", ProgressStatus.OnTrack)]
    [InlineData("CORS", AgeGroup.Adult, "24.5", "27.0", ProgressStatus.AtRisk)]
    [InlineData("CORS", AgeGroup.Adult, "24.5", "24.6", ProgressStatus.AtRisk)]
    [InlineData("CORS", AgeGroup.Adult, "24.5", "24.5", ProgressStatus.OffTrack)]
    // WHO-5: mu 70, x0 44 -> expected 57, w 10: 53 on_track (4), 52 at_risk (5), 48 at_risk (9), 47 off_track (10)
    [InlineData("WHO-5", AgeGroup.Adult, "44", "53", ProgressStatus.OnTrack)]
    [InlineData("WHO-5", AgeGroup.Adult, "44", "52", ProgressStatus.AtRisk)]
    [InlineData("WHO-5", AgeGroup.Adult, "44", "48", ProgressStatus.AtRisk)]
    [InlineData("WHO-5", AgeGroup.Adult, "44", "47", ProgressStatus.OffTrack)]
    public void Thresholds_on_the_decaying_curve_at_session_8(string code, AgeGroup age, string intake, string score, ProgressStatus status)
    {
        var f = OutcomeEngine.Evaluate(Catalogue.Get(code), new ScorePoint(D(intake), 1, age), new ScorePoint(D(score), 8, age), 2);
        f.Session.ShouldBe(8);
        f.ReliableChange.ShouldNotBe(ChangeCategory.Deteriorated); // the status comes from the deviation alone
        f.Status.ShouldBe(status);
    }

    [Theory]
    // Intake at or better than mu_f: expected stays at the intake; thresholds at w/2 and w from it.
    // PHQ-9 intake 2 (< 2.9): 4 on_track (2), 5 at_risk (3 = w/2), 7 at_risk (5), 8 off_track (6 = w and a reliable deterioration)
    [InlineData("PHQ-9", "2", "4", ProgressStatus.OnTrack), InlineData("PHQ-9", "2", "5", ProgressStatus.AtRisk)]
    [InlineData("PHQ-9", "2", "7", ProgressStatus.AtRisk), InlineData("PHQ-9", "2", "8", ProgressStatus.OffTrack)]
    // GAD-7 intake 3 (= mu 3.0, flat): 4 on_track, 5 at_risk (2), 6 at_risk, 7 off_track (4)
    [InlineData("GAD-7", "3", "4", ProgressStatus.OnTrack), InlineData("GAD-7", "3", "5", ProgressStatus.AtRisk)]
    [InlineData("GAD-7", "3", "6", ProgressStatus.AtRisk), InlineData("GAD-7", "3", "7", ProgressStatus.OffTrack)]
    // CORE-10 intake 4 (< 4.7): 6 on_track (2), 7 at_risk (3), 9 at_risk (5), 10 off_track (6)
    [InlineData("CORE-10", "4", "6", ProgressStatus.OnTrack), InlineData("CORE-10", "4", "7", ProgressStatus.AtRisk)]
    [InlineData("CORE-10", "4", "9", ProgressStatus.AtRisk), InlineData("CORE-10", "4", "10", ProgressStatus.OffTrack)]
    // OQ-45.2 intake 40 (< 45): 46 on_track (6), 47 at_risk (7), 53 at_risk (13), 54 off_track (14)
    [InlineData("OQ-45.2", "40", "46", ProgressStatus.OnTrack), InlineData("OQ-45.2", "40", "47", ProgressStatus.AtRisk)]
    [InlineData("OQ-45.2", "40", "53", ProgressStatus.AtRisk), InlineData("OQ-45.2", "40", "54", ProgressStatus.OffTrack)]
    // ORS adult intake 30.0 (> 28): 27.6 on_track (2.4), 27.5 at_risk (2.5), 25.1 at_risk (4.9), 25.0 off_track (5.0)
    [InlineData("ORS", "30.0", "27.6", ProgressStatus.OnTrack), InlineData("ORS", "30.0", "27.5", ProgressStatus.AtRisk)]
    [InlineData("ORS", "30.0", "25.1", ProgressStatus.AtRisk), InlineData("ORS", "30.0", "25.0", ProgressStatus.OffTrack)]
    // WHO-5 intake 80 (> 70): 76 on_track (4), 75 at_risk (5), 71 at_risk (9), 70 off_track (10)
    [InlineData("WHO-5", "80", "76", ProgressStatus.OnTrack), InlineData("WHO-5", "80", "75", ProgressStatus.AtRisk)]
    [InlineData("WHO-5", "80", "71", ProgressStatus.AtRisk), InlineData("WHO-5", "80", "70", ProgressStatus.OffTrack)]
    public void Thresholds_on_the_flat_curve(string code, string intake, string score, ProgressStatus status)
    {
        var f = OutcomeEngine.Evaluate(Catalogue.Get(code), new ScorePoint(D(intake), 1), new ScorePoint(D(score), 12), 2);
        f.Expected.ShouldBe((double)D(intake));
        f.Status.ShouldBe(status);
    }

    [Theory]
    // worse(x0, mu_f) > 0 decays; at mu_f and better stays flat. ORS adult mu 28.0, t = 8.
    [InlineData("27.9", 27.95)]
    [InlineData("28.0", 28.0)]
    [InlineData("28.1", 28.1)]
    public void The_curve_decays_only_from_an_intake_worse_than_mu_f(string intake, double expected) =>
        PowerDecay.Expected(Catalogue.Ors, AgeGroup.Adult, (double)D(intake), 8).ShouldBe(expected, 1e-9);

    [Fact]
    public void The_thresholds_lie_half_a_band_and_a_band_on_the_worse_side()
    {
        // PHQ-9 (higher is worse, w 6) and ORS (higher is better, w 5) from expected 10
        (PowerDecay.AtRisk(Catalogue.Phq9, 10), PowerDecay.OffTrack(Catalogue.Phq9, 10)).ShouldBe((13, 16));
        (PowerDecay.AtRisk(Catalogue.Ors, 10), PowerDecay.OffTrack(Catalogue.Ors, 10)).ShouldBe((7.5, 5));
        PowerDecay.Lambda.ShouldBe(1.0 / 3, 1e-15);
        PowerDecay.Model.ShouldBe("power-decay-v1.1");
    }

    [Fact]
    public void A_deviation_is_rounded_to_six_places_half_away_from_zero_before_comparison()
    {
        Rounding.SixPlaces(4.9999999999999964).ShouldBe(5.0);
        Rounding.SixPlaces(2.0000004).ShouldBe(2.0);
        Rounding.SixPlaces(2.0000005).ShouldBe(2.000001);
        Rounding.SixPlaces(-2.0000005).ShouldBe(-2.000001);
        Rounding.OneDecimal(11.45).ShouldBe(11.5m);
        Rounding.OneDecimal(-3.45).ShouldBe(-3.5m);
    }

    [Theory]
    // intake session, current session, ordinal -> t
    [InlineData(3, 10, 4, 8)] // both carry one: s - s0 + 1
    [InlineData(1, 8, 2, 8)]
    [InlineData(3, 3, 2, 1)] // a second administration in the intake's session is t = 1
    [InlineData(3, 4, 2, 2)]
    [InlineData(3, 2, 5, 5)] // below the intake's: its ordinal
    [InlineData(null, 8, 2, 2)] // the intake has none: its ordinal
    [InlineData(1, null, 5, 5)] // this one has none: its ordinal
    [InlineData(5, 9, 1, 1)] // the first administration is the intake whatever its number
    public void The_trajectory_session(int? intakeSession, int? session, int ordinal, int t) =>
        OutcomeEngine.TrajectorySession(new ScorePoint(20, intakeSession), new ScorePoint(18, session), ordinal).ShouldBe(t);

    [Fact]
    public void A_second_administration_in_the_intakes_session_is_baseline_though_reliable_change_still_applies()
    {
        var f = OutcomeEngine.Evaluate(Catalogue.Phq9, new ScorePoint(10, 1), new ScorePoint(17, 1), 2);
        f.Status.ShouldBe(ProgressStatus.Baseline);
        f.ReliableChange.ShouldBe(ChangeCategory.Deteriorated);
        var e = FeedbackEngine.Evaluate(Catalogue.Phq9, Rater.Client, [2, 2, 2, 2, 2, 2, 2, 2, 1],
            Scorer.Score(Catalogue.Phq9, [2, 2, 2, 2, 2, 2, 2, 2, 1]), new ScorePoint(17, 1), new EpisodeContext(new ScorePoint(10, 1), 2, 10, null));
        e.Alerts.Select(a => a.Kind).ShouldBe([AlertKind.RiskItem, AlertKind.ReliableDeterioration], ignoreOrder: true);
    }

    [Fact]
    public void The_intake_is_baseline_and_reports_its_own_proration()
    {
        var f = OutcomeEngine.Evaluate(Catalogue.Phq9, new ScorePoint(14, 1, AgeGroup.Adult, Prorated: true), new ScorePoint(14, 1, AgeGroup.Adult, true), 1);
        (f.Status, f.IntakeProrated, f.Session, f.ChangeFromIntake).ShouldBe((ProgressStatus.Baseline, true, 1, 0m));
        var later = OutcomeEngine.Evaluate(Catalogue.Phq9, new ScorePoint(14, 1, AgeGroup.Adult, Prorated: true), new ScorePoint(12, 2), 2);
        later.IntakeProrated.ShouldBeTrue();
        OutcomeEngine.Evaluate(Catalogue.Phq9, new ScorePoint(14, 1), new ScorePoint(12, 2, AgeGroup.Adult, Prorated: true), 2).IntakeProrated.ShouldBeFalse();
    }
}
