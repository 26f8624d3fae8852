using System.Text;
using Feedback.Api.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>
/// interop.md 2.3-2.5 end to end: a submission's events reach a real HTTPS receiver on loopback, signed as Standard
/// Webhooks; failures are retried on the schedule (a shiftable clock), 410 disables the endpoint, a blocked address is
/// refused at delivery, and a refused submission queues nothing.
/// </summary>
public sealed class DeliveryTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<JsonNode> SubmitAsync(string clientId, int item9, int day = 0)
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, item9], Http.Monday.AddDays(day), 1 + day), Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
        return await rsp.BodyAsync();
    }

    async Task<List<JsonNode>> DeliveryLogAsync(string endpointId)
    {
        var db = app.Services.GetRequiredService<Feedback.Data.Connections.Database>();
        await using var s = await db.ReadAsync(Ct);
        await using var cmd = s.Connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT event_type, status, attempt_count, next_attempt_at, last_status_code, last_error, message_id,
                   (SELECT MAX(at) FROM webhook_attempts a WHERE a.delivery_id = d.id)
            FROM webhook_deliveries d WHERE endpoint_id = '{endpointId}' ORDER BY id
            """;
        var rows = new List<JsonNode>();
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
            rows.Add(new JsonObject
            {
                ["type"] = reader.GetString(0), ["status"] = reader.GetString(1), ["attempts"] = reader.GetInt64(2), ["next"] = reader.GetString(3),
                ["code"] = reader.IsDBNull(4) ? null : reader.GetInt64(4), ["error"] = reader.IsDBNull(5) ? null : reader.GetString(5), ["id"] = reader.GetString(6),
                ["lastAt"] = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        return rows;
    }

    [Fact]
    public async Task An_at_risk_alert_carries_its_support_v1_suggestion_codes_and_stays_thin()
    {
        var (endpoint, _) = await app.NewEndpointAsync(app.Receiver.Url("suggestions"));
        int?[] twelve = [2, 2, 2, 2, 1, 1, 1, 1, 0];
        foreach (var session in new[] { 1, 4 }) // PHQ-9 12 unchanged at t = 4: at risk, normal; no alliance rating in the episode
            (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("wh-support"), Http.Phq9(twelve, Http.Monday.AddDays(7 * session), session), Ct))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        var received = await app.Receiver.WaitForAsync("suggestions", d => d.Any(x => x.Body.Contains("alert.created")));
        var created = received.Single(d => d.Body.Contains("alert.created"));
        Encoding.UTF8.GetByteCount(created.Body).ShouldBeLessThan(1024);
        var data = JsonNode.Parse(created.Body)!["data"]!;
        data.AsObject().Select(p => p.Key).ShouldBe(["alertId", "kind", "priority", "instrument", "rulesVersion", "imported", "suggestions", "suggestionsVersion", "href"]);
        (data["kind"]!.GetValue<string>(), data["suggestionsVersion"]!.GetValue<string>()).ShouldBe(("at_risk", "support-v1"));
        data["suggestions"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["ask_about_alliance", "review_plan", "check_motivation", "check_social_support"]);
        created.Body.ShouldNotContain("Review the plan"); // codes only: the texts are behind href
        endpoint.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_urgent_risk_alert_reaches_the_receiver_signed_with_thin_payloads()
    {
        var (endpoint, secret) = await app.NewEndpointAsync(app.Receiver.Url("signed"));
        var body = await SubmitAsync("wh-signed-1", item9: 3);
        var alertId = body["alerts"]![0]!["id"]!.GetValue<string>();
        var received = await app.Receiver.WaitForAsync("signed", d => d.Count >= 2);
        received.Select(d => JsonNode.Parse(d.Body)!["type"]!.GetValue<string>()).ShouldBe(["administration.created", "alert.created"], ignoreOrder: true);
        foreach (var d in received)
        {
            d.Id.ShouldStartWith("msg_");
            d.UserAgent.ShouldBe("Feedback-Webhooks/1");
            d.ContentType.ShouldStartWith("application/json");
            d.Signature.ShouldBe(WebhookSignature.Sign(secret, d.Id, long.Parse(d.Timestamp), d.Body));
            Math.Abs(long.Parse(d.Timestamp) - app.Clock.GetUtcNow().ToUnixTimeSeconds()).ShouldBeLessThan(60);
            d.Body.ShouldNotContain("wh-signed-1"); // never the client id (interop.md 2.2)
            Encoding.UTF8.GetByteCount(d.Body).ShouldBeLessThan(1024);
        }
        var alert = JsonNode.Parse(received.Single(d => d.Body.Contains("alert.created")).Body)!["data"]!;
        (alert["alertId"]!.GetValue<string>(), alert["kind"]!.GetValue<string>(), alert["priority"]!.GetValue<string>(), alert["href"]!.GetValue<string>())
            .ShouldBe((alertId, "risk_item", "urgent", $"/v1/alerts/{alertId}"));
        alert.AsObject().Select(p => p.Key).ShouldBe(["alertId", "kind", "priority", "instrument", "rulesVersion", "imported", "href"]);
        // The receiver has answered; the worker records the answer just after (a CI run read "delivering" in between).
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var log = await DeliveryLogAsync(endpoint);
        while (log.Any(r => r["status"]!.GetValue<string>() == "delivering") && DateTime.UtcNow < until)
        {
            await Task.Delay(50, Ct);
            log = await DeliveryLogAsync(endpoint);
        }
        log.ShouldAllBe(r => r["status"]!.GetValue<string>() == "succeeded");
    }

    [Fact]
    public async Task A_failure_is_retried_on_the_schedule_with_the_same_webhook_id()
    {
        var (endpoint, _) = await app.NewEndpointAsync(app.Receiver.Url("retry"), "administration.created");
        app.Receiver.Answer("retry", (500, null), (503, "120"));
        await SubmitAsync("wh-retry-1", item9: 0);
        var first = (await app.Receiver.WaitForAsync("retry", d => d.Count >= 1)).Single();
        // Attempt 2 is due 5 s (+/-10 %) after the first failed (the clock reads real time plus what the test adds).
        var pending = await WaitForLogAsync(endpoint, r => r["status"]!.GetValue<string>() == "pending" && r["attempts"]!.GetValue<long>() == 1);
        var due = DateTimeOffset.Parse(pending["next"]!.GetValue<string>());
        (due - DateTimeOffset.Parse(pending["lastAt"]!.GetValue<string>())).ShouldBeInRange(TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(5.5));
        app.Receiver.Received.Count(d => d.Path == "retry").ShouldBe(1);
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        var second = await app.Receiver.WaitForAsync("retry", d => d.Count >= 2);
        second[1].Id.ShouldBe(first.Id);
        // The 503 asked for 120 s; the schedule's next delay (5 min +/- 10 %) is longer, so the schedule wins.
        var log = await WaitForLogAsync(endpoint, r => r["attempts"]!.GetValue<long>() == 2 && r["status"]!.GetValue<string>() == "pending");
        (DateTimeOffset.Parse(log["next"]!.GetValue<string>()) - DateTimeOffset.Parse(log["lastAt"]!.GetValue<string>()))
            .ShouldBeInRange(TimeSpan.FromMinutes(4.5), TimeSpan.FromMinutes(5.5));
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_schedule_wins()
    {
        var (endpoint, _) = await app.NewEndpointAsync(app.Receiver.Url("retry-after"), "administration.created");
        app.Receiver.Answer("retry-after", (429, "3600"));
        await SubmitAsync("wh-retry-after-1", item9: 0);
        var log = await WaitForLogAsync(endpoint, r => r["status"]!.GetValue<string>() == "pending" && r["attempts"]!.GetValue<long>() == 1);
        (DateTimeOffset.Parse(log["next"]!.GetValue<string>()) - DateTimeOffset.Parse(log["lastAt"]!.GetValue<string>())).ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_as_gone()
    {
        var (endpoint, _) = await app.NewEndpointAsync(app.Receiver.Url("gone"), "administration.created");
        app.Receiver.Answer("gone", (410, null));
        await SubmitAsync("wh-gone-1", item9: 0);
        var log = await WaitForLogAsync(endpoint, r => r["status"]!.GetValue<string>() == "failed");
        log["code"]!.GetValue<long>().ShouldBe(410);
        var db = app.Services.GetRequiredService<Feedback.Data.Connections.Database>();
        await using var s = await db.ReadAsync(Ct);
        await using var cmd = s.Connection.CreateCommand();
        cmd.CommandText = $"SELECT enabled, disabled_reason FROM webhook_endpoints WHERE id = '{endpoint}'";
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        (await reader.ReadAsync(Ct)).ShouldBeTrue();
        (reader.GetInt64(0), reader.GetString(1)).ShouldBe((0L, "gone"));
        var entries = (await (await app.Admin.GetAsync(ApiRoutes.AuditLogPath + "?limit=200", Ct)).BodyAsync())["items"]!.AsArray();
        entries.ShouldContain(e => e!["method"]!.GetValue<string>() == "DISABLE" && e["resourceId"]!.GetValue<string>() == endpoint && e["status"]!.GetValue<int>() == 410);
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_private_address_is_refused_at_delivery()
    {
        app.Names["hooks.clinic.example"] = [System.Net.IPAddress.Parse("10.0.0.5")];
        var (endpoint, _) = await app.NewEndpointAsync("https://hooks.clinic.example/hooks/private", "administration.created");
        await SubmitAsync("wh-private-1", item9: 0);
        var log = await WaitForLogAsync(endpoint, r => r["attempts"]!.GetValue<long>() >= 1 && r["status"]!.GetValue<string>() == "pending");
        log["error"]!.GetValue<string>().ShouldStartWith("blocked_address: Resolves to 10.0.0.5, a private address.");
        log["code"].ShouldBeNull();
    }

    [Fact]
    public async Task A_refused_submission_queues_nothing()
    {
        var (endpoint, _) = await app.NewEndpointAsync(app.Receiver.Url("refused"));
        await SubmitAsync("wh-refused-1", item9: 0, day: 3);
        await WaitForLogAsync(endpoint, r => r["status"]!.GetValue<string>() == "succeeded");
        var before = (await DeliveryLogAsync(endpoint)).Count;
        var duplicate = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("wh-refused-1"), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 0], Http.Monday.AddDays(3), 4), Ct);
        await duplicate.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var invalid = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("wh-refused-1"), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 9], Http.Monday.AddDays(4), 5), Ct);
        await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await DeliveryLogAsync(endpoint)).Count.ShouldBe(before);
    }

    async Task<JsonNode> WaitForLogAsync(string endpointId, Func<JsonNode, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < until)
        {
            var rows = await DeliveryLogAsync(endpointId);
            if (rows.FirstOrDefault(done) is { } row) return row;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException(string.Join("\n", (await DeliveryLogAsync(endpointId)).Select(r => r.ToJsonString())));
    }
}
