using Feedback.Api.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>interop.md 2.1 over HTTP: endpoints, secrets shown once, rotation, test events, the delivery log and retry.</summary>
public sealed class ManagementTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<JsonNode> CreateAsync(object body)
    {
        var rsp = await app.Admin.PostAsJsonAsync(ApiRoutes.WebhookEndpointsPath, body, Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
        var created = await rsp.BodyAsync();
        rsp.Headers.Location!.ToString().ShouldBe(ApiRoutes.WebhookEndpointOf(created["id"]!.GetValue<string>()));
        return created;
    }

    async Task<JsonNode> LogAsync(string endpointId, string query = "") =>
        await (await app.Admin.GetAsync($"{ApiRoutes.WebhookEndpointOf(endpointId)}/deliveries{query}", Ct)).BodyAsync();

    async Task<JsonNode> WaitForLogAsync(string endpointId, Func<JsonNode, bool> done)
    {
        for (var i = 0; i < 400; i++)
        {
            var items = (await LogAsync(endpointId))["items"]!.AsArray();
            if (items.FirstOrDefault(d => done(d!)) is { } item) return item;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException((await LogAsync(endpointId)).ToJsonString());
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_a_test_event_arrives_signed_with_it()
    {
        var created = await CreateAsync(new { url = app.Receiver.Url("mgmt-test"), eventTypes = new[] { "alert.created" }, description = "EHR inbox" });
        var id = created["id"]!.GetValue<string>();
        var secret = created["secret"]!.GetValue<string>();
        secret.ShouldStartWith("whsec_");
        (created["minPriority"]!.GetValue<string>(), created["enabled"]!.GetValue<bool>(), created["disabledReason"]).ShouldBe(("normal", true, null));
        var read = await (await app.Admin.GetAsync(ApiRoutes.WebhookEndpointOf(id), Ct)).BodyAsync();
        read.ToJsonString().ShouldNotContain(secret["whsec_".Length..]);
        read["secret"].ShouldBeNull();
        (await (await app.Admin.GetAsync(ApiRoutes.WebhookEndpointsPath, Ct)).BodyAsync())["items"]!.ToJsonString().ShouldNotContain("whsec_");

        var test = await app.Admin.PostAsync($"{ApiRoutes.WebhookEndpointOf(id)}/test", null, Ct);
        test.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var accepted = await test.BodyAsync();
        var delivery = (await app.Receiver.WaitForAsync("mgmt-test", d => d.Count >= 1)).Single();
        delivery.Id.ShouldBe(accepted["messageId"]!.GetValue<string>());
        delivery.Signature.ShouldBe(WebhookSignature.Sign(secret, delivery.Id, long.Parse(delivery.Timestamp), delivery.Body));
        var body = JsonNode.Parse(delivery.Body)!;
        (body["type"]!.GetValue<string>(), body["data"]!["endpointId"]!.GetValue<string>(), body["data"]!["test"]!.GetValue<bool>())
            .ShouldBe(("webhook.test", id, true));
        var logged = await WaitForLogAsync(id, d => d["status"]!.GetValue<string>() == "succeeded");
        (logged["id"]!.GetValue<string>(), logged["attemptCount"]!.GetValue<int>(), logged["attempts"]![0]!["statusCode"]!.GetValue<int>())
            .ShouldBe((accepted["deliveryId"]!.GetValue<string>(), 1, 204));
        logged["payload"]!["type"]!.GetValue<string>().ShouldBe("webhook.test");
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_the_new_one_first_and_a_zero_grace_drops_the_old_one()
    {
        var created = await CreateAsync(new { url = app.Receiver.Url("mgmt-rotate"), eventTypes = new[] { "webhook.test" } });
        var (id, old) = (created["id"]!.GetValue<string>(), created["secret"]!.GetValue<string>());
        var rotated = await (await app.Admin.PostAsJsonAsync($"{ApiRoutes.WebhookEndpointOf(id)}/rotate-secret", new { graceHours = 24 }, Ct)).BodyAsync();
        var fresh = rotated["secret"]!.GetValue<string>();
        (DateTimeOffset.Parse(rotated["previousSecretExpiresAt"]!.GetValue<string>()) - app.Clock.GetUtcNow()).ShouldBeInRange(TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        await app.Admin.PostAsync($"{ApiRoutes.WebhookEndpointOf(id)}/test", null, Ct);
        var d = (await app.Receiver.WaitForAsync("mgmt-rotate", r => r.Count >= 1)).Single();
        d.Signature.Split(' ').ShouldBe([WebhookSignature.Sign(fresh, d.Id, long.Parse(d.Timestamp), d.Body), WebhookSignature.Sign(old, d.Id, long.Parse(d.Timestamp), d.Body)]);

        var again = (await (await app.Admin.PostAsJsonAsync($"{ApiRoutes.WebhookEndpointOf(id)}/rotate-secret", new { graceHours = 0 }, Ct)).BodyAsync())["secret"]!.GetValue<string>();
        await app.Admin.PostAsync($"{ApiRoutes.WebhookEndpointOf(id)}/test", null, Ct);
        var e = (await app.Receiver.WaitForAsync("mgmt-rotate", r => r.Count >= 2))[1];
        e.Signature.ShouldBe(WebhookSignature.Sign(again, e.Id, long.Parse(e.Timestamp), e.Body));
        await (await app.Admin.PostAsJsonAsync($"{ApiRoutes.WebhookEndpointOf(id)}/rotate-secret", new { graceHours = 169 }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Put_replaces_everything_disabling_refuses_tests_and_a_failed_delivery_retries_with_the_same_webhook_id()
    {
        var created = await CreateAsync(new { url = app.Receiver.Url("mgmt-put"), eventTypes = new[] { "webhook.test" }, description = "first", minPriority = "urgent" });
        var id = created["id"]!.GetValue<string>();
        app.Receiver.Answer("mgmt-put", (410, null));
        await app.Admin.PostAsync($"{ApiRoutes.WebhookEndpointOf(id)}/test", null, Ct);
        var failed = await WaitForLogAsync(id, d => d["status"]!.GetValue<string>() == "failed");
        var gone = await (await app.Admin.GetAsync(ApiRoutes.WebhookEndpointOf(id), Ct)).BodyAsync();
        (gone["enabled"]!.GetValue<bool>(), gone["disabledReason"]!.GetValue<string>()).ShouldBe((false, "gone"));
        await (await app.Admin.PostAsync($"{ApiRoutes.WebhookEndpointOf(id)}/test", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await app.Admin.PostAsync($"/v1/webhooks/deliveries/{failed["id"]!.GetValue<string>()}/retry", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        await (await app.Admin.PutAsJsonAsync(ApiRoutes.WebhookEndpointOf(id), new { url = app.Receiver.Url("mgmt-put") }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        // A full replacement: the omitted description and minPriority take their defaults; enabled (omitted: true) clears the reason.
        var put = await (await app.Admin.PutAsJsonAsync(ApiRoutes.WebhookEndpointOf(id), new { url = app.Receiver.Url("mgmt-put"), eventTypes = new[] { "webhook.test" } }, Ct)).BodyAsync();
        (put["description"], put["minPriority"]!.GetValue<string>(), put["enabled"]!.GetValue<bool>(), put["disabledReason"]).ShouldBe((null, "normal", true, null));
        var retry = await app.Admin.PostAsync($"/v1/webhooks/deliveries/{failed["id"]!.GetValue<string>()}/retry", null, Ct);
        retry.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var both = await app.Receiver.WaitForAsync("mgmt-put", r => r.Count >= 2);
        both[1].Id.ShouldBe(both[0].Id);
        await WaitForLogAsync(id, d => d["status"]!.GetValue<string>() == "succeeded");
        await (await app.Admin.PostAsync($"/v1/webhooks/deliveries/{failed["id"]!.GetValue<string>()}/retry", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await LogAsync(id, "?status=failed"))["items"]!.AsArray().ShouldBeEmpty();

        var disabled = await (await app.Admin.PutAsJsonAsync(ApiRoutes.WebhookEndpointOf(id), new { url = app.Receiver.Url("mgmt-put"), eventTypes = new[] { "webhook.test" }, enabled = false }, Ct)).BodyAsync();
        disabled["disabledReason"]!.GetValue<string>().ShouldBe("admin");
        (await app.Admin.DeleteAsync(ApiRoutes.WebhookEndpointOf(id), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await app.Admin.GetAsync(ApiRoutes.WebhookEndpointOf(id), Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_host_that_resolves_to_a_private_address_or_not_at_all_is_refused_at_create()
    {
        app.Names["intranet.clinic.example"] = [System.Net.IPAddress.Parse("10.0.0.5")];
        var refused = await (await app.Admin.PostAsJsonAsync(ApiRoutes.WebhookEndpointsPath, new { url = "https://intranet.clinic.example/hooks", eventTypes = new[] { "alert.created" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        refused["errors"]!["url"]![0]!.GetValue<string>().ShouldBe("Resolves to 10.0.0.5, a private address.");
        app.Names["nowhere.clinic.example"] = [];
        var unresolved = await (await app.Admin.PostAsJsonAsync(ApiRoutes.WebhookEndpointsPath, new { url = "https://nowhere.clinic.example/hooks", eventTypes = new[] { "alert.created" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        unresolved["errors"]!["url"]![0]!.GetValue<string>().ShouldBe("nowhere.clinic.example does not resolve.");
        foreach (var body in new object[]
        {
            new { url = "https://93.184.216.34/hooks" },
            new { url = "https://93.184.216.34/hooks", eventTypes = (string[]?)null },
            new { url = "https://93.184.216.34/hooks", eventTypes = Array.Empty<string>() },
            new { url = "https://93.184.216.34/hooks", eventTypes = new[] { "alert.created", "alert.created" } },
            new { url = "https://93.184.216.34/hooks", eventTypes = new[] { "alert.exploded" } },
            new { url = "https://93.184.216.34/hooks", eventTypes = new[] { "alert.created" }, minPriority = "low" },
            new { url = "https://93.184.216.34/hooks", eventTypes = new[] { "alert.created" }, description = new string('d', 201) },
        })
            await (await app.Admin.PostAsJsonAsync(ApiRoutes.WebhookEndpointsPath, body, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_gets_by_id_that_payloads_point_at_answer_the_alert_and_the_administration()
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("mgmt-href"), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 2], Http.Monday, 1), Ct);
        var body = await rsp.BodyAsync();
        var (administrationId, alertId) = (body["id"]!.GetValue<string>(), body["alerts"]![0]!["id"]!.GetValue<string>());
        var alert = await (await app.Reader.GetAsync(ApiRoutes.AlertOf(alertId), Ct)).BodyAsync();
        (alert["id"]!.GetValue<string>(), alert["clientId"]!.GetValue<string>()).ShouldBe((alertId, "mgmt-href"));
        var administration = await (await app.Reader.GetAsync(ApiRoutes.AdministrationByIdOf(administrationId), Ct)).BodyAsync();
        administration.ToJsonString().ShouldBe((await (await app.Reader.GetAsync(ApiRoutes.AdministrationOf("mgmt-href", administrationId), Ct)).BodyAsync()).ToJsonString());
        await (await app.Reader.GetAsync(ApiRoutes.AlertOf("01JD0000000000000000000000"), Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

/// <summary>interop.md 2.5 at create, outside Development: every blocked range (its first address as the URL's host), loopback included.</summary>
public sealed class TargetsAtCreateTests(App app) : IClassFixture<App>
{
    public static TheoryData<string> BlockedHosts => new()
    {
        "0.0.0.1", "10.0.0.0", "100.64.0.0", "127.0.0.1", "169.254.169.254", "172.16.0.0", "192.168.0.0", "224.0.0.1", "240.0.0.0",
        "[::]", "[::1]", "[fc00::]", "[fe80::]", "[ff00::]", "[::ffff:10.0.0.1]",
    };

    [Theory]
    [MemberData(nameof(BlockedHosts))]
    public async Task Every_blocked_range_is_refused_at_create_naming_the_url(string host)
    {
        var rsp = await app.Admin.PostAsJsonAsync(ApiRoutes.WebhookEndpointsPath, new { url = $"https://{host}/hooks", eventTypes = new[] { "alert.created" } },
            TestContext.Current.CancellationToken);
        var problem = await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["url"]![0]!.GetValue<string>().ShouldStartWith("Resolves to ");
    }

    [Theory]
    [InlineData("http://93.184.216.34/hooks", "Must be https.")]
    [InlineData("http://localhost:5300/hooks", "Must be https.")]
    [InlineData("https://user:secret@93.184.216.34/hooks", "Must not hold a user name or password.")]
    public async Task Only_https_without_userinfo_outside_development(string url, string message)
    {
        var rsp = await app.Admin.PostAsJsonAsync(ApiRoutes.WebhookEndpointsPath, new { url, eventTypes = new[] { "alert.created" } }, TestContext.Current.CancellationToken);
        (await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["url"]![0]!.GetValue<string>().ShouldBe(message);
    }

    [Fact]
    public async Task A_tenant_has_at_most_ten_endpoints()
    {
        var ct = TestContext.Current.CancellationToken;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
            statuses.Add((await app.OtherClinic.PostAsJsonAsync(ApiRoutes.WebhookEndpointsPath, new { url = $"https://93.184.216.34/hooks/{i}", eventTypes = new[] { "webhook.test" } }, ct)).StatusCode);
        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(10);
        statuses[^1].ShouldBe(HttpStatusCode.Conflict);
    }
}
