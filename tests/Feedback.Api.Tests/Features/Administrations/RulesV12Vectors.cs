namespace Feedback.Api.Tests.Features.Administrations;

/// <summary>
/// clinical.md v1.2 through the real HTTP pipeline and a real database: the client who does not change, one current
/// alert per family, messages by clinic session, early-alliance-v2 and support-v1. Expected values are the spec's.
/// </summary>
public sealed class RulesV12Vectors(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<JsonNode> PostAsync(string clientId, string instrument, decimal?[] items, DateTimeOffset at, int? session, string rater = "client")
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), Http.Administration(instrument, items, at, session, rater), Ct);
        var body = await rsp.BodyAsync();
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    async Task<JsonArray> AlertsAsync(string query) => (await (await app.Reader.GetAsync($"{ApiRoutes.AlertsPath}?{query}", Ct)).BodyAsync())["items"]!.AsArray();

    static string S(JsonNode? node) => node!.GetValue<string>();
    static JsonNode Trajectory(JsonNode body) => body["alerts"]!.AsArray().Single(a => S(a!["kind"]) is "no_change" or "at_risk" or "off_track")!;
    static IEnumerable<string> Codes(JsonNode alert) => alert["suggestions"]!.AsArray().Select(s => S(s!["code"]));

    static readonly decimal?[] Ors24 = [6m, 6m, 6m, 6m];

    [Fact]
    public async Task An_adult_ors_of_24_that_never_moves_is_not_improving_from_session_4_with_one_current_alert_at_a_time()
    {
        const string client = "v12-ors24";
        var statuses = new List<string>();
        for (var s = 1; s <= 8; s++)
        {
            var body = await PostAsync(client, "ORS", Ors24, Http.Monday.AddDays(7 * (s - 1)), s);
            statuses.Add(S(body["feedback"]!["status"]));
            (await AlertsAsync($"clientId={client}&status=open")).Count.ShouldBeLessThanOrEqualTo(1, $"session {s}");
            if (s < 4) continue;
            var alert = Trajectory(body);
            (S(alert["kind"]), S(alert["priority"])).ShouldBe(("no_change", s >= 8 ? "high" : "normal"));
            (alert["sessionNumber"]!.GetValue<int>(), alert["administrationOrdinal"]!.GetValue<int>()).ShouldBe((s, s));
            S(alert["message"]).ShouldStartWith($"ORS 24.0 at clinic session {s} is not improving: 24.0 at intake, a change of 0.0");
            S(alert["rulesVersion"]).ShouldBe("alerts-v1.2");
            S(alert["suggestionsVersion"]).ShouldBe("support-v1");
            // no alliance rating in the episode, no risk-screening instrument
            Codes(alert).ShouldBe(s >= 8
                ? ["ask_about_alliance", "review_plan", "check_motivation", "check_social_support", "consider_referral_or_medication_review"]
                : ["ask_about_alliance", "review_plan", "check_motivation", "check_social_support"]);
        }
        statuses.ShouldBe(["baseline", "on_track", "on_track", "no_change", "no_change", "no_change", "no_change", "no_change"]);
        S(Trajectory(await PostAsync(client, "ORS", Ors24, Http.Monday.AddDays(56), 9))["rulesVersion"]).ShouldBe("alerts-v1.2");
        // every one replaced by the next: four resolved, each by the following administration
        (await AlertsAsync($"clientId={client}&kind=no_change&status=resolved")).Count.ShouldBe(5);
        var progress = await (await app.Reader.GetAsync(ApiRoutes.ProgressOf(client, "ORS"), Ct)).BodyAsync();
        progress["points"]!.AsArray().Skip(3).ShouldAllBe(p => S(p!["status"]) == "no_change");
        // the alert reads back through its own route with the same fields
        var open = (await AlertsAsync($"clientId={client}&status=open")).ShouldHaveSingleItem()!;
        var read = await (await app.Reader.GetAsync(ApiRoutes.AlertOf(S(open["id"])), Ct)).BodyAsync();
        read.ToJsonString().ShouldBe(open.ToJsonString());
    }

    [Fact]
    public async Task Without_session_numbers_the_message_names_the_administration_by_its_place()
    {
        const string client = "v12-nosession";
        decimal?[] ten = [2, 2, 1, 1, 1, 1, 1, 1, 0]; // PHQ-9 10, item 9 = 0
        JsonNode? last = null;
        for (var k = 0; k < 4; k++) last = await PostAsync(client, "PHQ-9", ten, Http.Monday.AddDays(7 * k), null);
        var alert = Trajectory(last!);
        (S(alert["kind"]), alert["sessionNumber"], alert["administrationOrdinal"]!.GetValue<int>()).ShouldBe(("no_change", null, 4));
        S(alert["message"]).ShouldBe("PHQ-9 10 at administration 4 of this measure is not improving: 10 at intake, a change of 0 (half a reliable change is 3), still in the clinical range (at or above 10).");
        // PHQ-9 screens for risk, answered 0 recently: no safety check
        Codes(alert).First().ShouldBe("ask_about_alliance");
    }

    [Fact]
    public async Task A_self_harm_answer_at_session_2_puts_safety_first_while_it_is_among_the_three_latest_phq9s()
    {
        const string client = "v12-safety";
        decimal?[] twelve = [2, 2, 2, 2, 1, 1, 1, 1, 0], twelveWithItem9 = [2, 2, 2, 2, 1, 1, 1, 0, 1];
        await PostAsync(client, "PHQ-9", twelve, Http.Monday, 1);
        (await PostAsync(client, "PHQ-9", twelveWithItem9, Http.Monday.AddDays(7), 2))["alerts"]!.AsArray()
            .Select(a => S(a!["kind"])).ShouldBe(["risk_item"]);
        await PostAsync(client, "PHQ-9", twelve, Http.Monday.AddDays(14), 3);
        // PHQ-9 12 unchanged at t = 4 and 5: at risk (normal); the three latest at 4 are 2, 3, 4; at 5 they are 3, 4, 5
        Codes(Trajectory(await PostAsync(client, "PHQ-9", twelve, Http.Monday.AddDays(21), 4))).First().ShouldBe("safety_check");
        Codes(Trajectory(await PostAsync(client, "PHQ-9", twelve, Http.Monday.AddDays(28), 5))).ShouldNotContain("safety_check");
    }

    [Fact]
    public async Task Early_alliance_risk_escalates_at_an_ors_not_improving_at_session_4_and_not_at_an_ors_on_track_at_3()
    {
        const string client = "v12-early";
        await PostAsync(client, "ORS", [5m, 5m, 5m, 5m], Http.Monday, 1);
        await PostAsync(client, "SRS", [8.5m, 8.5m, 8.5m, 8.5m], Http.Monday.AddHours(1), 1); // 34.0
        var second = await PostAsync(client, "SRS", [8.8m, 8.8m, 8.7m, 8.7m], Http.Monday.AddDays(7), 2); // 35.0
        var early = second["alerts"]!.AsArray().Single(a => S(a!["kind"]) == "early_alliance_risk")!;
        (S(early["priority"]), S(early["rulesVersion"])).ShouldBe(("normal", "alliance-v2.1"));
        Codes(early).ShouldBe(["discuss_alliance"]);
        // ORS 21.0 at session 3: on track (deviation 1.5), nothing escalates
        var at3 = await PostAsync(client, "ORS", [5.3m, 5.3m, 5.2m, 5.2m], Http.Monday.AddDays(14), 3);
        S(at3["feedback"]!["status"]).ShouldBe("on_track");
        at3["alerts"]!.AsArray().ShouldBeEmpty();
        // ORS 21.0 at session 4: not improving, escalated on the ORS
        var at4 = await PostAsync(client, "ORS", [5.3m, 5.3m, 5.2m, 5.2m], Http.Monday.AddDays(21), 4);
        S(at4["feedback"]!["status"]).ShouldBe("no_change");
        var high = at4["alerts"]!.AsArray().Single(a => S(a!["kind"]) == "early_alliance_risk")!;
        (S(high["priority"]), S(high["message"])).ShouldBe(("high",
            "Early alliance risk with no early change: ORS 21.0 at clinic session 4 is not improving (20.0 at intake), after a weak alliance in the first sessions."));
        Codes(high).ShouldBe(["discuss_alliance", "review_plan", "check_motivation", "check_social_support"]);
        // the ORS no_change alert sees the alliance concern (the early risk is current): discuss_alliance first
        Codes(at4["alerts"]!.AsArray().Single(a => S(a!["kind"]) == "no_change")!).First().ShouldBe("discuss_alliance");
        (await AlertsAsync($"clientId={client}&kind=early_alliance_risk&status=open")).ShouldHaveSingleItem()!["priority"]!.GetValue<string>().ShouldBe("high");
    }

    [Fact]
    public async Task A_weekly_srs_of_35_keeps_one_current_concern_and_a_clean_rating_resolves_it()
    {
        const string client = "v12-concern";
        for (var week = 5; week <= 8; week++)
        {
            var body = await PostAsync(client, "SRS", [8.8m, 8.8m, 8.7m, 8.7m], Http.Monday.AddDays(7 * week), week);
            var concern = body["alerts"]!.AsArray().Single(a => S(a!["kind"]) == "alliance_concern")!;
            concern["reasons"]!.AsArray().Select(r => S(r)).ShouldBe(["below_cutoff", "item_below_9"]);
            concern["suggestions"].ShouldBeNull();
            (await AlertsAsync($"clientId={client}&kind=alliance_concern&status=open")).Count.ShouldBe(1);
        }
        var clean = await PostAsync(client, "SRS", [9.5m, 9.5m, 9.5m, 9.0m], Http.Monday.AddDays(63), 9);
        clean["alerts"]!.AsArray().ShouldBeEmpty();
        (await AlertsAsync($"clientId={client}&kind=alliance_concern&status=open")).ShouldBeEmpty();
        (await AlertsAsync($"clientId={client}&kind=alliance_concern&status=resolved")).Count.ShouldBe(4);
    }

    [Fact]
    public async Task Tasc_r_youth_and_therapist_on_the_same_visit_date_without_session_numbers_are_compared()
    {
        const string client = "v12-tasc";
        decimal?[] youth36 = [3, 2, 3, 3, 2, 3, 2, 2, 3, 3, 2, 3]; // scored 36
        decimal?[] therapist42 = [4, 2, 4, 4, 2, 4, 2, 2, 4, 4, 2, 3]; // scored 42: items 1, 3, 4, 6, 9, 10 one higher
        var youth = await PostAsync(client, "TASC-R", youth36, Http.Monday, null);
        youth["score"]!["total"]!.GetValue<decimal>().ShouldBe(36);
        var therapist = await PostAsync(client, "TASC-R", therapist42, Http.Monday.AddHours(2), null, "therapist");
        therapist["score"]!["total"]!.GetValue<decimal>().ShouldBe(42);
        var alert = therapist["alerts"]!.AsArray().ShouldHaveSingleItem()!;
        (S(alert["kind"]), S(alert["message"])).ShouldBe(("alliance_discrepancy", "TASC-R: the therapist's rating on the same visit date is 16.7% of the scale above the youth's."));
    }
}
