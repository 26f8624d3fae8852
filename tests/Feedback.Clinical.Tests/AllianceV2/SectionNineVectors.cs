using Feedback.Clinical.Alliance;

namespace Feedback.Clinical.Tests.AllianceV2;

/// <summary>
/// clinical.md section 9 (alliance-v2) through the engine: the vectors as written, then each rule at its boundary (at,
/// just below, just above). Expected values are worked by hand from the spec in the comments.
/// </summary>
public sealed class SectionNineVectors
{
    static RuptureAtRating? Rupture(Evaluation e) => e.Alliance!.Rupture;
    static List<(AlertKind, AlertPriority)> Kinds(Evaluation e, params AlertKind[] kinds) =>
        [.. e.Alerts.Where(a => kinds.Length == 0 || kinds.Contains(a.Kind)).Select(a => (a.Kind, a.Priority))];
    static readonly AlertKind[] V2 = [AlertKind.AllianceRupture, AlertKind.RuptureUnrepaired, AlertKind.EarlyAllianceRisk];

    [Fact]
    public void Srs_38_38_5_38_35_37_5_ruptures_at_4_on_baseline_38_and_is_repaired_at_5()
    {
        var ep = new EpisodeLedger();
        var e = new[] { 38.0m, 38.5m, 38.0m, 35.0m, 37.5m }.Select((t, k) => ep.Rate(Catalogue.Srs, t, k + 1)).ToList();
        // 1, 2: no baseline yet; 3: B = median(38.0, 38.5) = 38.25, 38.0 > 36.25: none
        e.Take(3).ShouldAllBe(x => x.Alliance!.Rupture == null && !x.Alerts.Any(a => V2.Contains(a.Kind)));
        // 4: B = median(38.0, 38.5, 38.0) = 38.0; 35.0 <= 36.0
        Rupture(e[3]).ShouldBe(new RuptureAtRating(RuptureState.Open, 38.0m, "a004", 0));
        Kinds(e[3], V2).ShouldBe([(AlertKind.AllianceRupture, AlertPriority.Normal)]);
        // 5: 37.5 >= 38.0 - 1.0 = 37.0: repaired; the rupture alert is resolved, nothing is raised
        Rupture(e[4]).ShouldBe(new RuptureAtRating(RuptureState.Repaired, 38.0m, "a004", 1));
        e[4].Resolutions.ShouldBe([AlertResolution.SeriesRupture]);
        Kinds(e[4], V2).ShouldBeEmpty();
        ep.Open(AlertKind.AllianceRupture).ShouldBeEmpty();
        e.ShouldAllBe(x => x.RulesVersion == "alliance-v2.1");
    }

    [Fact]
    public void Srs_38_38_38_35_35_5_36_35_stays_open_at_5_and_6_and_is_unrepaired_high_at_7()
    {
        var ep = new EpisodeLedger();
        var e = new[] { 38m, 38m, 38m, 35m, 35.5m, 36m, 35m }.Select((t, k) => ep.Rate(Catalogue.Srs, t, k + 1)).ToList();
        Rupture(e[3]).ShouldBe(new RuptureAtRating(RuptureState.Open, 38m, "a004", 0));
        // repair needs 37.0: 35.5 and 36 are not
        Rupture(e[4]).ShouldBe(new RuptureAtRating(RuptureState.Open, 38m, "a004", 1));
        Rupture(e[5]).ShouldBe(new RuptureAtRating(RuptureState.Open, 38m, "a004", 2));
        Kinds(e[4], V2).ShouldBeEmpty();
        Kinds(e[5], V2).ShouldBeEmpty();
        // 7: the third rating without repair
        Rupture(e[6]).ShouldBe(new RuptureAtRating(RuptureState.Unrepaired, 38m, "a004", 3));
        Kinds(e[6], V2).ShouldBe([(AlertKind.RuptureUnrepaired, AlertPriority.High)]);
        ep.Open(AlertKind.AllianceRupture).ShouldBeEmpty(); // the unrepaired alert replaces the onset's
        ep.Open(AlertKind.RuptureUnrepaired).ShouldHaveSingleItem().AdministrationId.ShouldBe("a007");
    }

