using System.Security.Cryptography;
using Feedback.Api.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>
/// docs/security.md, a secret stored under another key (a database brought from another deployment): the start-up
/// check names the endpoint, the tenant sees it on GET, every attempt is a recorded failure `secret_unreadable` (not an
/// exception each minute), and rotating the secret delivers what waited.
/// </summary>
public sealed class SecretUnreadableTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_secret_under_another_key_is_named_at_start_up_fails_attempts_visibly_and_rotation_fixes_it()
    {
        var created = await (await app.Admin.PostAsJsonAsync(ApiRoutes.WebhookEndpointsPath,
            new { url = app.Receiver.Url("unreadable"), eventTypes = new[] { "webhook.test" } }, Ct)).BodyAsync();
        var id = created["id"]!.GetValue<string>();
        created["secretReadable"]!.GetValue<bool>().ShouldBeTrue();
        var otherKey = new SecretProtector(RandomNumberGenerator.GetBytes(32));
        var db = app.Services.GetRequiredService<Feedback.Data.Connections.Database>();
        await using (var s = await db.BeginAsync(Ct))
        {
            await using var cmd = s.Connection.CreateCommand();
            cmd.CommandText = $"UPDATE webhook_endpoints SET secret = '{otherKey.Protect(WebhookSignature.NewSecret())}' WHERE id = '{id}'";
            (await cmd.ExecuteNonQueryAsync(Ct)).ShouldBe(1);
            await s.CommitAsync(Ct);
        }

        // A restart over this database: the start-up check names the endpoint (its id only) and the service runs.
        await using (var restarted = new WebhookApp(app.Folder))
        {
            _ = restarted.Services;
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (!LogCapture.Lines.Any(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(id) && l.Contains("secret_unreadable")) && DateTime.UtcNow < until)
                await Task.Delay(50, Ct);
            LogCapture.Lines.ShouldContain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(id) && l.Contains("secret_unreadable"));
            (await restarted.CreateClient().GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var shown = await (await app.Admin.GetAsync(ApiRoutes.WebhookEndpointOf(id), Ct)).BodyAsync();
        (shown["enabled"]!.GetValue<bool>(), shown["secretReadable"]!.GetValue<bool>()).ShouldBe((true, false));
        var listed = (await (await app.Admin.GetAsync(ApiRoutes.WebhookEndpointsPath, Ct)).BodyAsync())["items"]!.AsArray();
        listed.Single(e => e!["id"]!.GetValue<string>() == id)!["secretReadable"]!.GetValue<bool>().ShouldBeFalse();

        var test = await (await app.Admin.PostAsync($"{ApiRoutes.WebhookEndpointOf(id)}/test", null, Ct)).BodyAsync();
        var failed = await DeliveryAsync(id, d => d["attempts"]!.AsArray().Count >= 1);
        // Retried on the schedule, not failed for good: pending, or delivering again when a loaded machine let its 5 s pass.
        failed["status"]!.GetValue<string>().ShouldBeOneOf("pending", "delivering");
        failed["attempts"]![0]!["error"]!.GetValue<string>().ShouldBe("secret_unreadable");
        app.Receiver.Received.ShouldNotContain(d => d.Path == "unreadable");

        var rotated = await (await app.Admin.PostAsJsonAsync($"{ApiRoutes.WebhookEndpointOf(id)}/rotate-secret", new { graceHours = 24 }, Ct)).BodyAsync();
        var fresh = rotated["secret"]!.GetValue<string>();
        DateTimeOffset.Parse(rotated["previousSecretExpiresAt"]!.GetValue<string>()).ShouldBeLessThanOrEqualTo(app.Clock.GetUtcNow()); // nothing to keep
        (await (await app.Admin.GetAsync(ApiRoutes.WebhookEndpointOf(id), Ct)).BodyAsync())["secretReadable"]!.GetValue<bool>().ShouldBeTrue();
        app.Clock.Advance(TimeSpan.FromSeconds(6)); // the second attempt is due 5 s (+/-10 %) after the first
        var delivered = (await app.Receiver.WaitForAsync("unreadable", d => d.Count >= 1)).Single();
        delivered.Id.ShouldBe(test["messageId"]!.GetValue<string>());
        delivered.Signature.ShouldBe(WebhookSignature.Sign(fresh, delivered.Id, long.Parse(delivered.Timestamp), delivered.Body));
        var done = await DeliveryAsync(id, d => d["status"]!.GetValue<string>() == "succeeded");
        var errors = done["attempts"]!.AsArray().Select(a => a!["error"]?.GetValue<string>()).ToList();
        errors[^1].ShouldBeNull();
        errors.SkipLast(1).ShouldAllBe(e => e == "secret_unreadable");
        errors.Count.ShouldBeGreaterThanOrEqualTo(2);
    }

    async Task<JsonNode> DeliveryAsync(string endpointId, Func<JsonNode, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonNode? last = null;
        while (DateTime.UtcNow < until)
        {
            last = (await (await app.Admin.GetAsync(ApiRoutes.WebhookEndpointOf(endpointId) + "/deliveries", Ct)).BodyAsync())["items"]![0];
            if (last is not null && done(last)) return last;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException(last?.ToJsonString());
    }
}
