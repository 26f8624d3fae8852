namespace Feedback.Api.Tests.Features.Alliance;

/// <summary>
/// clinical.md section 9's vectors through the real HTTP pipeline and a real database file: what each 201 answers, what
/// the worklist holds after it, and what the progress route reads back. Expected values are the spec's.
/// </summary>
public sealed class SectionNineOverHttp(App app) : IClassFixture<App>
{
    readonly AllianceHttp http = new(app);
    static DateTimeOffset Week(int n) => Http.Monday.AddDays(7 * (n - 1));
    static string S(JsonNode? n) => n!.GetValue<string>();
    static decimal D(JsonNode? n) => n!.GetValue<decimal>();

    [Fact]
    public async Task Srs_38_38_5_38_35_37_5_ruptures_at_4_and_is_repaired_at_5()
    {
        var a = new List<JsonNode>();
        foreach (var (t, k) in new[] { 38.0m, 38.5m, 38.0m, 35.0m, 37.5m }.Select((t, k) => (t, k + 1)))
            a.Add(await http.PostAsync("s9-v1", "SRS", t, Week(k), k));
        a.Take(3).ShouldAllBe(x => x["feedback"]!["rupture"] == null && x["feedback"]!.AsObject().ContainsKey("rupture"));
        var onset = a[3]["feedback"]!["rupture"]!;
        (S(onset["state"]), D(onset["baseline"]), S(onset["sinceAdministrationId"]), onset["ratingsSince"]!.GetValue<int>())
            .ShouldBe(("open", 38.0m, S(a[3]["id"]), 0));
        AllianceHttp.Raised(a[3], AllianceHttp.V2).ShouldBe([("alliance_rupture", "normal")]);
        var repair = a[4]["feedback"]!["rupture"]!;
        (S(repair["state"]), D(repair["baseline"]), S(repair["sinceAdministrationId"]), repair["ratingsSince"]!.GetValue<int>())
            .ShouldBe(("repaired", 38.0m, S(a[3]["id"]), 1));
        AllianceHttp.Raised(a[4]).ShouldBeEmpty();
        a.ShouldAllBe(x => S(x["rulesVersion"]) == "alliance-v2.1");

        var rupture = (await http.AlertsAsync("s9-v1", "alliance_rupture")).ShouldHaveSingleItem();
        (S(rupture["status"]), S(rupture["administrationId"]), S(rupture["resolvedByAdministrationId"]), S(rupture["rulesVersion"]))
            .ShouldBe(("resolved", S(a[3]["id"]), S(a[4]["id"]), "alliance-v2.1"));
        (await http.AlertsAsync("s9-v1", "rupture_unrepaired")).ShouldBeEmpty();

        var progress = await http.GetAsync(ApiRoutes.ProgressOf("s9-v1", "SRS"));
        var summary = progress["series"]![0]!["ruptures"]!.AsArray().ShouldHaveSingleItem()!;
        (S(summary["state"]), S(summary["endedBy"]), D(summary["baseline"]), D(summary["repairAt"]), summary["sinceSession"]!.GetValue<int>(), summary["endedSession"]!.GetValue<int>())
            .ShouldBe(("repaired", "repaired", 38.0m, 37.0m, 4, 5));
    }