    [Fact]
    public void Wai_sr_52_54_53_46_47_51_ruptures_at_4_on_baseline_53_and_is_repaired_at_6()
    {
        var ep = new EpisodeLedger();
        var e = new[] { 52m, 54m, 53m, 46m, 47m, 51m }.Select((t, k) => ep.Rate(Catalogue.WaiSr, t, k + 1)).ToList();
        // 3: B = median(52, 54) = 53, 53 > 48
        Rupture(e[2]).ShouldBeNull();
        // 4: B = median(52, 54, 53) = 53; 46 <= 53 - 5 = 48
        Rupture(e[3]).ShouldBe(new RuptureAtRating(RuptureState.Open, 53m, "a004", 0));
        Kinds(e[3], V2).ShouldBe([(AlertKind.AllianceRupture, AlertPriority.Normal)]);
        // 5: 47 < 50.5; 6: 51 >= 53 - 2.5 = 50.5
        Rupture(e[4]).ShouldBe(new RuptureAtRating(RuptureState.Open, 53m, "a004", 1));
        Rupture(e[5]).ShouldBe(new RuptureAtRating(RuptureState.Repaired, 53m, "a004", 2));
        e[5].Resolutions.ShouldBe([AlertResolution.SeriesRupture]);
    }

    [Fact]
    public void Srs_34_then_35_is_an_early_alliance_risk_at_session_2_not_escalated_by_an_ors_on_track_at_3_but_by_one_not_improving_at_4()
    {
        var ep = new EpisodeLedger();
        ep.Outcome(Catalogue.Ors, 20.0m, 1);
        Kinds(ep.Rate(Catalogue.Srs, 34.0m, 1), V2).ShouldBeEmpty(); // one rating: not yet
        // mean(34.0, 35.0) = 34.5 <= 36
        Kinds(ep.Rate(Catalogue.Srs, 35.0m, 2), V2).ShouldBe([(AlertKind.EarlyAllianceRisk, AlertPriority.Normal)]);
        // ORS 21.0 at t = 3: expected 22.5, deviation 1.453110 < 2.5: on track, no escalation (v1 escalated here)
        var at3 = ep.Outcome(Catalogue.Ors, 21.0m, 3);
        (at3.Outcome!.Status, at3.Outcome.Deviation).ShouldBe((ProgressStatus.OnTrack, 1.453110));
        Kinds(at3, V2).ShouldBeEmpty();
        // ORS 21.0 at t = 4: expected 23.0, deviation 1.960316, 21.0 <= 25, improvement 1.0 < 2.5: no_change, escalated
        var ors = ep.Outcome(Catalogue.Ors, 21.0m, 4);
        (ors.Outcome!.Status, ors.Outcome.Deviation).ShouldBe((ProgressStatus.NoChange, 1.960316));
        Kinds(ors, V2).ShouldBe([(AlertKind.EarlyAllianceRisk, AlertPriority.High)]);
        ors.Resolutions.ShouldBe([AlertResolution.EarlyAllianceNormal]);
        ep.Open(AlertKind.EarlyAllianceRisk).ShouldHaveSingleItem().Priority.ShouldBe(AlertPriority.High);
        var escalated = ors.Alerts.Single(a => a.Kind == AlertKind.EarlyAllianceRisk);
        escalated.RulesVersion.ShouldBe("alliance-v2.1");
        escalated.Message.ShouldBe("Early alliance risk with no early change: ORS 21.0 at clinic session 4 is not improving (20.0 at intake), after a weak alliance in the first sessions.");
        ors.RulesVersion.ShouldBe("alerts-v1.2"); // the outcome's own feedback is alerts-v1.2's
    }

