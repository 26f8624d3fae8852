namespace Feedback.Api.Tests.Features.Administrations;

/// <summary>
/// clinical.md v1.1: the section 7 vectors and the v1.1 rules through the real HTTP pipeline and a real database. Expected
/// values are the spec's, worked by hand in the comments.
/// </summary>
public sealed class RulesV11Vectors(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<JsonNode> PostAsync(string clientId, object body)
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), body, Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
        return await rsp.BodyAsync();
    }

    Task<JsonNode> PostAsync(string clientId, string instrument, decimal?[] items, DateTimeOffset at, int? session, string rater = "client") =>
        PostAsync(clientId, Http.Administration(instrument, items, at, session, rater));

    async Task<JsonNode> GetAsync(string url) => await (await app.Reader.GetAsync(url, Ct)).BodyAsync();

    static List<(string Kind, string Priority)> Alerts(JsonNode body) =>
        [.. body["alerts"]!.AsArray().Select(a => (a!["kind"]!.GetValue<string>(), a["priority"]!.GetValue<string>()))];

    static string S(JsonNode? node) => node!.GetValue<string>();
    static decimal D(JsonNode? node) => node!.GetValue<decimal>();

    [Fact]
    public async Task Ors_32_3_then_27_3_is_a_reliable_deterioration_and_off_track_with_two_high_alerts()
    {
        var intake = await PostAsync("v11-ors", "ORS", [8.1m, 8.1m, 8.1m, 8.0m], Http.Monday, 1);
        D(intake["score"]!["total"]).ShouldBe(32.3m);
        (intake["episode"]!["opened"]!.GetValue<bool>(), S(intake["episode"]!["reason"])).ShouldBe((true, "first"));
        S(intake["episode"]!["id"]).ShouldBe(S(intake["episodeId"]));

        var body = await PostAsync("v11-ors", "ORS", [6.8m, 6.8m, 6.8m, 6.9m], Http.Monday.AddDays(7), 2);
        D(body["score"]!["total"]).ShouldBe(27.3m);
        var f = body["feedback"]!;
        D(f["changeFromIntake"]).ShouldBe(-5.0m);
        S(f["reliableChange"]).ShouldBe("deteriorated");
        D(f["expected"]!["score"]).ShouldBe(32.3m); // intake above the adult target 28: expected stays at the intake
        D(f["deviation"]).ShouldBe(5.0m);
        S(f["status"]).ShouldBe("off_track");
        Alerts(body).ShouldBe([("off_track", "high"), ("reliable_deterioration", "high")], ignoreOrder: true);
        (S(body["model"]), S(body["rulesVersion"]), S(f["expected"]!["model"])).ShouldBe(("power-decay-v1.1", "alerts-v1.2", "power-decay-v1.1"));
        (body["episode"]!["opened"]!.GetValue<bool>(), body["episode"]!["reason"]).ShouldBe((false, null));
        body["alerts"]!.AsArray().ShouldAllBe(a => S(a!["rater"]) == "client" && S(a["rulesVersion"]) == "alerts-v1.2");
    }

    [Fact]
    public async Task Adult_ors_25_0_is_clinical_and_25_1_is_not()
    {
        var at25 = await PostAsync("v11-ors25", "ORS", [6.3m, 6.2m, 6.3m, 6.2m], Http.Monday, 1);
        (D(at25["score"]!["total"]), at25["score"]!["clinicalRange"]!.GetValue<bool>(), S(at25["score"]!["severity"])).ShouldBe((25.0m, true, "clinical"));
        var above = await PostAsync("v11-ors25b", "ORS", [6.3m, 6.3m, 6.3m, 6.2m], Http.Monday, 1);
        (D(above["score"]!["total"]), above["score"]!["clinicalRange"]!.GetValue<bool>()).ShouldBe((25.1m, false));
    }

    [Theory]
    [InlineData("CORS", "adult")] // CORS uses the child rules whatever the stored age group
    [InlineData("ORS", "child")]
    public async Task A_child_staying_at_27_is_at_risk_at_session_20(string code, string ageGroup)
    {
        var client = $"v11-child-{code}";
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(client), new { ageGroup }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var intake = await PostAsync(client, code, [7.0m, 7.0m, 7.0m, 6.0m], Http.Monday, 1);
        intake["score"]!["clinicalRange"]!.GetValue<bool>().ShouldBeTrue(); // 27 <= 32
        var body = await PostAsync(client, code, [7.0m, 7.0m, 7.0m, 6.0m], Http.Monday.AddDays(60), 20); // within 90 days: same episode
        // expected = 34.5 + (27 - 34.5) * 20^(-1/3) = 31.74; deviation 4.74: at risk (>= 2.5, < 5)
        var f = body["feedback"]!;
        (D(f["expected"]!["score"]), D(f["deviation"]), S(f["status"])).ShouldBe((31.7m, 4.7m, "at_risk"));
        // v1.2 (section 7): 27 is clinical and unchanged at t >= 8, so the at_risk alert is high and says why
        Alerts(body).ShouldBe([("at_risk", "high")]);
        body["alerts"]![0]!["reasons"]!.AsArray().Select(r => S(r)).ShouldBe(["no_change"]);
    }

    [Fact]
    public async Task Scored_oq45_and_core10_answers_are_reversed_once_and_stored_as_positions()
    {
        int[] reverse = [1, 12, 13, 20, 21, 24, 31, 37, 43];
        var scored = Enumerable.Range(1, 45).Select(i => (decimal?)(reverse.Contains(i) ? 4 : 0)).ToArray();
        var oq = await PostAsync("v11-conv", new { instrument = "OQ-45.2", administeredAt = Http.Monday, itemConvention = "scored", items = scored });
        D(oq["score"]!["total"]).ShouldBe(36);
        oq["items"]!.AsArray().ShouldAllBe(i => i!.GetValue<decimal>() == 0); // every answer "Never": position 0

        var core = await PostAsync("v11-conv", new { instrument = "CORE-10", administeredAt = Http.Monday, itemConvention = "scored", items = new[] { 1, 0, 0, 1, 1, 0, 1, 1, 1, 1 } });
        D(core["score"]!["total"]).ShouldBe(7);
        core["items"]!.AsArray().Select(i => i!.GetValue<int>()).ShouldBe([1, 4, 4, 1, 1, 0, 1, 1, 1, 1]);

        // the same answers sent as positions are the same administration
        var again = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("v11-conv"),
            new { instrument = "CORE-10", administeredAt = Http.Monday, items = new[] { 1, 4, 4, 1, 1, 0, 1, 1, 1, 1 } }, Ct);
        S((await again.ShouldBeProblemAsync(HttpStatusCode.Conflict))["existingId"]).ShouldBe(S(core["id"]));
    }

    [Fact]
    public async Task An_unknown_item_convention_is_a_400_naming_it()
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("v11-conv-bad"),
            new { instrument = "PHQ-9", administeredAt = Http.Monday, itemConvention = "reversed", items = new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0 } }, Ct);
        (await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["itemConvention"].ShouldNotBeNull();
    }

    // ORS adult, intake 20.0 at session 1: expected(4) = 28 - 8 * 4^(-1/3) = 22.96, so 17.9 is off track (5.06) with a
    // change of -2.1 (no reliable deterioration); expected(5) = 28 - 8 * 5^(-1/3) = 23.32, so 21.5 (1.82) is on track.
    [Fact]
    public async Task Trajectory_alerts_form_one_family_per_rater_and_only_the_latest_administration_resolves()
    {
        const string client = "v11-family";
        decimal?[] at20 = [5, 5, 5, 5], at17_9 = [4.5m, 4.5m, 4.5m, 4.4m], at17 = [4.3m, 4.3m, 4.2m, 4.2m], at22_5 = [5.7m, 5.6m, 5.6m, 5.6m];
        await PostAsync(client, "ORS", at20, Http.Monday, 1);
        await PostAsync(client, "ORS", at20, Http.Monday.AddHours(1), 1, "caregiver");
        var clientS4 = await PostAsync(client, "ORS", at17_9, Http.Monday.AddDays(21), 4);
        S(clientS4["feedback"]!["status"]).ShouldBe("off_track");
        var caregiverS4 = await PostAsync(client, "ORS", at17_9, Http.Monday.AddDays(21).AddHours(1), 4, "caregiver");
        S(caregiverS4["feedback"]!["status"]).ShouldBe("off_track");
        S(caregiverS4["alerts"]![0]!["message"]).ShouldStartWith("ORS (caregiver's rating) 17.9 at clinic session 4 is off track");

        async Task<List<JsonNode>> OpenTrajectoryAlerts() =>
            [.. (await GetAsync($"{ApiRoutes.AlertsPath}?clientId={client}&status=open&kind=off_track")).AsObject()["items"]!.AsArray().Select(a => a!)];
        (await OpenTrajectoryAlerts()).Select(a => S(a["rater"])).ShouldBe(["caregiver", "client"], ignoreOrder: true);

        // back-dated to session 3 and off track: its feedback says so, but it neither raises nor resolves a trajectory alert
        var backDated = await PostAsync(client, "ORS", at17, Http.Monday.AddDays(14), 3);
        S(backDated["feedback"]!["status"]).ShouldBe("off_track");
        Alerts(backDated).ShouldNotContain(a => a.Kind == "off_track" || a.Kind == "at_risk");
        var open = await OpenTrajectoryAlerts();
        open.Count.ShouldBe(2);
        open.Single(a => S(a["rater"]) == "client")["administrationId"]!.GetValue<string>().ShouldBe(S(clientS4["id"]));

        // back on track at session 5 (v1.2: improved by RCI/2 = 2.5, so not no_change): the client's family alert is
        // resolved by it; the caregiver's stays open
        var onTrack = await PostAsync(client, "ORS", at22_5, Http.Monday.AddDays(28), 5);
        S(onTrack["feedback"]!["status"]).ShouldBe("on_track");
        open = await OpenTrajectoryAlerts();
        open.ShouldHaveSingleItem()["rater"]!.GetValue<string>().ShouldBe("caregiver");
        var resolved = (await GetAsync($"{ApiRoutes.AlertsPath}?clientId={client}&status=resolved"))["items"]!.AsArray().ShouldHaveSingleItem()!;
        (S(resolved["administrationId"]), S(resolved["resolvedByAdministrationId"])).ShouldBe((S(clientS4["id"]), S(onTrack["id"])));
        resolved["resolvedAt"].ShouldNotBeNull();

        // acknowledging a resolved alert records who saw it and keeps it resolved
        var ack = await app.Reader.PostAsJsonAsync(ApiRoutes.AcknowledgeAlertOf(S(resolved["id"])), new { by = "clin-1" }, Ct);
        var acknowledged = await ack.BodyAsync();
        (S(acknowledged["status"]), S(acknowledged["acknowledgedBy"])).ShouldBe(("resolved", "clin-1"));
    }

    [Fact]
    public async Task A_new_trajectory_alert_replaces_the_familys_acknowledged_one()
    {
        const string client = "v11-replace";
        await PostAsync(client, "ORS", [5, 5, 5, 5], Http.Monday, 1);
        var s4 = await PostAsync(client, "ORS", [4.5m, 4.5m, 4.5m, 4.4m], Http.Monday.AddDays(21), 4); // off track (see above)
        var alertId = S(s4["alerts"]!.AsArray().Single(a => S(a!["kind"]) == "off_track")!["id"]);
        (await app.Reader.PostAsJsonAsync(ApiRoutes.AcknowledgeAlertOf(alertId), new { by = "clin-1" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // session 5 at 20.0: expected 23.32, deviation 3.32 -> at risk: the acknowledged off_track gives way to it
        var s5 = await PostAsync(client, "ORS", [5, 5, 5, 5], Http.Monday.AddDays(28), 5);
        Alerts(s5).ShouldBe([("at_risk", "normal")]);
        (await GetAsync($"{ApiRoutes.AlertsPath}?clientId={client}&status=open"))["items"]!.AsArray().Select(a => S(a!["kind"])).ShouldBe(["at_risk"]);
        (await GetAsync($"{ApiRoutes.AlertsPath}?clientId={client}&status=acknowledged"))["items"]!.AsArray().ShouldBeEmpty();
        var replaced = (await GetAsync($"{ApiRoutes.AlertsPath}?clientId={client}&status=resolved"))["items"]!.AsArray().ShouldHaveSingleItem()!;
        (S(replaced["id"]), S(replaced["resolvedByAdministrationId"]), S(replaced["acknowledgedBy"])).ShouldBe((alertId, S(s5["id"]), "clin-1"));
    }

    [Fact]
    public async Task The_intake_is_the_same_raters_even_when_another_raters_is_earlier()
    {
        // caregiver's PHQ-9 of 5 comes first; the client's intake is 20, and the client's 13 is measured against 20
        await PostAsync("v11-raters", "PHQ-9", [1, 1, 1, 1, 1, 0, 0, 0, 0], Http.Monday, 1, "caregiver");
        await PostAsync("v11-raters", "PHQ-9", [3, 3, 3, 3, 2, 2, 2, 2, 0], Http.Monday.AddHours(1), 1);
        var later = await PostAsync("v11-raters", "PHQ-9", [2, 2, 2, 2, 2, 2, 1, 0, 0], Http.Monday.AddDays(7), 2);
        (D(later["feedback"]!["intakeScore"]), D(later["feedback"]!["changeFromIntake"]), S(later["feedback"]!["reliableChange"]))
            .ShouldBe((20m, -7m, "improved"));
        var progress = await GetAsync(ApiRoutes.ProgressOf("v11-raters", "PHQ-9"));
        D(progress["intakeScore"]).ShouldBe(20);
    }

    [Fact]
    public async Task The_age_group_is_stored_with_each_administration_and_the_trajectory_keeps_the_intakes()
    {
        const string client = "v11-age";
        var intake = await PostAsync(client, "ORS", [7.0m, 7.0m, 7.0m, 6.0m], Http.Monday, 1); // 27.0, adult: not clinical (> 25)
        (S(intake["ageGroup"]), intake["score"]!["clinicalRange"]!.GetValue<bool>()).ShouldBe(("adult", false));
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(client), new { ageGroup = "child" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var later = await PostAsync(client, "ORS", [7.0m, 7.0m, 7.0m, 6.0m], Http.Monday.AddDays(60), 20);
        (S(later["ageGroup"]), later["score"]!["clinicalRange"]!.GetValue<bool>()).ShouldBe(("child", true)); // <= 32
        // the trajectory uses the intake's adult target 28: expected 27.63, deviation 0.63, on track
        (D(later["feedback"]!["expected"]!["score"]), S(later["feedback"]!["status"])).ShouldBe((27.6m, "on_track"));

        var readBack = await GetAsync(ApiRoutes.AdministrationOf(client, S(intake["id"])));
        (S(readBack["ageGroup"]), readBack["score"]!["clinicalRange"]!.GetValue<bool>()).ShouldBe(("adult", false));
        var progress = await GetAsync(ApiRoutes.ProgressOf(client, "ORS"));
        S(progress["ageGroup"]).ShouldBe("adult");
        progress["points"]!.AsArray().Select(p => S(p!["status"])).ShouldBe(["baseline", "on_track"]);
    }

    [Fact]
    public async Task A_client_back_after_147_days_starts_a_new_episode_at_baseline()
    {
        const string client = "v11-stale";
        var first = await PostAsync(client, "PHQ-9", [2, 2, 2, 2, 2, 2, 2, 2, 0], new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), 1);
        var back = await PostAsync(client, "PHQ-9", [2, 2, 2, 2, 2, 2, 2, 2, 0], new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero), 9);
        S(back["episodeId"]).ShouldNotBe(S(first["episodeId"]));
        (back["episode"]!["opened"]!.GetValue<bool>(), S(back["episode"]!["reason"])).ShouldBe((true, "stale"));
        S(back["feedback"]!["status"]).ShouldBe("baseline");
        var old = await GetAsync(ApiRoutes.EpisodeOf(client, S(first["episodeId"])));
        S(old["closedAt"]).ShouldBe("2026-01-05T09:00:00Z"); // closed at its latest administration
        S((await GetAsync(ApiRoutes.EpisodeOf(client, S(back["episodeId"]))))["openedAt"]).ShouldBe("2026-06-01T09:00:00Z");
    }

    [Fact]
    public async Task Exactly_90_days_later_is_the_same_episode_and_one_second_more_is_a_new_one()
    {
        const string client = "v11-stale-edge";
        var first = await PostAsync(client, "GAD-7", [1, 1, 1, 1, 1, 1, 1], Http.Monday, 1);
        var at90 = await PostAsync(client, "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 0], Http.Monday.AddDays(90), 2); // any instrument counts
        S(at90["episodeId"]).ShouldBe(S(first["episodeId"]));
        var justOver = await PostAsync(client, "GAD-7", [1, 1, 1, 1, 1, 1, 1], Http.Monday.AddDays(180).AddSeconds(1), 3);
        S(justOver["episode"]!["reason"]).ShouldBe("stale");
        // naming the episode bypasses the guard
        var named = await PostAsync(client, new { instrument = "GAD-7", administeredAt = Http.Monday.AddDays(300), episodeId = S(justOver["episodeId"]), items = new[] { 1, 1, 1, 1, 1, 1, 2 } });
        (S(named["episodeId"]), named["episode"]!["opened"]!.GetValue<bool>()).ShouldBe((S(justOver["episodeId"]), false));
    }

    [Fact]
    public async Task Srs_36_after_37_is_normal_and_32_after_37_is_high()
    {
        await PostAsync("v11-srs", "SRS", [9.3m, 9.2m, 9.3m, 9.2m], Http.Monday, 1); // 37.0
        var normal = await PostAsync("v11-srs", "SRS", [9, 9, 9, 9], Http.Monday.AddDays(7), 2);
        normal["feedback"]!["reasons"]!.AsArray().Select(r => S(r)).ShouldBe(["below_cutoff", "drop"]);
        Alerts(normal).ShouldBe([("alliance_concern", "normal")]);
        await PostAsync("v11-srs2", "SRS", [9.3m, 9.2m, 9.3m, 9.2m], Http.Monday, 1);
        // alliance-v2 adds early_alliance_risk here (mean of 37.0 and 32.0 is 34.5 <= 36); the concern is v1.1's vector
        Alerts(await PostAsync("v11-srs2", "SRS", [8, 8, 8, 8], Http.Monday.AddDays(7), 2)).Where(a => a.Kind == "alliance_concern").ShouldBe([("alliance_concern", "high")]);
    }

    [Fact]
    public async Task A_caregivers_srs_raises_a_concern_naming_the_rater()
    {
        var body = await PostAsync("v11-carer", "SRS", [8, 8, 8, 8], Http.Monday, 1, "caregiver");
        var alert = body["alerts"]!.AsArray().ShouldHaveSingleItem()!;
        (S(alert["kind"]), S(alert["rater"]), S(alert["message"])).ShouldBe(("alliance_concern", "caregiver",
            "SRS (caregiver's rating) 32.0 at clinic session 1: at or below 36; an item below 9. Talk about how the work together is going."));
    }

    [Fact]
    public async Task Who5_4_4_4_4_1_is_68_percent_with_a_wellbeing_low_item_on_item_5()
    {
        var body = await PostAsync("v11-who5", "WHO-5", [4, 4, 4, 4, 1], Http.Monday, 1);
        D(body["score"]!["total"]).ShouldBe(68);
        var alert = body["alerts"]!.AsArray().ShouldHaveSingleItem()!;
        (S(alert["kind"]), S(alert["priority"]), alert["item"]!.GetValue<int>()).ShouldBe(("wellbeing_low_item", "normal", 5));
    }

    [Fact]
    public async Task A_prorated_intake_is_reported_on_later_feedback()
    {
        await PostAsync("v11-prorate", new { instrument = "PHQ-9", administeredAt = Http.Monday, sessionNumber = 1, items = new int?[] { 2, 2, 2, 2, 2, 2, 2, null, 0 } });
        var later = await PostAsync("v11-prorate", "PHQ-9", [2, 2, 2, 2, 2, 2, 2, 2, 0], Http.Monday.AddDays(7), 2);
        later["feedback"]!["intakeProrated"]!.GetValue<bool>().ShouldBeTrue();
        (await GetAsync(ApiRoutes.ProgressOf("v11-prorate", "PHQ-9")))["intakeProrated"]!.GetValue<bool>().ShouldBeTrue();
    }
}
