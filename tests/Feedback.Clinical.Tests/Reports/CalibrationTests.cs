using Feedback.Clinical.Reports;

namespace Feedback.Clinical.Tests.Reports;

/// <summary>
/// clinical.md section 12 (calibration-v1): the six-episode vector with suppression off, the sample's boundary (4
/// administrations), the AUC's ties, and suppression of the counts with the section-8 algorithm.
/// </summary>
public sealed class CalibrationTests
{
    static readonly Instrument Phq9 = Catalogue.Get("PHQ-9");
    static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    int id;

    // PHQ-9, weekly sessions t = 1, 2, ...
    IEnumerable<ReportAdministration> Episode(string episode, params decimal[] scores) => scores.Select((s, k) =>
        new ReportAdministration(episode, T0.AddDays(100), "clin-1", $"01J{++id:D23}", "PHQ-9", Rater.Client, T0.AddDays(7 * k), s, null, k + 1));

    IEnumerable<ReportAdministration> Vector() =>
        Episode("E1", 20, 20, 13, 10).Concat(Episode("E2", 11, 11, 11, 11)).Concat(Episode("E3", 12, 15, 17, 19))
            .Concat(Episode("E4", 18, 19, 16, 11)).Concat(Episode("E5", 10, 9, 8, 9, 9)).Concat(Episode("E6", 10, 9, 8, 9, 4));

    [Theory]
    // episode, scores, poor, flagged early, max deviation at t 2-4, post-intake, flagged (section 12's table)
    [InlineData("20,20,13,10", false, true, 3.527721, 3, 1)]
    [InlineData("11,11,11,11", true, true, 2.997320, 3, 1)]
    [InlineData("12,15,17,19", true, true, 10.367359, 3, 3)]
    [InlineData("18,19,16,11", false, true, 4.115122, 3, 1)]
    [InlineData("10,9,8,9,9", true, false, 1.627280, 4, 0)]
    [InlineData("10,9,8,9,4", false, false, 1.627280, 4, 0)]
    public void Each_episode_of_the_vector(string scores, bool poor, bool flaggedEarly, double maxDeviation, int postIntake, int flagged)
    {
        var e = CalibrationEpisode.Of(Phq9, [.. Episode("E", [.. scores.Split(',').Select(decimal.Parse)])]);
        e.ShouldBe(new CalibrationEpisode(postIntake, flagged, EarlyAssessed: true, flaggedEarly, maxDeviation, poor));
    }

    [Fact]
    public void The_six_episode_vector()
    {
        var f = CalibrationReport.Compute(Phq9, [.. Vector()], null);
        f.ShouldBe(new CalibrationFigures(Episodes: 6, EarlyAssessed: 6, Poor: 3, NotPoor: 3, TruePositives: 2, FalsePositives: 2,
            FalseNegatives: 1, TrueNegatives: 1, PostIntakeAssessments: 20, FlaggedAssessments: 6, Auc: 0.5));
        var shown = CalibrationSuppression.Apply(f, suppress: false);
        (shown.FlagRate, shown.Sensitivity, shown.Specificity, shown.Ppv, shown.Auc).ShouldBe((0.3, 0.667, 0.333, 0.5, 0.5));
        shown.Suppressed.ShouldBeEmpty();
    }

    [Fact]
    public void With_suppression_every_count_of_the_vector_is_hidden_and_so_is_every_rate()
    {
        var shown = CalibrationSuppression.Apply(CalibrationReport.Compute(Phq9, [.. Vector()], null));
        shown.Suppressed.ShouldBe(["episodes", "earlyAssessed", "poor", "notPoor", "TP", "FP", "FN", "TN", "flaggedAssessments",
            "flagRate", "sensitivity", "specificity", "ppv", "auc"]);
        shown.PostIntakeAssessments.ShouldBe(20);
    }

    [Fact]
    public void Two_early_flags_are_one_flagged_early_episode()
    {
        // PHQ-9 20, 20, 20, 10: at_risk at t 2 and 3 (deviations 3.53, 5.24 against 16.47, 14.76), on_track at 4 (10 <= 13.67).
        var e = CalibrationEpisode.Of(Phq9, [.. Episode("a", 20, 20, 20, 10)]);
        (e.FlaggedEarly, e.FlaggedAssessments, e.Poor).ShouldBe((true, 2, false));
    }