    [Fact]
    public void Srs_34_and_35_then_an_ors_of_17_off_track_at_session_3_escalates_there()
    {
        var ep = new EpisodeLedger();
        ep.Outcome(Catalogue.Ors, 20.0m, 1);
        ep.Rate(Catalogue.Srs, 34.0m, 1);
        ep.Rate(Catalogue.Srs, 35.0m, 2);
        // expected 22.5, deviation 5.453110 >= 5: off track (change 3.0, not reliable)
        var ors = ep.Outcome(Catalogue.Ors, 17.0m, 3);
        (ors.Outcome!.Status, ors.Outcome.Deviation, ors.Outcome.ReliableChange).ShouldBe((ProgressStatus.OffTrack, 5.453110, ChangeCategory.Unchanged));
        ors.Alerts.ShouldContain(a => a.Kind == AlertKind.EarlyAllianceRisk && a.Priority == AlertPriority.High);
    }

    [Fact]
    public void Srs_at_clinic_sessions_6_and_7_after_ors_at_1_and_2_is_not_early()
    {
        var ep = new EpisodeLedger();
        ep.Outcome(Catalogue.Ors, 20.0m, 1);
        ep.Outcome(Catalogue.Ors, 20.0m, 2);
        ep.Rate(Catalogue.Srs, 34.0m, 6);
        ep.Rate(Catalogue.Srs, 35.0m, 7).Alerts.ShouldNotContain(a => a.Kind == AlertKind.EarlyAllianceRisk); // episode sessions 6, 7
    }

    [Fact]
    public void Csrs_35_and_36_is_an_early_alliance_risk_of_normal_priority()
    {
        var ep = new EpisodeLedger();
        ep.Rate(Catalogue.Csrs, 35.0m, 1);
        Kinds(ep.Rate(Catalogue.Csrs, 36.0m, 2), V2).ShouldBe([(AlertKind.EarlyAllianceRisk, AlertPriority.Normal)]); // mean 35.5 <= 36
    }

    [Fact]
    public void Tasc_r_raises_no_early_alliance_risk()
    {
        var ep = new EpisodeLedger();
        ep.Rate(Catalogue.TascR, 20m, 1);
        ep.Rate(Catalogue.TascR, 20m, 2).Alerts.ShouldNotContain(a => a.Kind == AlertKind.EarlyAllianceRisk);
    }

    [Fact]
    public void Srs_38_then_35_has_a_mean_of_36_5_and_raises_no_early_alliance_risk()
    {
        var ep = new EpisodeLedger();
        ep.Rate(Catalogue.Srs, 38.0m, 1);
        Kinds(ep.Rate(Catalogue.Srs, 35.0m, 2), V2).ShouldBeEmpty();
    }

    // ---- boundaries ----

