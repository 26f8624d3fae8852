using Feedback.Clinical;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Trajectories;

namespace Feedback.Api.Tests.Features.Replay;

/// <summary>
/// A realistic 12-session episode per instrument, replayed through HTTP: early improvement, a deterioration around
/// sessions 5-7, then recovery (outcome), or a rupture at session 6 and its repair (alliance). Every response is checked
/// against the pure engine's reading of the same series, and the turning points against what a clinician expects.
/// </summary>
public sealed class EpisodeReplay(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Severity as a fraction of the instrument's range: 1 is the worst total, 0 the best.
    static readonly double[] OutcomeSeverity = [0.75, 0.70, 0.62, 0.55, 0.68, 0.82, 0.78, 0.55, 0.40, 0.25, 0.15, 0.10];
    const int RuptureSession = 6;

    public static TheoryData<string> OutcomeCodes() => [.. Catalogue.All.Where(i => i.Kind == InstrumentKind.Outcome).Select(i => i.Code)];

    [Theory, MemberData(nameof(OutcomeCodes))]
    public async Task An_outcome_episode_of_12_sessions_reads_as_the_engine_says_session_by_session(string code)
    {
        var instrument = Catalogue.Get(code);
        var clientId = "replay-" + code.Replace(".", "");
        var series = new List<ScorePoint>();
        var statuses = new List<string>();
        for (var session = 1; session <= OutcomeSeverity.Length; session++)
        {
            var items = ItemsFor(instrument, RawTarget(instrument, OutcomeSeverity[session - 1]));
            var body = await PostAsync(clientId, code, items, session);
            var total = body["score"]!["total"]!.GetValue<decimal>();
            total.ShouldBe(Scorer.Score(instrument, items).Total);
            series.Add(new ScorePoint(total, session));

            var expected = OutcomeEngine.Evaluate(instrument, series[0], series[^1], series.Count);
            var feedback = body["feedback"]!;
            var status = feedback["status"]!.GetValue<string>();
            status.ShouldBe(Names.Of(expected.Status), $"session {session}");
            feedback["expected"]!["score"]!.GetValue<decimal>().ShouldBe(Rounding.OneDecimal(expected.Expected));
            feedback["reliableChange"]!.GetValue<string>().ShouldBe(Names.Of(expected.ReliableChange));

            var kinds = body["alerts"]!.AsArray().Select(a => a!["kind"]!.GetValue<string>()).ToList();
            kinds.Contains("off_track").ShouldBe(expected.Status == ProgressStatus.OffTrack);
            kinds.Contains("at_risk").ShouldBe(expected.Status == ProgressStatus.AtRisk);
            kinds.Contains("reliable_deterioration").ShouldBe(expected.ReliableChange == ChangeCategory.Deteriorated);
            kinds.ShouldNotContain("risk_item");
            statuses.Add(status);
        }

        statuses[0].ShouldBe("baseline");
        statuses[RuptureSession - 1].ShouldBe("off_track");  // the deterioration is seen at once
        statuses[^1].ShouldBe("recovered");

        var progress = await (await app.Reader.GetAsync(ApiRoutes.ProgressOf(clientId, code), Ct)).BodyAsync();
        progress["points"]!.AsArray().Select(p => p!["status"]!.GetValue<string>()).ShouldBe(statuses);
        var open = (await (await app.Reader.GetAsync($"{ApiRoutes.AlertsPath}?clientId={clientId}&kind=off_track", Ct)).BodyAsync())["items"]!.AsArray();
        open.Count.ShouldBeLessThanOrEqualTo(1); // one live trajectory alert per instrument
    }

    // alliance-v2 (section 9): the fall is
    // a rupture, not a drop reason (SRS: B = median(39.0, 38.5, 39.0) = 39.0, 33.0 <= 37.0; repaired at 8, 38.0 >= 38.0.
    // WAI-SR: B = median(53, 54, 55) = 54, 40 <= 49; repaired at 8, 52 >= 51.5).
    public static TheoryData<string, decimal[]> AllianceEpisodes() => new()
    {
        { "SRS", [38.0m, 38.4m, 39.0m, 38.5m, 39.0m, 33.0m, 36.5m, 38.0m, 39.0m, 39.2m, 39.5m, 39.6m] },
        { "WAI-SR", [50, 52, 53, 54, 55, 40, 48, 52, 55, 56, 57, 58] },
    };
    const int RepairSession = 8;

    [Theory, MemberData(nameof(AllianceEpisodes))]
    public async Task An_alliance_rupture_at_session_6_is_flagged_and_its_repair_at_8_resolves_it(string code, decimal[] totals)
    {
        var instrument = Catalogue.Get(code);
        var clientId = "rupture-" + code;
        var ratings = new List<AllianceRating>();
        var sessions = new List<int?>();
        string? onsetId = null;
        for (var session = 1; session <= totals.Length; session++)
        {
            var items = ItemsFor(instrument, totals[session - 1]);
            var body = await PostAsync(clientId, code, items, session);
            var score = Scorer.Score(instrument, items);
            ratings.Add(new AllianceRating(body["id"]!.GetValue<string>(), score.Total));
            sessions.Add(session);
            var expected = FeedbackEngine.Evaluate(instrument, Rater.Client, items, score, new ScorePoint(score.Total, session),
                new EpisodeContext(null, session, null, null, new AllianceSeries(ratings, sessions, session - 1), new AllianceAlertState(onsetId))).Alliance!;
            var feedback = body["feedback"]!;
            feedback["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(expected.Reasons.Select(r => Names.Of(r)));
            feedback["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldNotContain("drop"); // a baseline from session 3 on
            // v1.2: no alliance_concern beside the current rupture alert (sessions 6 and 7), which carries the reasons
            var ruptureCurrent = session is >= RuptureSession and < RepairSession;
            body["alerts"]!.AsArray().Any(a => a!["kind"]!.GetValue<string>() == "alliance_concern").ShouldBe(expected.Concern && !ruptureCurrent);
            var kinds = body["alerts"]!.AsArray().Select(a => a!["kind"]!.GetValue<string>()).ToList();
            kinds.Contains("alliance_rupture").ShouldBe(session == RuptureSession, $"session {session}");
            (feedback["rupture"]?["state"]?.GetValue<string>()).ShouldBe(session switch
            {
                RuptureSession or RuptureSession + 1 => "open",
                RepairSession => "repaired",
                _ => null,
            });
            if (session == RuptureSession)
            {
                onsetId = body["id"]!.GetValue<string>();
                feedback["concern"]!.GetValue<bool>().ShouldBeTrue();
                body["alerts"]!.AsArray().Single(a => a!["kind"]!.GetValue<string>() == "alliance_rupture")!["reasons"]!.AsArray()
                    .Select(r => r!.GetValue<string>()).ShouldBe(expected.Reasons.Select(r => Names.Of(r)));
            }
            if (session == RepairSession) onsetId = null;
            if (session == totals.Length) feedback["concern"]!.GetValue<bool>().ShouldBeFalse();
        }
        var rupture = (await (await app.Reader.GetAsync($"{ApiRoutes.AlertsPath}?clientId={clientId}&kind=alliance_rupture&status=any", Ct)).BodyAsync())["items"]!.AsArray().ShouldHaveSingleItem()!;
        rupture["status"]!.GetValue<string>().ShouldBe("resolved");
    }

    async Task<JsonNode> PostAsync(string clientId, string code, decimal?[] items, int session)
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), Http.Administration(code, items, Http.Monday.AddDays(7 * session), session), Ct);
        var text = await rsp.Content.ReadAsStringAsync(Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The raw item sum (before WHO-5's x4) for a severity fraction, on the instrument's own direction.</summary>
    static decimal RawTarget(Instrument i, double severity)
    {
        decimal min = i.ItemMin * i.ItemCount, max = i.ItemMax * i.ItemCount;
        var worseShare = (decimal)Math.Round(severity * (double)(max - min));
        return i.Direction == Direction.HigherIsWorse ? min + worseShare : max - worseShare;
    }

    /// <summary>Answers whose scored sum is the target, leaving every risk item at the bottom of its range.</summary>
    static decimal?[] ItemsFor(Instrument i, decimal rawTarget)
    {
        var unit = i.Decimals == 0 ? 1m : 0.1m;
        var scored = Enumerable.Repeat((decimal)i.ItemMin, i.ItemCount).ToArray();
        var free = Enumerable.Range(1, i.ItemCount).Where(n => i.RiskItems.All(r => r.Item != n)).ToList();
        var remaining = rawTarget - scored.Sum();
        while (remaining > 0)
        {
            var before = remaining;
            foreach (var n in free)
            {
                if (remaining <= 0) break;
                var step = Math.Min(remaining, Math.Max(unit, Math.Floor(remaining / free.Count / unit) * unit));
                var room = i.ItemMax - scored[n - 1];
                var add = Math.Min(step, room);
                scored[n - 1] += add;
                remaining -= add;
            }
            remaining.ShouldBeLessThan(before, "the target is out of reach without the risk items");
        }
        return scored.Select((s, k) => (decimal?)(i.IsReversed(k + 1) ? i.ItemMax + i.ItemMin - s : s)).ToArray();
    }
}
