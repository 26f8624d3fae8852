using CsCheck;
using Feedback.Clinical.Alliance;

namespace Feedback.Clinical.Tests.AllianceV2;

/// <summary>The properties of the alliance rules (clinical.md section 9), over generated series of every alliance instrument, fed through the engine.</summary>
public sealed class AllianceV2Properties
{
    public static TheoryData<string> AllianceCodes() => [.. Catalogue.All.Where(i => i.Kind == InstrumentKind.Alliance).Select(i => i.Code)];

    /// <summary>Totals that sit near the ceiling and fall and recover, as alliance scores do, in the instrument's steps.</summary>
    static Gen<decimal[]> Series(Instrument i) =>
        Gen.Int[0, 100].Select(p => Math.Round(i.TotalMin + (i.TotalMax - i.TotalMin) * (0.55m + 0.45m * p / 100m), i.Decimals))
            .Array[1, 14];

    static EpisodeLedger Feed(Instrument i, decimal[] totals, Rater rater = Rater.Client)
    {
        var ep = new EpisodeLedger();
        for (var k = 0; k < totals.Length; k++) ep.Rate(i, totals[k], k + 1, rater);
        return ep;
    }

    [Theory, MemberData(nameof(AllianceCodes))]
    public void A_rupture_needs_two_earlier_ratings_and_a_rating_that_ends_one_never_starts_one(string code)
    {
        var i = Catalogue.Get(code);
        Series(i).Sample(totals =>
        {
            var walk = RuptureRules.Walk(i, [.. totals.Select((t, k) => new AllianceRating($"r{k}", t))]);
            walk.Ruptures.ShouldAllBe(r => r.OnsetIndex >= 2);
            walk.Points.Take(2).ShouldAllBe(p => p.Rupture == null && p.Baseline == null);
            var ends = walk.Ruptures.Where(r => r.EndIndex is not null).Select(r => r.EndIndex!.Value).ToHashSet();
            walk.Ruptures.ShouldAllBe(r => !ends.Contains(r.OnsetIndex));
        });
    }

    [Theory, MemberData(nameof(AllianceCodes))]
    public void A_rupture_ends_at_most_once_and_is_never_seen_after_its_end(string code)
    {
        var i = Catalogue.Get(code);
        Series(i).Sample(totals =>
        {
            var walk = RuptureRules.Walk(i, [.. totals.Select((t, k) => new AllianceRating($"r{k}", t))]);
            foreach (var onset in walk.Points.Where(p => p.Rupture is not null).Select(p => p.Rupture!.SinceAdministrationId).Distinct())
            {
                var seen = walk.Points.Select((p, k) => (p, k)).Where(x => x.p.Rupture?.SinceAdministrationId == onset).ToList();
                seen.Count(x => x.p.Rupture!.State != RuptureState.Open).ShouldBeLessThanOrEqualTo(1);
                // the end, if any, is the last place it is seen, and at most 3 ratings after the onset
                seen.SkipWhile(x => x.p.Rupture!.State == RuptureState.Open).Count().ShouldBeLessThanOrEqualTo(1);
                seen.Select(x => x.p.Rupture!.RatingsSince).ShouldBe(Enumerable.Range(0, seen.Count));
                seen.Count.ShouldBeLessThanOrEqualTo(RuptureRules.RatingsToRepair + 1);
            }
        });
    }

    [Theory, MemberData(nameof(AllianceCodes))]
    public void A_repaired_rupture_never_raises_rupture_unrepaired_and_every_unrepaired_one_raises_it_once(string code)
    {
        var i = Catalogue.Get(code);
        Series(i).Sample(totals =>
        {
            var ep = Feed(i, totals);
            var walk = RuptureRules.Walk(i, [.. ep.Ratings.Select(r => new AllianceRating(r.Id, r.Total))]);
            var unrepairedAt = ep.Alerts.Where(a => a.Kind == AlertKind.RuptureUnrepaired).Select(a => a.AdministrationId).ToList();
            unrepairedAt.ShouldBe(walk.Ruptures.Where(r => r.End == RuptureEnd.ThreeRatingsWithoutRepair).Select(r => ep.Ratings[r.EndIndex!.Value].Id));
            foreach (var repaired in walk.Ruptures.Where(r => r.End == RuptureEnd.Repaired))
                unrepairedAt.ShouldNotContain(id => ep.Ratings.FindIndex(x => x.Id == id) >= repaired.OnsetIndex
                                                     && ep.Ratings.FindIndex(x => x.Id == id) <= repaired.EndIndex);
            // one rupture alert per onset, and it is open exactly while its rupture is
            ep.Alerts.Count(a => a.Kind == AlertKind.AllianceRupture).ShouldBe(walk.Ruptures.Count);
            ep.Open(AlertKind.AllianceRupture).Count().ShouldBe(walk.Ruptures.Count(r => r.State == RuptureState.Open));
        });
    }

    [Fact]
    public void At_most_one_early_alliance_risk_is_open_per_episode_whatever_the_order_of_ratings_and_outcomes()
    {
        var steps = Gen.Select(Gen.Bool, Gen.Int[1, 6], Gen.Int[0, 100]).Array[1, 16];
        steps.Sample(plan =>
        {
            var ep = new EpisodeLedger();
            foreach (var (alliance, session, p) in plan)
            {
                if (alliance) ep.Rate(Catalogue.Srs, Math.Round(28m + 12m * p / 100m, 1), session);
                else ep.Outcome(Catalogue.Ors, Math.Round(10m + 25m * p / 100m, 1), session);
                ep.Open(AlertKind.EarlyAllianceRisk).Count().ShouldBeLessThanOrEqualTo(1);
            }
            ep.Alerts.Count(a => a.Kind == AlertKind.EarlyAllianceRisk && a.Priority == AlertPriority.Normal).ShouldBeLessThanOrEqualTo(1);
            ep.Alerts.Count(a => a.Kind == AlertKind.EarlyAllianceRisk && a.Priority == AlertPriority.High).ShouldBeLessThanOrEqualTo(1);
        });
    }

    [Fact]
    public void Client_and_caregiver_series_never_mix()
    {
        Gen.Select(Series(Catalogue.Csrs), Series(Catalogue.Csrs), Gen.Bool.Array[28]).Sample((client, caregiver, order) =>
        {
            var both = new EpisodeLedger();
            int c = 0, g = 0;
            foreach (var clientNext in order)
            {
                if (clientNext && c < client.Length) { both.Rate(Catalogue.Csrs, client[c], c + 1); c++; }
                else if (g < caregiver.Length) { both.Rate(Catalogue.Csrs, caregiver[g], g + 1, Rater.Caregiver); g++; }
            }
            string Reading(EpisodeLedger ep, Rater rater) => string.Join(" | ", ep.Ratings.Where(r => r.Rater == rater).Select(r =>
                $"{r.Evaluation.Alliance!.Rupture?.State}:{r.Evaluation.Alliance.Rupture?.Baseline}:{r.Evaluation.Alliance.Rupture?.RatingsSince}:"
                + string.Join(",", r.Evaluation.Alerts.Where(a => a.Kind != AlertKind.EarlyAllianceRisk).Select(a => a.Kind))));
            Reading(both, Rater.Client).ShouldBe(Reading(Feed(Catalogue.Csrs, client[..c]), Rater.Client));
            Reading(both, Rater.Caregiver).ShouldBe(Reading(Feed(Catalogue.Csrs, caregiver[..g], Rater.Caregiver), Rater.Caregiver));
        });
    }
}