    [Fact]
    public async Task Srs_38_38_38_35_35_5_36_35_is_open_at_5_and_6_and_unrepaired_high_at_7()
    {
        var a = new List<JsonNode>();
        foreach (var (t, k) in new[] { 38m, 38m, 38m, 35m, 35.5m, 36m, 35m }.Select((t, k) => (t, k + 1)))
            a.Add(await http.PostAsync("s9-v2", "SRS", t, Week(k), k));
        foreach (var (k, since) in new[] { (4, 1), (5, 2) })
            (S(a[k]["feedback"]!["rupture"]!["state"]), a[k]["feedback"]!["rupture"]!["ratingsSince"]!.GetValue<int>()).ShouldBe(("open", since));
        AllianceHttp.Raised(a[4], AllianceHttp.V2).ShouldBeEmpty();
        AllianceHttp.Raised(a[5], AllianceHttp.V2).ShouldBeEmpty();
        (S(a[6]["feedback"]!["rupture"]!["state"]), a[6]["feedback"]!["rupture"]!["ratingsSince"]!.GetValue<int>()).ShouldBe(("unrepaired", 3));
        AllianceHttp.Raised(a[6], AllianceHttp.V2).ShouldBe([("rupture_unrepaired", "high")]);

        var open = await http.GetAsync($"{ApiRoutes.AlertsPath}?clientId=s9-v2&kind=rupture_unrepaired");
        S(open["items"]!.AsArray().ShouldHaveSingleItem()!["administrationId"]).ShouldBe(S(a[6]["id"]));
        (await http.GetAsync($"{ApiRoutes.AlertsPath}?clientId=s9-v2&kind=alliance_rupture"))["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Wai_sr_52_54_53_46_47_51_ruptures_at_4_and_is_repaired_at_6()
    {
        var a = new List<JsonNode>();
        foreach (var (t, k) in new[] { 52m, 54m, 53m, 46m, 47m, 51m }.Select((t, k) => (t, k + 1)))
            a.Add(await http.PostAsync("s9-v3", "WAI-SR", t, Week(k), k));
        (S(a[3]["feedback"]!["rupture"]!["state"]), D(a[3]["feedback"]!["rupture"]!["baseline"])).ShouldBe(("open", 53m));
        AllianceHttp.Raised(a[3], AllianceHttp.V2).ShouldBe([("alliance_rupture", "normal")]);
        S(a[4]["feedback"]!["rupture"]!["state"]).ShouldBe("open");
        (S(a[5]["feedback"]!["rupture"]!["state"]), a[5]["feedback"]!["rupture"]!["ratingsSince"]!.GetValue<int>()).ShouldBe(("repaired", 2));
        S((await http.AlertsAsync("s9-v3", "alliance_rupture")).ShouldHaveSingleItem()["resolvedByAdministrationId"]).ShouldBe(S(a[5]["id"]));
    }

    [Fact]
    public async Task Srs_34_then_35_is_an_early_risk_at_session_2_not_escalated_by_an_ors_on_track_at_3_but_by_one_not_improving_at_4()
    {
        await http.PostAsync("s9-v4", "ORS", 20.0m, Week(1), 1);
        AllianceHttp.Raised(await http.PostAsync("s9-v4", "SRS", 34.0m, Week(1).AddMinutes(50), 1), AllianceHttp.V2).ShouldBeEmpty();
        await http.PostAsync("s9-v4", "ORS", 20.4m, Week(2), 2);
        var second = await http.PostAsync("s9-v4", "SRS", 35.0m, Week(2).AddMinutes(50), 2);
        AllianceHttp.Raised(second, AllianceHttp.V2).ShouldBe([("early_alliance_risk", "normal")]);
        // v1.2: ORS 21.0 at t = 3 is on track (deviation 1.45): "not reliably improved" alone no longer escalates
        var at3 = await http.PostAsync("s9-v4", "ORS", 21.0m, Week(3), 3);
        (S(at3["feedback"]!["reliableChange"]), S(at3["feedback"]!["status"])).ShouldBe(("unchanged", "on_track"));
        AllianceHttp.Raised(at3, AllianceHttp.V2).ShouldBeEmpty();
        var ors = await http.PostAsync("s9-v4", "ORS", 21.0m, Week(4), 4);
        S(ors["feedback"]!["status"]).ShouldBe("no_change");
        AllianceHttp.Raised(ors, AllianceHttp.V2).ShouldBe([("early_alliance_risk", "high")]);
        S(ors["rulesVersion"]).ShouldBe("alerts-v1.2");
        S(ors["alerts"]!.AsArray().Single(x => S(x!["kind"]) == "early_alliance_risk")!["rulesVersion"]).ShouldBe("alliance-v2.1");

        var early = await http.AlertsAsync("s9-v4", "early_alliance_risk");
        early.Select(x => (S(x["priority"]), S(x["status"]))).ShouldBe([("high", "open"), ("normal", "resolved")], ignoreOrder: true);
        S(early.Single(x => S(x["priority"]) == "normal")["resolvedByAdministrationId"]).ShouldBe(S(ors["id"]));
        // the worklist filters and orders the new kinds like the others: high before normal
        var open = (await http.GetAsync($"{ApiRoutes.AlertsPath}?clientId=s9-v4&kind=early_alliance_risk"))["items"]!.AsArray();
        S(open.ShouldHaveSingleItem()!["priority"]).ShouldBe("high");
    }

    [Fact]
    public async Task Srs_38_then_35_has_a_mean_of_36_5_and_no_early_risk()
    {
        await http.PostAsync("s9-v5", "SRS", 38.0m, Week(1), 1);
        AllianceHttp.Raised(await http.PostAsync("s9-v5", "SRS", 35.0m, Week(2), 2), AllianceHttp.V2).ShouldBeEmpty();
        (await http.AlertsAsync("s9-v5", "early_alliance_risk")).ShouldBeEmpty();
    }
}
