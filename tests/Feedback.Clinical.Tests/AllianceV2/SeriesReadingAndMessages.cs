using Feedback.Clinical.Alliance;

namespace Feedback.Clinical.Tests.AllianceV2;

/// <summary>The progress route's reading of a whole series, and the alert messages a clinician reads (numbers only).</summary>
public sealed class SeriesReadingAndMessages
{
    static StoredRating Srs(string id, int? session, decimal total) => new(id, session, Items.For(Catalogue.Srs, total), total);

    [Fact]
    public void A_client_series_reads_t_reasons_baseline_and_ruptures_as_the_rules_say()
    {
        // sessions 3, 4, 6, 7, 8: t = session - 3 + 1; drop only at the second rating (no baseline yet)
        var series = new[] { Srs("r1", 3, 38m), Srs("r2", 4, 37m), Srs("r3", 6, 38m), Srs("r4", 7, 35m), Srs("r5", 8, 37.5m) };
        var (ratings, ruptures) = AllianceSeriesReading.Read(Catalogue.Srs, Rater.Client, series, episodeClosed: false);
        ratings.Select(r => r.Session).ShouldBe([1, 2, 4, 5, 6]);
        ratings.Select(r => r.Baseline).ShouldBe([null, null, 37.5m, 38m, 37m]);
        ratings[1].Feedback.Reasons.ShouldBe([AllianceReason.Drop]);
        // r4: B = median(38, 37, 38) = 38, 35 <= 36; reasons without drop
        ratings[3].Feedback.Reasons.ShouldBe([AllianceReason.BelowCutoff, AllianceReason.ItemBelow9]);
        ratings[3].Feedback.Rupture.ShouldBe(new RuptureAtRating(RuptureState.Open, 38m, "r4", 0));
        ratings[4].Feedback.Rupture!.State.ShouldBe(RuptureState.Repaired);
        ruptures.ShouldHaveSingleItem().ShouldBe(new Rupture(38m, 3, "r4", 4, RuptureEnd.Repaired));
        ratings.Select(r => r.Feedback.PreviousScore).ShouldBe([null, 38m, 37m, 38m, 35m]);
    }

    [Fact]
    public void A_therapist_series_has_no_baseline_and_no_rupture_and_keeps_drop()
    {
        var t = new[] { 52m, 54m, 53m, 46m }.Select((x, k) => new StoredRating($"t{k}", null, Items.For(Catalogue.WaiSr, x), x)).ToList();
        var (ratings, ruptures) = AllianceSeriesReading.Read(Catalogue.WaiSr, Rater.Therapist, t, episodeClosed: true);
        ruptures.ShouldBeEmpty();
        ratings.ShouldAllBe(r => r.Baseline == null && r.Feedback.Rupture == null);
        ratings[3].Feedback.Reasons.ShouldBe([AllianceReason.Drop]); // 53 -> 46: a fall of 7 >= 5
        ratings.Select(r => r.Session).ShouldBe([1, 2, 3, 4]);
    }

    [Fact]
    public void A_caregivers_series_in_a_closed_episode_ends_its_open_rupture_unrepaired()
    {
        var series = new[] { Srs("c1", 1, 38m), Srs("c2", 2, 38m), Srs("c3", 3, 38m), Srs("c4", 4, 35m) };
        var (_, ruptures) = AllianceSeriesReading.Read(Catalogue.Csrs, Rater.Caregiver, series, episodeClosed: true);
        ruptures.ShouldHaveSingleItem().ShouldBe(new Rupture(38m, 3, "c4", null, RuptureEnd.EpisodeClosed));
    }

    [Fact]
    public void The_unrepaired_and_early_risk_messages_say_the_numbers()
    {
        var ep = new EpisodeLedger();
        foreach (var t in new[] { 38m, 38m, 38m, 35m, 35.5m, 36m }) ep.Rate(Catalogue.Srs, t, null);
        ep.Rate(Catalogue.Srs, 35m, null).Alerts.Single(a => a.Kind == AlertKind.RuptureUnrepaired).Message.ShouldBe(
            "SRS alliance rupture since administration 4 of this measure not repaired within 3 ratings: 35.0 at administration 7 of this measure, against a recent level of 38.0; unrepaired ruptures predict a worse outcome.");

        var early = new EpisodeLedger();
        early.Rate(Catalogue.WaiSr, 40m, 1);
        early.Rate(Catalogue.WaiSr, 41m, 2).Alerts.Single(a => a.Kind == AlertKind.EarlyAllianceRisk).Message.ShouldBe(
            "WAI-SR early alliance risk at clinic session 2: the client's 2 ratings in the first 3 sessions of the episode have a mean total of 40.5, below 42 (item mean 3.5); a weak early alliance predicts dropout.");

        var srs = new EpisodeLedger();
        srs.Outcome(Catalogue.Ors, 20m, 1);
        srs.Rate(Catalogue.Srs, 34m, 1);
        srs.Rate(Catalogue.Srs, 35m, 2).Alerts.Single(a => a.Kind == AlertKind.EarlyAllianceRisk).Message
            .ShouldBe("SRS early alliance risk at clinic session 2: the client's 2 ratings in the first 3 sessions of the episode have a mean total of 34.5, at or below 36; a weak early alliance predicts dropout.");
        // ORS 19.9 at t = 3: deviation 2.553110, at risk
        srs.Outcome(Catalogue.Ors, 19.9m, 3).Alerts.Single(a => a.Kind == AlertKind.EarlyAllianceRisk).Message.ShouldBe(
            "Early alliance risk with no early change: ORS 19.9 at clinic session 3 is at risk of not benefiting (20.0 at intake), after a weak alliance in the first sessions.");
    }
}
