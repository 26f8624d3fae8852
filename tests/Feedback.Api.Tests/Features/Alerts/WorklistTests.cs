namespace Feedback.Api.Tests.Features.Alerts;

public sealed class WorklistTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<JsonNode> PostAsync(string clientId, int?[] items, int day, int session)
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), Http.Phq9(items, Http.Monday.AddDays(day), session), Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await rsp.BodyAsync();
    }

    async Task<JsonArray> OpenAlertsAsync(string clientId) =>
        (await (await app.Reader.GetAsync($"{ApiRoutes.AlertsPath}?status=open&clientId={clientId}", Ct)).BodyAsync())["items"]!.AsArray();

    [Fact]
    public async Task The_off_track_alert_of_the_replay_is_listed_then_leaves_the_open_list_when_acknowledged()
    {
        await PostAsync("wl-1", [3, 3, 3, 3, 2, 2, 2, 2, 0], 0, 1);
        var off = await PostAsync("wl-1", [3, 3, 2, 2, 2, 2, 2, 2, 0], 49, 8);
        var alertId = off["alerts"]![0]!["id"]!.GetValue<string>();

        var open = await OpenAlertsAsync("wl-1");
        open.Select(a => a!["id"]!.GetValue<string>()).ShouldBe([alertId]);
        open[0]!["kind"]!.GetValue<string>().ShouldBe("off_track");

        var ack = await app.Reader.PostAsJsonAsync(ApiRoutes.AcknowledgeAlertOf(alertId), new { by = "clin-17", note = "discussed in session" }, Ct);
        var acknowledged = await ack.BodyAsync();
        acknowledged["status"]!.GetValue<string>().ShouldBe("acknowledged");
        acknowledged["acknowledgedBy"]!.GetValue<string>().ShouldBe("clin-17");
        (await OpenAlertsAsync("wl-1")).ShouldBeEmpty();

        var again = await (await app.Reader.PostAsJsonAsync(ApiRoutes.AcknowledgeAlertOf(alertId), new { by = "clin-99" }, Ct)).BodyAsync();
        again["acknowledgedBy"]!.GetValue<string>().ShouldBe("clin-17");
        again["acknowledgedAt"]!.GetValue<string>().ShouldBe(acknowledged["acknowledgedAt"]!.GetValue<string>());

        await (await app.OtherClinic.PostAsJsonAsync(ApiRoutes.AcknowledgeAlertOf(alertId), new { by = "x" }, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_off_track_alert_replaces_the_open_one_but_risk_alerts_stand()
    {
        await PostAsync("wl-2", [3, 3, 3, 2, 2, 2, 2, 2, 1], 0, 1);   // 20
        await PostAsync("wl-2", [3, 2, 2, 2, 2, 2, 2, 2, 1], 49, 8);  // 18: off track
        await PostAsync("wl-2", [3, 3, 2, 2, 2, 2, 2, 2, 1], 56, 9);  // 19: off track again
        var open = await OpenAlertsAsync("wl-2");
        open.Count(a => a!["kind"]!.GetValue<string>() == "off_track").ShouldBe(1);
        open.Count(a => a!["kind"]!.GetValue<string>() == "risk_item").ShouldBe(3);
        var any = (await (await app.Reader.GetAsync($"{ApiRoutes.AlertsPath}?status=resolved&clientId=wl-2", Ct)).BodyAsync())["items"]!.AsArray();
        any.ShouldHaveSingleItem()!["kind"]!.GetValue<string>().ShouldBe("off_track");
    }

    [Fact]
    public async Task The_worklist_is_urgent_first_then_newest_and_pages_without_gaps()
    {
        await PostAsync("wl-3", [0, 0, 0, 0, 0, 0, 0, 0, 1], 0, 1);   // high
        await PostAsync("wl-3", [0, 0, 0, 0, 0, 0, 0, 1, 3], 7, 2);   // urgent, and at risk (normal): 4 against a flat 1
        await PostAsync("wl-3", [0, 0, 0, 0, 0, 1, 1, 1, 1], 14, 3);  // high, newer; still at risk (4): replaces the older at_risk
        var seen = new List<JsonNode>();
        string? cursor = null;
        var pages = 0;
        do
        {
            (++pages).ShouldBeLessThanOrEqualTo(5, "the cursor must end");
            var url = $"{ApiRoutes.AlertsPath}?clientId=wl-3&limit=1" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await (await app.Reader.GetAsync(url, Ct)).BodyAsync();
            seen.AddRange(page["items"]!.AsArray().Select(a => a!.DeepClone()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        seen.Select(a => a["priority"]!.GetValue<string>()).ShouldBe(["urgent", "high", "high", "normal"]);
        var created = seen.Skip(1).Take(2).Select(a => a["createdAt"]!.GetValue<string>()).ToList();
        created.ShouldBe(created.OrderDescending().ToList());
    }

    [Fact]
    public async Task The_worklist_filters_by_kind_priority_and_clinician()
    {
        await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("wl-4"), new
        {
            instrument = "PHQ-9", administeredAt = Http.Monday, clinicianId = "clin-wl4", items = new[] { 0, 0, 0, 0, 0, 0, 0, 0, 3 },
        }, Ct);
        var mine = (await (await app.Reader.GetAsync($"{ApiRoutes.AlertsPath}?clinicianId=clin-wl4&kind=risk_item&priority=urgent", Ct)).BodyAsync())["items"]!.AsArray();
        mine.ShouldHaveSingleItem()!["clientId"]!.GetValue<string>().ShouldBe("wl-4");
        var none = (await (await app.Reader.GetAsync($"{ApiRoutes.AlertsPath}?clinicianId=clin-wl4&priority=normal", Ct)).BodyAsync())["items"]!.AsArray();
        none.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_submit_only_key_cannot_read_the_worklist()
    {
        await (await app.Tablet.GetAsync(ApiRoutes.AlertsPath, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