    [Fact]
    public void Not_flagged_early_splits_into_false_negatives_and_true_negatives()
    {
        CalibrationEpisode Quiet(bool poor) => new(3, 0, true, false, 1.0, poor);
        var f = CalibrationReport.Of([Quiet(true), Quiet(true), Quiet(false)]);
        (f.FalseNegatives, f.TrueNegatives, f.Poor, f.NotPoor).ShouldBe((2, 1, 2, 1));
    }

    [Fact]
    public void A_rate_over_one_hidden_term_of_its_denominator_is_hidden()
    {
        // FP 5 hides TN (30, the smallest other of the matrix; FN is 0) and notPoor = FP + TN has both hidden: TP 50 shows,
        // but PPV = TP / (TP + FP) would give FP back.
        var shown = CalibrationSuppression.Apply(C(200, 50, 5, 0, 30, 500, 100));
        (shown.TruePositives, shown.FalsePositives, shown.TrueNegatives, shown.Ppv, shown.Sensitivity).ShouldBe((50, null, null, null, 1.0));
    }

    [Fact]
    public void Three_administrations_are_not_in_the_sample_four_are()
    {
        CalibrationReport.Compute(Phq9, [.. Episode("a", 20, 20, 13)], null).Episodes.ShouldBe(0);
        CalibrationReport.Compute(Phq9, [.. Episode("a", 20, 20, 13, 10)], null).Episodes.ShouldBe(1);
    }

    [Fact]
    public void Only_the_clients_administrations_of_the_instrument_count_in_time_order()
    {
        var rows = Episode("a", 20, 20, 13, 10).ToList();
        rows.Reverse();
        rows.Add(rows[0] with { Id = "x1", Rater = Rater.Caregiver });
        rows.Add(rows[0] with { Id = "x2", Instrument = "GAD-7" });
        var f = CalibrationReport.Compute(Phq9, rows, null);
        (f.Episodes, f.PostIntakeAssessments, f.FlaggedAssessments, f.TruePositives + f.FalsePositives).ShouldBe((1, 3, 1, 1));
        f.FalsePositives.ShouldBe(1); // 20 -> 10: improved, not poor
    }

    [Fact]
    public void The_clinician_is_the_last_administrations_else_the_clients()
    {
        var rows = Episode("a", 20, 20, 13, 10).ToList();
        rows[^1] = rows[^1] with { ClinicianId = "clin-2" };
        rows.AddRange(Episode("b", 11, 11, 11, 11));
        CalibrationReport.Compute(Phq9, rows, "clin-2").Episodes.ShouldBe(1);
        CalibrationReport.Compute(Phq9, rows, "clin-1").Episodes.ShouldBe(1);
        CalibrationReport.Compute(Phq9, rows, "clin-3").Episodes.ShouldBe(0);
    }

    [Fact]
    public void An_episode_without_a_session_at_t_2_to_4_is_not_early_assessed()
    {
        // Session numbers 1, 5, 6, 7: t = 1, 5, 6, 7.
        var rows = Episode("a", 20, 20, 20, 20).Select((r, k) => r with { SessionNumber = k == 0 ? 1 : k + 4 }).ToList();
        var e = CalibrationEpisode.Of(Phq9, rows);
        (e.EarlyAssessed, e.FlaggedEarly, e.PostIntakeAssessments, e.Poor).ShouldBe((false, false, 3, true));
        e.FlaggedAssessments.ShouldBe(3); // 20 unchanged from t 5: no_change (or worse) every time
        var f = CalibrationReport.Of([e]);
        (f.Episodes, f.EarlyAssessed, f.Poor, f.NotPoor, f.Auc).ShouldBe((1, 0, 0, 0, null));
    }

    [Fact]
    public void A_second_administration_in_the_intakes_session_is_baseline_and_not_post_intake()
    {
        var rows = Episode("a", 20, 20, 13, 10).ToList();
        rows[1] = rows[1] with { SessionNumber = 1 };
        CalibrationEpisode.Of(Phq9, rows).PostIntakeAssessments.ShouldBe(2);
    }

    [Theory]
    [InlineData(new[] { 3.0 }, new[] { 1.0 }, 1.0)]
    [InlineData(new[] { 1.0 }, new[] { 3.0 }, 0.0)]
    [InlineData(new[] { 2.0 }, new[] { 2.0 }, 0.5)]
    [InlineData(new[] { 2.0, 5.0 }, new[] { 1.0, 2.0, 7.0 }, 0.583)]     // 2 beats 1 and ties 2 (1.5), 5 beats 1 and 2 (2): 3.5 of 6
    [InlineData(new[] { 1.0, 1.0, 1.0 }, new[] { 1.0, 2.0 }, 0.25)]      // 3 x 1/2 of 6 pairs
    public void The_AUC_counts_ties_as_half(double[] poor, double[] notPoor, double auc)
    {
        CalibrationReport.Auc(poor, [.. notPoor]).ShouldBe(auc);
    }

