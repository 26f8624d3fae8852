using Feedback.Clinical.Alliance;

namespace Feedback.Clinical.Tests.AllianceV2;

/// <summary>
/// A back-dated rating (one entered after a later one of the same series) takes its place in the series: its own
/// feedback is the state at its place, it counts for every later reading, and it raises or resolves no rupture alert
/// itself. The series' next latest rating brings the alerts in line with the series as it now is (docs/alliance-v2.md).
/// </summary>
public sealed class BackDatedRatings
{
    static EpisodeLedger Open(params decimal[] totals)
    {
        var ep = new EpisodeLedger();
        foreach (var t in totals) ep.Rate(Catalogue.Srs, t, null);
        return ep;
    }

    [Fact]
    public void A_back_dated_rating_inside_an_open_rupture_counts_as_one_of_its_three_ratings()
    {
        var ep = Open(38m, 38m, 38m, 35m, 35.5m);            // rupture at a004, one rating since
        var late = ep.Rate(Catalogue.Srs, 35.2m, null, before: 4); // placed between a004 and a005
        late.Alliance!.Rupture.ShouldBe(new RuptureAtRating(RuptureState.Open, 38m, "a004", 1));
        // v1.2: a back-dated rating raises no rupture alert and no alliance_concern (the family follows the latest rating)
        late.Alerts.ShouldBeEmpty();
        late.Resolutions.ShouldBeEmpty();
    }

    [Fact]
    public void The_next_rating_after_a_back_dated_one_inside_a_rupture_is_its_third_and_raises_unrepaired()
    {
        var ep = Open(38m, 38m, 38m, 35m, 35.5m);
        ep.Rate(Catalogue.Srs, 35.2m, null, before: 4);
        var next = ep.Rate(Catalogue.Srs, 35.8m, null); // a004, a006 (back-dated), a005, then this: the third since
        next.Alliance!.Rupture.ShouldBe(new RuptureAtRating(RuptureState.Unrepaired, 38m, "a004", 3));
        next.Alerts.ShouldContain(a => a.Kind == AlertKind.RuptureUnrepaired && a.Priority == AlertPriority.High);
        ep.Open(AlertKind.AllianceRupture).ShouldBeEmpty();
    }

    [Fact]
    public void A_back_dated_rating_that_repairs_an_open_rupture_resolves_nothing_itself_and_the_next_rating_realigns_the_alerts()
    {
        var ep = Open(38m, 38m, 38m, 35m, 35.5m);
        var late = ep.Rate(Catalogue.Srs, 37.5m, null, before: 4); // 37.5 >= 37: repaired at its place
        late.Alliance!.Rupture.ShouldBe(new RuptureAtRating(RuptureState.Repaired, 38m, "a004", 1));
        late.Resolutions.ShouldBeEmpty();
        ep.Open(AlertKind.AllianceRupture).ShouldHaveSingleItem().AdministrationId.ShouldBe("a004");

        // The series is now 38, 38, 38, 35, 37.5, 35.5: at 35.5, B = median(38, 35, 37.5) = 37.5 and 35.5 <= 35.5, so a
        // second rupture opened at a005. The next rating (36 < 36.5, still open) resolves the first rupture's alert
        // (it was repaired) and raises one for the rupture that is open now.
        var next = ep.Rate(Catalogue.Srs, 36m, null);
        next.Alliance!.Rupture.ShouldBe(new RuptureAtRating(RuptureState.Open, 37.5m, "a005", 1));
        next.Resolutions.ShouldBe([AlertResolution.SeriesRupture]);
        var raised = next.Alerts.Single(a => a.Kind == AlertKind.AllianceRupture);
        raised.Message.ShouldContain("open since administration 6 of this measure");
        next.Alerts.ShouldNotContain(a => a.Kind == AlertKind.RuptureUnrepaired);
        ep.Open(AlertKind.AllianceRupture).ShouldHaveSingleItem().AdministrationId.ShouldBe("a007");
    }

    [Fact]
    public void A_rupture_that_a_back_dated_rating_made_unrepaired_is_said_at_the_next_rating_once()
    {
        var ep = Open(38m, 38m, 38m, 35m, 35.5m, 36m);           // open, two ratings since
        ep.Rate(Catalogue.Srs, 35.2m, null, before: 5);          // now a005, a007, a006: a006 is the third
        var next = ep.Rate(Catalogue.Srs, 38m, null);            // no rupture at it
        next.Alliance!.Rupture.ShouldBeNull();
        next.Alerts.Where(a => a.Kind == AlertKind.RuptureUnrepaired).ShouldHaveSingleItem().Message.ShouldContain("since administration 4 of this measure");
        ep.Open(AlertKind.AllianceRupture).ShouldBeEmpty();
        ep.Rate(Catalogue.Srs, 38m, null).Alerts.ShouldNotContain(a => a.Kind == AlertKind.RuptureUnrepaired);
    }

    [Fact]
    public void A_back_dated_low_rating_before_the_latest_raises_no_rupture_alert_but_the_next_rating_does()
    {
        var ep = Open(38m, 38m, 38m, 38m);
        var late = ep.Rate(Catalogue.Srs, 35m, null, before: 3); // 38, 38, 38, 35, 38
        late.Alliance!.Rupture!.IsOnset.ShouldBeTrue();
        late.Alerts.ShouldNotContain(a => a.Kind == AlertKind.AllianceRupture);
        // at a004 (38) the rupture was repaired (38 >= 37): nothing open, nothing to say
        ep.Rate(Catalogue.Srs, 38m, null).Alerts.ShouldBeEmpty();
        ep.Open(AlertKind.AllianceRupture).ShouldBeEmpty();
    }

    [Fact]
    public void A_closed_episode_leaves_its_open_rupture_unrepaired()
    {
        var series = new[] { 38m, 38m, 38m, 35m, 35.5m }.Select((t, k) => new AllianceRating($"r{k}", t)).ToList();
        var open = RuptureRules.Walk(Catalogue.Srs, series).Ruptures.ShouldHaveSingleItem();
        (open.State, open.End).ShouldBe((RuptureState.Open, (RuptureEnd?)null));
        var closed = RuptureRules.Walk(Catalogue.Srs, series, episodeClosed: true).Ruptures.ShouldHaveSingleItem();
        (closed.State, closed.End, closed.OnsetAdministrationId).ShouldBe((RuptureState.Unrepaired, (RuptureEnd?)RuptureEnd.EpisodeClosed, "r3"));
        // a repaired one stays repaired
        var repaired = series.Append(new AllianceRating("r5", 37m)).ToList();
        RuptureRules.Walk(Catalogue.Srs, repaired, episodeClosed: true).Ruptures.Single().End.ShouldBe(RuptureEnd.Repaired);
    }
}
