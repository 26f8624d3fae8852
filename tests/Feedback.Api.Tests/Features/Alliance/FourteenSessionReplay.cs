namespace Feedback.Api.Tests.Features.Alliance;

/// <summary>
/// Two clients over 14 weekly sessions through HTTP, each with a rupture that is repaired and a later one that is not:
/// a PCOMS client (ORS at the start of each session, SRS at its end) and a client on PHQ-9 whose alliance is rated on
/// WAI-SR by the client and by the therapist (WAI-SR-T). Each session's alerts are checked against clinical.md section 9
/// worked by hand (comments), then the worklist, progress and chart. FEEDBACK_WRITE_CHARTS=dir saves the two charts
/// (scripts/render-alliance-chart.sh turns them into the PNG under docs/).
/// </summary>
public sealed class FourteenSessionReplay(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    readonly AllianceHttp http = new(app);
    static DateTimeOffset Session(int n, int minutes) => Http.Monday.AddDays(7 * (n - 1)).AddMinutes(minutes);
    static string S(JsonNode? n) => n!.GetValue<string>();

    static readonly string[] AllianceKinds = ["alliance_concern", "alliance_discrepancy", .. AllianceHttp.V2];

    static readonly decimal[] Ors = [18.0m, 19.5m, 21.0m, 22.0m, 22.5m, 22.0m, 23.5m, 25.0m, 26.0m, 26.5m, 26.0m, 27.0m, 27.5m, 28.0m];
    static readonly decimal[] Srs = [37.0m, 38.0m, 38.5m, 38.0m, 35.0m, 36.0m, 37.5m, 38.5m, 39.0m, 38.6m, 35.5m, 36.0m, 36.5m, 36.2m];

    // Session 5: B = median(38.0, 38.5, 38.0) = 38.0, 35.0 <= 36.0: rupture, and 35.0 is at or below 36 with items below 9.
    // 6: 36.0 < 37.0, open; 36.0 <= 36 is below the cut-off (items 9, 9, 9, 9: none below 9). 7: 37.5 >= 37.0, repaired.
    // 11: B = median(38.5, 39.0, 38.6) = 38.6, 35.5 <= 36.6: rupture, concern. 12: 36.0, open, concern. 13: 36.5, open.
    // 14: 36.2 < 37.6, the third rating without repair: unrepaired, high; 36.2 > 36 and no item below 9: no concern.
    // v1.2 (section 6): no alliance_concern beside a current rupture alert; the rupture alert carries the reasons.
    static readonly Dictionary<int, (string, string)[]> SrsAlerts = new()
    {
        [5] = [("alliance_rupture", "normal")],
        [11] = [("alliance_rupture", "normal")],
        [14] = [("rupture_unrepaired", "high")],
    };

    static readonly decimal[] Phq9 = [16, 15, 13, 12, 12, 13, 11, 10, 9, 8, 9, 8, 7, 7];
    static readonly decimal[] WaiClient = [48, 50, 52, 53, 52, 45, 48, 50, 54, 55, 48, 49, 50, 50];
    static readonly decimal[] WaiTherapist = [50, 51, 52, 52, 53, 53, 52, 53, 54, 54, 55, 55, 54, 55];

    // Client WAI-SR, session 6: B = median(52, 53, 52) = 52, 45 <= 47: rupture. 7: 48 < 49.5, open. 8: 50 >= 49.5, repaired.
    // 11: B = median(50, 54, 55) = 54, 48 <= 49: rupture. 12, 13: 49, 50 < 51.5, open. 14: 50, unrepaired, high.
    // Therapist, session 6: (53 - 45) / 48 = 0.167 >= 0.15 of the scale above the client: alliance_discrepancy on the
    // therapist's rating, the later of the two; session 11: 7 / 48 = 0.146, not. A therapist's series has no ruptures.
    static readonly Dictionary<int, (string, string)[]> WaiClientAlerts = new()
    {
        [6] = [("alliance_rupture", "normal")],
        [11] = [("alliance_rupture", "normal")],
        [14] = [("rupture_unrepaired", "high")],
    };
    static readonly Dictionary<int, (string, string)[]> WaiTherapistAlerts = new() { [6] = [("alliance_discrepancy", "normal")] };

    [Fact]
    public async Task Srs_client_and_wai_sr_client_and_therapist_show_the_right_alerts_at_the_right_sessions()
    {
        var srs = new List<JsonNode>();
        var waiClient = new List<JsonNode>();
        for (var n = 1; n <= 14; n++)
        {
            await http.PostAsync("replay-pcoms", "ORS", Ors[n - 1], Session(n, 0), n);
            var s = await http.PostAsync("replay-pcoms", "SRS", Srs[n - 1], Session(n, 50), n);
            AllianceHttp.Raised(s, AllianceKinds).ShouldBe(SrsAlerts.GetValueOrDefault(n, []), ignoreOrder: true, $"SRS session {n}");
            srs.Add(s);

            await http.PostAsync("replay-wai", "PHQ-9", Phq9[n - 1], Session(n, 0), n);
            var c = await http.PostAsync("replay-wai", "WAI-SR", WaiClient[n - 1], Session(n, 50), n);
            AllianceHttp.Raised(c, AllianceKinds).ShouldBe(WaiClientAlerts.GetValueOrDefault(n, []), ignoreOrder: true, $"WAI-SR client session {n}");
            waiClient.Add(c);
            var t = await http.PostAsync("replay-wai", "WAI-SR", WaiTherapist[n - 1], Session(n, 55), n, rater: "therapist");
            AllianceHttp.Raised(t, AllianceKinds).ShouldBe(WaiTherapistAlerts.GetValueOrDefault(n, []), ignoreOrder: true, $"WAI-SR therapist session {n}");
            t["feedback"]!["rupture"].ShouldBeNull();
        }

        await RupturesResolvedAsync("replay-pcoms", srs, repairedAt: 7, onsets: [5, 11]);
        await RupturesResolvedAsync("replay-wai", waiClient, repairedAt: 8, onsets: [6, 11]);
        var unrepaired = (await http.GetAsync($"{ApiRoutes.AlertsPath}?kind=rupture_unrepaired&limit=200"))["items"]!.AsArray();
        unrepaired.Select(a => (S(a!["clientId"]), S(a["instrument"]), S(a["rater"]), S(a["priority"]), S(a["administrationId"])))
            .ShouldBe([("replay-pcoms", "SRS", "client", "high", S(srs[13]["id"])), ("replay-wai", "WAI-SR", "client", "high", S(waiClient[13]["id"]))], ignoreOrder: true);

        var pcoms = await http.GetAsync(ApiRoutes.ProgressOf("replay-pcoms", "SRS"));
        Ruptures(pcoms, "client").ShouldBe([("repaired", "repaired", 5, (int?)7, 38.0m), ("unrepaired", "three_ratings_without_repair", 11, 14, 38.6m)]);
        var wai = await http.GetAsync(ApiRoutes.ProgressOf("replay-wai", "WAI-SR"));
        wai["series"]!.AsArray().Select(x => S(x!["rater"])).ShouldBe(["client", "therapist"]);
        Ruptures(wai, "client").ShouldBe([("repaired", "repaired", 6, (int?)8, 52m), ("unrepaired", "three_ratings_without_repair", 11, 14, 54m)]);
        Ruptures(wai, "therapist").ShouldBeEmpty();
        (wai["cutoff"]!["total"]!.GetValue<decimal>(), wai["cutoff"]!["itemMean"]!.GetValue<decimal>(), S(wai["cutoff"]!["rule"])).ShouldBe((42m, 3.5m, "below"));

        foreach (var (client, code) in new[] { ("replay-pcoms", "SRS"), ("replay-wai", "WAI-SR") })
        {
            var rsp = await app.Reader.GetAsync(ApiRoutes.ProgressOf(client, code).Replace("/progress?", "/progress.svg?"), Ct);
            rsp.StatusCode.ShouldBe(HttpStatusCode.OK);
            var svg = await rsp.Content.ReadAsStringAsync(Ct);
            svg.ShouldNotContain(client);
            svg.ShouldContain(">repaired</text>");
            svg.ShouldContain(">not repaired</text>"); // clinical.md section 10 item 16
            svg.Split("<polyline").Length.ShouldBe(code == "SRS" ? 2 : 3);
            if (Environment.GetEnvironmentVariable("FEEDBACK_WRITE_CHARTS") is { Length: > 0 } dir)
                await File.WriteAllTextAsync(Path.Combine(dir, $"alliance-{code.ToLowerInvariant()}.svg"), svg, Ct);
        }
    }

    async Task RupturesResolvedAsync(string clientId, List<JsonNode> ratings, int repairedAt, int[] onsets)
    {
        var ruptures = await http.AlertsAsync(clientId, "alliance_rupture");
        ruptures.Select(a => (S(a["administrationId"]), S(a["status"]), S(a["resolvedByAdministrationId"])))
            .ShouldBe([(S(ratings[onsets[0] - 1]["id"]), "resolved", S(ratings[repairedAt - 1]["id"])),
                       (S(ratings[onsets[1] - 1]["id"]), "resolved", S(ratings[13]["id"]))], ignoreOrder: true);
        (await http.AlertsAsync(clientId, "early_alliance_risk")).ShouldBeEmpty();
    }

    static List<(string, string, int, int?, decimal)> Ruptures(JsonNode progress, string rater) =>
        [.. progress["series"]!.AsArray().Single(x => S(x!["rater"]) == rater)!["ruptures"]!.AsArray().Select(u =>
            (S(u!["state"]), S(u["endedBy"]), u["sinceSession"]!.GetValue<int>(), u["endedSession"]?.GetValue<int>(), u["baseline"]!.GetValue<decimal>()))];
}