    [Theory]
    [InlineData(35.0, true)]  // B 37.0 (median of 37, 37.5, 36.5), 35.0 <= 35.0: at the boundary
    [InlineData(34.9, true)]
    [InlineData(35.1, false)] // just above
    public void Srs_rupture_is_at_or_below_baseline_minus_2(decimal total, bool rupture)
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 37.0m, 37.5m, 36.5m }) ep.Rate(Catalogue.Srs, t, null);
        (ep.Rate(Catalogue.Srs, total, null).Alliance!.Rupture is { State: RuptureState.Open }).ShouldBe(rupture);
    }

    [Theory]
    [InlineData(48, true)] // B 53, 48 <= 48
    [InlineData(49, false)]
    [InlineData(47, true)]
    public void Wai_sr_rupture_is_at_or_below_baseline_minus_5(int total, bool rupture)
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 52m, 54m, 53m }) ep.Rate(Catalogue.WaiSr, t, null);
        (ep.Rate(Catalogue.WaiSr, total, null).Alliance!.Rupture is { State: RuptureState.Open }).ShouldBe(rupture);
    }

    [Theory]
    [InlineData(37.0, RuptureState.Repaired)]  // B 38.0, repair at 37.0: at
    [InlineData(36.9, RuptureState.Open)]      // just below
    [InlineData(37.1, RuptureState.Repaired)]
    public void Srs_repair_is_at_or_above_baseline_minus_1(decimal total, RuptureState state)
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 38m, 38m, 38m, 35m }) ep.Rate(Catalogue.Srs, t, null);
        ep.Rate(Catalogue.Srs, total, null).Alliance!.Rupture!.State.ShouldBe(state);
    }

    [Fact]
    public void Wai_sr_repair_needs_baseline_minus_2_5_so_50_is_not_and_51_is()
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 52m, 54m, 53m, 46m }) ep.Rate(Catalogue.WaiSr, t, null);
        ep.Rate(Catalogue.WaiSr, 50m, null).Alliance!.Rupture!.State.ShouldBe(RuptureState.Open);
        ep.Rate(Catalogue.WaiSr, 51m, null).Alliance!.Rupture!.State.ShouldBe(RuptureState.Repaired);
    }

    [Fact]
    public void A_repair_at_the_third_rating_is_a_repair_not_an_unrepaired_rupture()
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 38m, 38m, 38m, 35m, 35m, 35m }) ep.Rate(Catalogue.Srs, t, null);
        var third = ep.Rate(Catalogue.Srs, 37m, null);
        third.Alliance!.Rupture!.ShouldBe(new RuptureAtRating(RuptureState.Repaired, 38m, "a004", 3));
        third.Alerts.ShouldNotContain(a => a.Kind == AlertKind.RuptureUnrepaired);
    }

    [Fact]
    public void With_two_earlier_ratings_the_baseline_is_their_mean_and_a_fall_from_one_earlier_rating_is_v1s_drop()
    {
        var ep = new EpisodeLedger();
        ep.Rate(Catalogue.Srs, 39.0m, 1);
        // one earlier rating: no baseline; 37.0 after 39.0 is v1's drop (>= 1.0), no rupture
        var second = ep.Rate(Catalogue.Srs, 37.0m, 2);
        second.Alliance!.Rupture.ShouldBeNull();
        second.Alliance.Reasons.ShouldContain(AllianceReason.Drop);
        // two earlier: B = (39.0 + 37.0) / 2 = 38.0; 36.0 <= 36.0 ruptures, and drop no longer applies
        var third = ep.Rate(Catalogue.Srs, 36.0m, 3);
        third.Alliance!.Rupture.ShouldBe(new RuptureAtRating(RuptureState.Open, 38.0m, "a003", 0));
        third.Alliance.Reasons.ShouldBe([AllianceReason.BelowCutoff]); // 9, 9, 9, 9: no item below 9, and no drop
    }

    [Fact]
    public void A_fall_of_1_with_a_baseline_is_no_longer_a_drop_reason()
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 39.5m, 39.5m }) ep.Rate(Catalogue.Srs, t, null);
        var e = ep.Rate(Catalogue.Srs, 38.5m, null); // v1: a drop of 1.0; v2: B 39.5, 38.5 > 37.5: no rupture, no reason
        e.Alliance!.Reasons.ShouldBeEmpty();
        e.Alerts.ShouldBeEmpty();
    }

    [Fact]
    public void The_baseline_after_a_rupture_is_the_median_of_the_three_ratings_before_whatever_they_were()
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 38m, 38m, 38m, 35m, 37m }) ep.Rate(Catalogue.Srs, t, null); // rupture at 4, repaired at 5
        // 6: B = median(38, 35, 37) = 37; 35 <= 35: a second rupture, alerted again
        var e = ep.Rate(Catalogue.Srs, 35m, null);
        e.Alliance!.Rupture.ShouldBe(new RuptureAtRating(RuptureState.Open, 37m, "a006", 0));
        Kinds(e, V2).ShouldBe([(AlertKind.AllianceRupture, AlertPriority.Normal)]);
    }

    [Fact]
    public void Csrs_ruptures_like_srs()
    {
        var ep = new EpisodeLedger();
        var e = new[] { 38.0m, 38.5m, 38.0m, 35.0m, 37.5m }.Select((t, k) => ep.Rate(Catalogue.Csrs, t, k + 1)).ToList();
        Rupture(e[3])!.State.ShouldBe(RuptureState.Open);
        Rupture(e[4])!.State.ShouldBe(RuptureState.Repaired);
    }

    [Theory]
    [InlineData(36.0, 36.0, true)]  // mean 36.0: at the cut-off
    [InlineData(36.0, 36.1, false)] // mean 36.05: just above
    [InlineData(35.9, 36.0, true)]
    public void Srs_early_risk_is_a_mean_at_or_below_36(decimal first, decimal second, bool risk)
    {
        var ep = new EpisodeLedger();
        ep.Rate(Catalogue.Srs, first, 1);
        ep.Rate(Catalogue.Srs, second, 2).Alerts.Any(a => a.Kind == AlertKind.EarlyAllianceRisk).ShouldBe(risk);
    }

    [Theory]
    [InlineData(42, 42, false)] // item mean 3.5: not below
    [InlineData(42, 41, true)]  // mean total 41.5, item mean 3.458
    [InlineData(43, 40, true)]  // mean total 41.5
    public void Wai_sr_early_risk_is_an_item_mean_below_3_5(int first, int second, bool risk)
    {
        var ep = new EpisodeLedger();
        ep.Rate(Catalogue.WaiSr, first, 1);
        ep.Rate(Catalogue.WaiSr, second, 2).Alerts.Any(a => a.Kind == AlertKind.EarlyAllianceRisk).ShouldBe(risk);
    }

    [Theory]
    [InlineData(3, true)]  // t = 3: still early
    [InlineData(4, false)] // t = 4: no longer
    public void Early_risk_is_judged_up_to_episode_session_3(int session, bool risk)
    {
        var ep = new EpisodeLedger();
        ep.Rate(Catalogue.Srs, 38.0m, 1);
        ep.Rate(Catalogue.Srs, 33.0m, session).Alerts.Any(a => a.Kind == AlertKind.EarlyAllianceRisk).ShouldBe(risk); // mean 35.5
    }

    [Fact]
    public void Early_risk_is_raised_once_per_episode_and_escalated_once()
    {
        var ep = new EpisodeLedger();
        ep.Outcome(Catalogue.Ors, 20m, 1);
        ep.Rate(Catalogue.Srs, 34m, 1);
        ep.Rate(Catalogue.Srs, 34m, 2).Alerts.Count(a => a.Kind == AlertKind.EarlyAllianceRisk).ShouldBe(1);
        ep.Rate(Catalogue.Srs, 34m, 3).Alerts.ShouldNotContain(a => a.Kind == AlertKind.EarlyAllianceRisk);
        // ORS 20 at t = 4: expected 22.96, deviation 2.96 >= 2.5: at risk, escalated once
        ep.Outcome(Catalogue.Ors, 20m, 4).Alerts.Count(a => a.Kind == AlertKind.EarlyAllianceRisk).ShouldBe(1);
        ep.Outcome(Catalogue.Ors, 19m, 5).Alerts.ShouldNotContain(a => a.Kind == AlertKind.EarlyAllianceRisk);
        ep.Alerts.Count(a => a.Kind == AlertKind.EarlyAllianceRisk).ShouldBe(2);
        ep.Open(AlertKind.EarlyAllianceRisk).ShouldHaveSingleItem().Priority.ShouldBe(AlertPriority.High);
    }

    [Theory]
    [InlineData(2, 15.0, false)] // t = 2: too early, whatever the status
    [InlineData(3, 21.0, false)] // on track (deviation 1.453110); v1 escalated "not reliably improved"
    [InlineData(3, 17.0, true)]  // off track (5.453110)
    [InlineData(3, 20.0, false)] // deviation 2.453110 < 2.5: on track (no_change starts at t = 4)
    [InlineData(3, 19.9, true)]  // 2.553110: at risk
    [InlineData(3, 15.0, true)]  // deteriorated: off track
    [InlineData(4, 21.0, true)]  // no_change
    [InlineData(4, 22.5, false)] // improvement exactly 2.5: on track
    public void An_ors_escalates_from_session_3_when_at_risk_off_track_or_not_improving(int session, decimal ors, bool escalates)
    {
        var ep = new EpisodeLedger();
        ep.Outcome(Catalogue.Ors, 20m, 1);
        ep.Rate(Catalogue.Srs, 34m, 1);
        ep.Rate(Catalogue.Srs, 35m, 2);
        ep.Outcome(Catalogue.Ors, ors, session).Alerts.Any(a => a.Kind == AlertKind.EarlyAllianceRisk).ShouldBe(escalates);
    }

    [Fact]
    public void An_improved_outcome_that_is_at_risk_still_escalates()
    {
        // PHQ-9 intake 24 (t = 1), 17 at t = 27: improved by 7 >= 6, expected = 2.9 + 21.1 x 27^(-1/3) = 9.93,
        // deviation 7.07 >= 6: off track
        var ep = new EpisodeLedger();
        ep.Outcome(Catalogue.Phq9, 24m, 1);
        ep.Rate(Catalogue.Srs, 34m, 1);
        ep.Rate(Catalogue.Srs, 35m, 2);
        var phq = ep.Outcome(Catalogue.Phq9, 17m, 27);
        (phq.Outcome!.ReliableChange, phq.Outcome.Status).ShouldBe((ChangeCategory.Improved, ProgressStatus.OffTrack));
        phq.Alerts.ShouldContain(a => a.Kind == AlertKind.EarlyAllianceRisk && a.Priority == AlertPriority.High);
    }

    [Fact]
    public void An_early_risk_first_seen_after_an_outcome_that_already_escalates_is_raised_high()
    {
        var ep = new EpisodeLedger();
        ep.Outcome(Catalogue.Ors, 20m, 1);
        ep.Rate(Catalogue.Srs, 38m, 1);
        ep.Rate(Catalogue.Srs, 36.5m, 2);          // mean 37.25: no risk yet
        ep.Outcome(Catalogue.Ors, 17m, 3);          // off track at t = 3
        // mean (38 + 36.5 + 32) / 3 = 35.5 at t = 3; and 32 <= B 37.25 - 2 is a rupture too
        Kinds(ep.Rate(Catalogue.Srs, 32m, 3), V2)
            .ShouldBe([(AlertKind.AllianceRupture, AlertPriority.Normal), (AlertKind.EarlyAllianceRisk, AlertPriority.High)]);
    }

    [Fact]
    public void Caregiver_and_therapist_ratings_raise_no_early_alliance_risk()
    {
        var ep = new EpisodeLedger();
        ep.Rate(Catalogue.Csrs, 30m, 1, Rater.Caregiver);
        ep.Rate(Catalogue.Csrs, 30m, 2, Rater.Caregiver).Alerts.ShouldNotContain(a => a.Kind == AlertKind.EarlyAllianceRisk);
        ep.Rate(Catalogue.WaiSr, 30m, 1, Rater.Therapist);
        ep.Rate(Catalogue.WaiSr, 30m, 2, Rater.Therapist).Alerts.ShouldNotContain(a => a.Kind == AlertKind.EarlyAllianceRisk);
    }

    [Fact]
    public void A_caregivers_csrs_ruptures_in_its_own_series_and_the_message_names_the_rater()
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 38m, 38m, 38m }) ep.Rate(Catalogue.Csrs, t, null, Rater.Caregiver);
        var e = ep.Rate(Catalogue.Csrs, 35m, null, Rater.Caregiver);
        e.Alerts.Single(a => a.Kind == AlertKind.AllianceRupture).Message.ShouldStartWith("CSRS (caregiver's rating) alliance rupture");
    }

    [Fact]
    public void A_therapists_wai_sr_has_no_rupture_series()
    {
        var ep = new EpisodeLedger();
        var e = new[] { 52m, 54m, 53m, 40m }.Select(t => ep.Rate(Catalogue.WaiSr, t, null, Rater.Therapist)).ToList();
        e[3].Alliance!.Rupture.ShouldBeNull();
        e[3].Alliance!.Reasons.ShouldContain(AllianceReason.Drop); // v1's drop stays where no rupture series exists
        e.ShouldAllBe(x => !x.Alerts.Any(a => V2.Contains(a.Kind)));
    }

    [Fact]
    public void Messages_hold_numbers_and_no_client_data()
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 38m, 38m, 38m }) ep.Rate(Catalogue.Srs, t, null);
        ep.Rate(Catalogue.Srs, 35m, 4).Alerts.Single(a => a.Kind == AlertKind.AllianceRupture).Message
            .ShouldBe("SRS alliance rupture at clinic session 4: 35.0 against a recent level of 38.0 (a fall of 2 or more); repaired when a rating reaches 37.0.");
    }
}