    [Fact]
    public void No_AUC_without_both_kinds_of_episode()
    {
        CalibrationReport.Auc([], [1.0]).ShouldBeNull();
        CalibrationReport.Auc([1.0], []).ShouldBeNull();
    }

    static CalibrationFigures C(int episodes, int tp, int fp, int fn, int tn, int postIntake, int flagged, double? auc = 0.6) =>
        new(episodes, tp + fp + fn + tn, tp + fn, fp + tn, tp, fp, fn, tn, postIntake, flagged, auc);

    [Fact]
    public void Counts_of_10_and_more_show_with_their_rates()
    {
        var shown = CalibrationSuppression.Apply(C(120, 20, 30, 10, 40, 500, 100));
        (shown.Episodes, shown.EarlyAssessed, shown.Poor, shown.NotPoor, shown.TruePositives, shown.FalsePositives, shown.FalseNegatives, shown.TrueNegatives)
            .ShouldBe((120, 100, 30, 70, 20, 30, 10, 40));
        (shown.PostIntakeAssessments, shown.FlaggedAssessments).ShouldBe((500, 100));
        (shown.FlagRate, shown.Sensitivity, shown.Specificity, shown.Ppv, shown.Auc).ShouldBe((0.2, 0.667, 0.571, 0.4, 0.6));
        shown.Suppressed.ShouldBeEmpty();
    }

    [Fact]
    public void A_small_cell_of_the_matrix_takes_another_with_it_and_the_rates_over_them()
    {
        // FN 5: earlyAssessed = TP + FP + FN + TN hides the smallest other (TP 20), and poor = TP + FN has both hidden.
        var shown = CalibrationSuppression.Apply(C(120, 20, 30, 5, 45, 500, 100));
        (shown.TruePositives, shown.FalseNegatives, shown.FalsePositives, shown.TrueNegatives, shown.Poor).ShouldBe((null, null, 30, 45, 25));
        (shown.Sensitivity, shown.Ppv, shown.Specificity, shown.FlagRate).ShouldBe((null, null, 0.6, 0.2));
        shown.Auc.ShouldBe(0.6);
        shown.Suppressed.ShouldBe(["TP", "FN", "sensitivity", "ppv"]);
    }

    [Fact]
    public void Never_shown_terms_hide_their_shown_cell()
    {
        // 105 - 100 = 5 not early-assessed: earlyAssessed goes, then (its sum has one hidden cell) the smallest of the matrix.
        var shown = CalibrationSuppression.Apply(C(105, 20, 30, 10, 40, 500, 495));
        // 500 - 495 = 5 unflagged: flaggedAssessments goes. Next pass: FN (10) for earlyAssessed, then TP for poor = TP + FN.
        (shown.EarlyAssessed, shown.FalseNegatives, shown.TruePositives, shown.Episodes, shown.Poor).ShouldBe((null, null, null, 105, 30));
        (shown.FlaggedAssessments, shown.FlagRate).ShouldBe((null, null));
    }

    [Fact]
    public void A_hidden_poor_or_not_poor_hides_the_AUC_whatever_its_size()
    {
        // FP 5 hides TP (15, the smallest other of the matrix) and TN (40) with it; poor = TP + [FN 0] then has one hidden
        // cell and no other term: poor (15) goes; notPoor = FP + TN has two.
        var shown = CalibrationSuppression.Apply(C(200, 15, 5, 0, 40, 500, 100));
        (shown.Poor, shown.NotPoor, shown.TruePositives, shown.TrueNegatives, shown.Auc).ShouldBe((null, 45, null, null, null));
    }

    [Theory]
    [InlineData(10, 10, true)]
    [InlineData(9, 20, false)]
    [InlineData(20, 9, false)]
    public void The_AUC_needs_10_poor_and_10_not_poor(int poor, int notPoor, bool shown)
    {
        var f = C(200, poor, notPoor, 0, 0, 500, 100);
        CalibrationSuppression.Apply(f).Auc.HasValue.ShouldBe(shown);
        CalibrationSuppression.Apply(f).Sensitivity.ShouldBe(shown ? 1.0 : null); // TP / (TP + 0): a denominator of 10 is enough; FP 9 hides TP
    }
}
