namespace Feedback.Api.Tests.Features.Alliance;

/// <summary>
/// The rupture's state comes from the stored series: an episode's close leaves an open rupture unrepaired (every way an
/// episode closes), a back-dated rating takes its place, and client and caregiver series never mix.
/// </summary>
public sealed class RuptureStateTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    readonly AllianceHttp http = new(app);
    static DateTimeOffset Week(int n) => Http.Monday.AddDays(7 * (n - 1));
    static string S(JsonNode? n) => n!.GetValue<string>();

    /// <summary>SRS 38, 38, 38, 35: a rupture open since the fourth rating.</summary>
    async Task<List<JsonNode>> OpenRuptureAsync(string clientId, int firstWeek = 1)
    {
        var a = new List<JsonNode>();
        foreach (var (t, k) in new[] { 38m, 38m, 38m, 35m }.Select((t, k) => (t, k)))
            a.Add(await http.PostAsync(clientId, "SRS", t, Week(firstWeek + k), k + 1));
        S(a[3]["feedback"]!["rupture"]!["state"]).ShouldBe("open");
        return a;
    }

    async Task ShouldBeUnrepairedByTheCloseAsync(string clientId, string episodeId, int ratingsSince = 0)
    {
        var progress = await http.GetAsync($"{ApiRoutes.ProgressOf(clientId, "SRS")}&episodeId={episodeId}");
        var rupture = progress["series"]![0]!["ruptures"]!.AsArray().ShouldHaveSingleItem()!;
        (S(rupture["state"]), S(rupture["endedBy"]), rupture["endedAdministrationId"], rupture["ratingsSince"]!.GetValue<int>())
            .ShouldBe(("unrepaired", "episode_closed", (JsonNode?)null, ratingsSince));
        var alert = (await http.AlertsAsync(clientId, "alliance_rupture")).ShouldHaveSingleItem();
        S(alert["status"]).ShouldBe("resolved");
        alert["resolvedAt"].ShouldNotBeNull();
        (await http.AlertsAsync(clientId, "rupture_unrepaired")).ShouldBeEmpty(); // the close says it in the reading, not in an alert
    }

    [Fact]
    public async Task Closing_the_episode_leaves_its_open_rupture_unrepaired_and_resolves_its_alert()
    {
        var a = await OpenRuptureAsync("rs-close");
        var episode = S(a[0]["episodeId"]);
        (await app.Ehr.PostAsync(ApiRoutes.CloseEpisodeOf("rs-close", episode), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeUnrepairedByTheCloseAsync("rs-close", episode);
        var chart = await (await app.Reader.GetAsync($"{ApiRoutes.ProgressOf("rs-close", "SRS").Replace("/progress?", "/progress.svg?")}&episodeId={episode}", Ct)).Content.ReadAsStringAsync(Ct);
        chart.ShouldContain("episode ended");
    }

    [Fact]
    public async Task A_late_rating_entered_into_a_closed_episode_raises_no_rupture_alert()
    {
        var a = await OpenRuptureAsync("rs-late");
        var episode = S(a[0]["episodeId"]);
        (await app.Ehr.PostAsync(ApiRoutes.CloseEpisodeOf("rs-late", episode), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var late = await http.PostAsync("rs-late", "SRS", 35.5m, Week(5), 5, episodeId: episode);
        S(late["feedback"]!["rupture"]!["state"]).ShouldBe("open"); // its place in the series
        AllianceHttp.Raised(late, AllianceHttp.V2).ShouldBeEmpty();
        await ShouldBeUnrepairedByTheCloseAsync("rs-late", episode, ratingsSince: 1);
    }

    [Fact]
    public async Task Opening_a_new_episode_closes_the_old_one_with_its_rupture_unrepaired()
    {
        var a = await OpenRuptureAsync("rs-new");
        (await app.Ehr.PostAsync(ApiRoutes.EpisodesOf("rs-new"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await ShouldBeUnrepairedByTheCloseAsync("rs-new", S(a[0]["episodeId"]));
    }

    [Fact]
    public async Task A_stale_episode_closed_by_the_next_administration_leaves_its_rupture_unrepaired()
    {
        var a = await OpenRuptureAsync("rs-stale");
        var next = await http.PostAsync("rs-stale", "SRS", 38m, Week(4).AddDays(120), 1); // 120 days later, default 90
        (next["episode"]!["opened"]!.GetValue<bool>(), S(next["episode"]!["reason"])).ShouldBe((true, "stale"));
        next["feedback"]!["rupture"].ShouldBeNull();
        await ShouldBeUnrepairedByTheCloseAsync("rs-stale", S(a[0]["episodeId"]));
    }

    [Fact]
    public async Task A_back_dated_rating_inside_an_open_rupture_counts_and_the_next_rating_ends_it()
    {
        var a = await OpenRuptureAsync("rs-back");                                   // weeks 1-4
        a.Add(await http.PostAsync("rs-back", "SRS", 35.5m, Week(6), 6));          // open, 1 since
        var late = await http.PostAsync("rs-back", "SRS", 35.2m, Week(5), 5);      // entered late, between them
        (S(late["feedback"]!["rupture"]!["state"]), late["feedback"]!["rupture"]!["ratingsSince"]!.GetValue<int>()).ShouldBe(("open", 1));
        AllianceHttp.Raised(late, AllianceHttp.V2).ShouldBeEmpty();
        var next = await http.PostAsync("rs-back", "SRS", 35.8m, Week(7), 7);      // the third since the onset, counting it
        (S(next["feedback"]!["rupture"]!["state"]), next["feedback"]!["rupture"]!["ratingsSince"]!.GetValue<int>()).ShouldBe(("unrepaired", 3));
        AllianceHttp.Raised(next, AllianceHttp.V2).ShouldBe([("rupture_unrepaired", "high")]);

        var points = (await http.GetAsync(ApiRoutes.ProgressOf("rs-back", "SRS")))["series"]![0]!["points"]!.AsArray();
        points.Select(p => p!["rupture"]?["ratingsSince"]?.GetValue<int>()).ShouldBe([null, null, null, 0, 1, 2, 3]);
    }

    [Fact]
    public async Task A_back_dated_rating_that_repairs_an_open_rupture_is_reflected_at_the_next_rating()
    {
        var a = await OpenRuptureAsync("rs-repair");
        a.Add(await http.PostAsync("rs-repair", "SRS", 35.5m, Week(6), 6));
        var late = await http.PostAsync("rs-repair", "SRS", 37.5m, Week(5), 5);    // 37.5 >= 37: repaired at its place
        S(late["feedback"]!["rupture"]!["state"]).ShouldBe("repaired");
        S((await http.AlertsAsync("rs-repair", "alliance_rupture")).ShouldHaveSingleItem()["status"]).ShouldBe("open"); // not the latest: no change
        // now 38, 38, 38, 35, 37.5, 35.5: at 35.5, B = median(38, 35, 37.5) = 37.5 and 35.5 <= 35.5, a second rupture
        var next = await http.PostAsync("rs-repair", "SRS", 36m, Week(7), 7);
        (S(next["feedback"]!["rupture"]!["state"]), S(next["feedback"]!["rupture"]!["sinceAdministrationId"])).ShouldBe(("open", S(a[4]["id"])));
        var alerts = await http.AlertsAsync("rs-repair", "alliance_rupture");
        alerts.Select(x => (S(x["administrationId"]), S(x["status"]))).ShouldBe([(S(a[3]["id"]), "resolved"), (S(next["id"]), "open")], ignoreOrder: true);
    }

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5];

    [Theory, MemberData(nameof(Seeds))]
    public async Task Client_and_caregiver_csrs_series_never_mix(int seed)
    {
        var random = new Random(seed);
        decimal Next() => Math.Round(30m + 10m * (decimal)random.NextDouble(), 1);
        var client = Enumerable.Range(0, 9).Select(_ => Next()).ToArray();
        var caregiver = Enumerable.Range(0, 9).Select(_ => Next()).ToArray();
        var order = Enumerable.Repeat("client", 9).Concat(Enumerable.Repeat("caregiver", 9)).OrderBy(_ => random.Next()).ToList();

        var mixed = $"mix-{seed}";
        int c = 0, g = 0;
        var readings = new Dictionary<string, List<string>> { ["client"] = [], ["caregiver"] = [] };
        for (var k = 0; k < order.Count; k++)
        {
            var rater = order[k];
            var total = rater == "client" ? client[c++] : caregiver[g++];
            readings[rater].Add(Reading(await http.PostAsync(mixed, "CSRS", total, Week(1).AddHours(k), null, rater)));
        }
        foreach (var (rater, totals) in new[] { ("client", client), ("caregiver", caregiver) })
        {
            var alone = new List<string>();
            for (var k = 0; k < totals.Length; k++)
                alone.Add(Reading(await http.PostAsync($"alone-{seed}-{rater}", "CSRS", totals[k], Week(1).AddHours(k), null, rater)));
            readings[rater].ShouldBe(alone, $"{rater} series, seed {seed}");
        }
    }

    /// <summary>What a rating says about its own series: previous score, rupture state, baseline, ratings since, reasons, and its alerts.</summary>
    static string Reading(JsonNode answer)
    {
        var r = answer["feedback"]!["rupture"];
        var f = answer["feedback"]!;
        var alerts = answer["alerts"]!.AsArray().Select(a => $"{S(a!["kind"])}/{S(a["priority"])}").Order();
        return $"{f["previousScore"]}:{r?["state"]}:{r?["baseline"]}:{r?["ratingsSince"]}:{f["reasons"]!.ToJsonString()}:{string.Join(",", alerts)}";
    }
}
