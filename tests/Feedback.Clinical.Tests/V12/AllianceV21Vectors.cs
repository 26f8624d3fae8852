using Feedback.Clinical.Alliance;
using Feedback.Clinical.Tests.AllianceV2;

namespace Feedback.Clinical.Tests.V12;

/// <summary>clinical.md v1.2 section 7 ("Alliance concern family", "Concern replaced", "Repair at a concern", TASC-R) and section 9.</summary>
public sealed class AllianceV21Vectors
{
    static readonly decimal?[] Srs35 = [8.8m, 8.8m, 8.7m, 8.7m];

    static List<(AlertKind, AlertPriority)> Current(EpisodeLedger ep) =>
        [.. ep.Alerts.Where(a => a.Open).Select(a => (a.Kind, a.Priority))];

    [Fact]
    public void Srs_38_38_38_35_35_5_36_35_38_5_leaves_one_rupture_alert_and_no_concern_pile_up()
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 38m, 38m, 38m }) ep.Rate(Catalogue.Srs, t, null);
        // rating 4: onset (B 38, 35 <= 36): alliance_rupture only, carrying the rating's reasons
        var r4 = ep.RateItems(Catalogue.Srs, Srs35, null);
        r4.Alerts.Select(a => (a.Kind, a.Priority)).ShouldBe([(AlertKind.AllianceRupture, AlertPriority.Normal)]);
        r4.Alerts.Single().Reasons.ShouldBe(["below_cutoff", "item_below_9"]);
        // ratings 5 and 6: the rupture is open, nothing is raised
        ep.Rate(Catalogue.Srs, 35.5m, null).Alerts.ShouldBeEmpty();
        ep.Rate(Catalogue.Srs, 36m, null).Alerts.ShouldBeEmpty();
        // rating 7: unrepaired (high), resolving the onset's alert; still no concern
        var r7 = ep.Rate(Catalogue.Srs, 35m, null);
        r7.Alerts.Select(a => (a.Kind, a.Priority)).ShouldBe([(AlertKind.RuptureUnrepaired, AlertPriority.High)]);
        Current(ep).ShouldBe([(AlertKind.RuptureUnrepaired, AlertPriority.High)]); // v1.1: four alliance_concern beside it
        // rating 8 (38.5, no reason) resolves rupture_unrepaired
        var r8 = ep.RateItems(Catalogue.Srs, [9.5m, 9.5m, 9.5m, 10.0m], null);
        r8.Alliance!.Reasons.ShouldBeEmpty();
        r8.Resolutions.ShouldContain(AlertResolution.SeriesUnrepaired);
        Current(ep).ShouldBeEmpty();
    }

    [Fact]
    public void Srs_35_four_weeks_running_keeps_one_current_concern_and_37_5_resolves_it()
    {
        var ep = new EpisodeLedger();
        for (var week = 1; week <= 4; week++)
        {
            var e = ep.RateItems(Catalogue.Srs, Srs35, week);
            var concern = e.Alerts.Where(a => a.Kind != AlertKind.EarlyAllianceRisk).ShouldHaveSingleItem(); // week 2 is an early risk too
            (concern.Kind, concern.Priority).ShouldBe((AlertKind.AllianceConcern, AlertPriority.Normal));
            concern.Reasons.ShouldBe(["below_cutoff", "item_below_9"]);
            ep.Open(AlertKind.AllianceConcern).ShouldHaveSingleItem();
        }
        var back = ep.RateItems(Catalogue.Srs, [9.5m, 9.5m, 9.5m, 9.0m], 5); // 37.5: 9.0 is not < 9
        back.Alerts.ShouldBeEmpty();
        back.Resolutions.ShouldBe([AlertResolution.SeriesConcern]);
        ep.Open(AlertKind.AllianceConcern).ShouldBeEmpty();
    }

    [Fact]
    public void A_repair_at_a_rating_that_is_itself_a_concern_resolves_the_rupture_and_raises_the_concern()
    {
        var ep = new EpisodeLedger();
        for (var k = 0; k < 3; k++) ep.RateItems(Catalogue.Srs, [9.5m, 9.0m, 9.5m, 9.0m], null).Alerts.ShouldBeEmpty(); // 37.0
        var onset = ep.RateItems(Catalogue.Srs, [8.5m, 8.5m, 9.0m, 8.5m], null); // 34.5 <= 35.0
        onset.Alerts.Select(a => a.Kind).ShouldBe([AlertKind.AllianceRupture]);
        onset.Alerts.Single().Reasons.ShouldBe(["below_cutoff", "item_below_9"]);
        var repair = ep.RateItems(Catalogue.Srs, [9m, 9m, 9m, 9m], null); // 36.0 >= 36.0
        repair.Alliance!.Rupture!.State.ShouldBe(RuptureState.Repaired);
        repair.Resolutions.ShouldContain(AlertResolution.SeriesRupture);
        var concern = repair.Alerts.ShouldHaveSingleItem();
        (concern.Kind, concern.Priority).ShouldBe((AlertKind.AllianceConcern, AlertPriority.Normal));
        concern.Reasons.ShouldBe(["below_cutoff"]);
    }

    [Fact]
    public void A_new_onset_ends_a_current_unrepaired_rupture_alert_and_raises_its_own()
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 38m, 38m, 38m, 35m, 35.5m, 36m, 35m }) ep.Rate(Catalogue.Srs, t, null); // unrepaired at 7
        // 8: B = median(35.5, 36, 35) = 35.5; 33.5 <= 33.5 is a new onset
        var e = ep.Rate(Catalogue.Srs, 33.5m, null);
        e.Alliance!.Rupture!.IsOnset.ShouldBeTrue();
        e.Resolutions.ShouldContain(AlertResolution.SeriesUnrepaired);
        e.Alerts.Select(a => a.Kind).ShouldBe([AlertKind.AllianceRupture]);
        Current(ep).ShouldBe([(AlertKind.AllianceRupture, AlertPriority.Normal)]);
    }

    [Fact]
    public void A_current_unrepaired_rupture_alert_stays_while_ratings_carry_a_reason_and_no_concern_is_raised_beside_it()
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 38m, 38m, 38m, 35m, 35.5m, 36m, 35m }) ep.Rate(Catalogue.Srs, t, null);
        var e = ep.Rate(Catalogue.Srs, 35m, null); // B 35.5: not a new onset; at or below 36: a reason
        e.Alerts.ShouldBeEmpty();
        e.Resolutions.ShouldNotContain(AlertResolution.SeriesUnrepaired);
        Current(ep).ShouldBe([(AlertKind.RuptureUnrepaired, AlertPriority.High)]);
    }

    [Fact]
    public void A_back_dated_rating_raises_and_resolves_no_concern()
    {
        var ep = new EpisodeLedger();
        ep.RateItems(Catalogue.Srs, Srs35, 1);
        ep.RateItems(Catalogue.Srs, Srs35, 3);
        var late = ep.RateItems(Catalogue.Srs, [8m, 8m, 8m, 8m], 2, before: 1);
        late.Alerts.Where(a => a.Kind == AlertKind.AllianceConcern).ShouldBeEmpty();
        late.Resolutions.ShouldNotContain(AlertResolution.SeriesConcern);
        ep.Open(AlertKind.AllianceConcern).ShouldHaveSingleItem().AdministrationId.ShouldBe("a002");
    }

    [Fact]
    public void A_therapists_low_rating_raises_no_concern()
    {
        var ep = new EpisodeLedger();
        ep.Rate(Catalogue.WaiSr, 30m, 1, Rater.Therapist).Alerts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(40, true)]  // 44 -> 40: a fall of 4
    [InlineData(41, false)] // 3
    public void Tasc_r_drop_is_a_fall_of_4_and_raises_a_normal_concern(int second, bool concern)
    {
        var ep = new EpisodeLedger();
        ep.Rate(Catalogue.TascR, 44m, 1).Alerts.ShouldBeEmpty(); // no cut-off, no item reason
        var e = ep.Rate(Catalogue.TascR, second, 2);
        e.Alliance!.Reasons.ShouldBe(concern ? [AllianceReason.Drop] : []);
        e.Alerts.Select(a => (a.Kind, a.Priority)).ShouldBe(concern ? [(AlertKind.AllianceConcern, AlertPriority.Normal)] : []);
    }

    [Fact]
    public void Tasc_r_44_45_44_40_43_ruptures_at_4_and_is_repaired_at_5()
    {
        var ep = new EpisodeLedger();
        var e = new[] { 44m, 45m, 44m, 40m, 43m }.Select((t, k) => ep.Rate(Catalogue.TascR, t, k + 1)).ToList();
        e[3].Alliance!.Rupture.ShouldBe(new RuptureAtRating(RuptureState.Open, 44m, "a004", 0)); // 40 <= 44 - 4
        e[3].Alerts.Select(a => a.Kind).ShouldBe([AlertKind.AllianceRupture]);
        e[4].Alliance!.Rupture!.State.ShouldBe(RuptureState.Repaired); // 43 >= 42
        e.ShouldAllBe(x => x.RulesVersion == "alliance-v2.1");
    }

    [Theory]
    [InlineData(41, false)] // gap 5/36 = 0.1389
    [InlineData(42, true)]  // 6/36 = 0.1667 >= 0.15
    public void Tasc_r_dual_perspective_compares_the_youth_with_the_therapist(int therapist, bool discrepancy)
    {
        var youth = Items.For(Catalogue.TascR, 36m);
        var items = Items.For(Catalogue.TascR, therapist);
        var score = Scorer.Score(Catalogue.TascR, items);
        var e = FeedbackEngine.Evaluate(Catalogue.TascR, Rater.Therapist, items, score, new ScorePoint(score.Total, 3),
            new EpisodeContext(null, 1, null, new Counterpart(Rater.Client, youth, false)));
        e.Alerts.Any(a => a.Kind == AlertKind.AllianceDiscrepancy).ShouldBe(discrepancy);
        if (discrepancy)
            e.Alerts.Single().Message.ShouldBe("TASC-R: the therapist's rating at clinic session 3 is 16.7% of the scale above the youth's.");
    }

    [Fact]
    public void Tasc_r_gap_is_the_difference_of_totals_over_36_with_reverse_items_reversed()
    {
        AllianceRules.Gap(Catalogue.TascR, Items.For(Catalogue.TascR, 36m), Items.For(Catalogue.TascR, 42m)).ShouldBe(decimal.Round(6m / 36, 6));
        // every answer "Very much true" scores 33 (five reversed items score 1): normalised (33 - 12) / 36
        AllianceRules.NormalisedMean(Catalogue.TascR, Enumerable.Repeat<decimal?>(4, 12).ToList()).ShouldBe(21m / 36);
    }

    [Fact]
    public void A_caregivers_tasc_r_is_not_compared_with_the_therapists()
    {
        var items = Items.For(Catalogue.TascR, 42m);
        var score = Scorer.Score(Catalogue.TascR, items);
        FeedbackEngine.Evaluate(Catalogue.TascR, Rater.Therapist, items, score, new ScorePoint(score.Total, 3),
            new EpisodeContext(null, 1, null, new Counterpart(Rater.Caregiver, Items.For(Catalogue.TascR, 30m), false))).Alerts.ShouldBeEmpty();
    }

    [Fact]
    public void Early_risk_counts_episode_sessions_by_visit_dates_without_session_numbers()
    {
        // ORS and SRS 34.0 on one date, ORS and SRS 35.0 on the next: the second SRS is at episode session 2
        var ep = new EpisodeLedger();
        ep.Outcome(Catalogue.Ors, 20m, 1);
        ep.Rate(Catalogue.Srs, 34m, null);
        ep.Rate(Catalogue.Srs, 35m, null).Alerts.Where(a => a.Kind == AlertKind.EarlyAllianceRisk).Select(a => a.Priority).ShouldBe([AlertPriority.Normal]);
    }
}
