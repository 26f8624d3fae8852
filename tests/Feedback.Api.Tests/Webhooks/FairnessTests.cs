using System.Diagnostics;
using Feedback.Api.Webhooks;
using Feedback.Data.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>
/// interop.md 2.4, fair delivery: an endpoint whose receiver never answers holds at most its own share of the worker,
/// so another tenant's event still arrives at once.
/// </summary>
public sealed class FairnessTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Measured on the worker before fair claims: not arrived after 150 s; after: about 0.4 s (docs/security.md).</summary>
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Another_tenants_event_arrives_within_2_s_while_one_endpoint_has_400_events_queued_against_a_receiver_that_never_answers()
    {
        await using var stalled = new StallingReceiver();
        var (stuck, _) = await app.NewEndpointAsync(stalled.Url, "administration.created");
        var db = app.Services.GetRequiredService<Feedback.Data.Connections.Database>();
        var tenantA = await app.TenantAAsync();
        await db.WriteAsync((tx, ct) => app.Services.GetRequiredService<WebhookRepository>().QueueAsync(tx, tenantA,
            [.. Enumerable.Range(0, 400).Select(_ => WebhookEvents.TestOf(stuck, app.Clock.GetUtcNow()))], app.Clock.GetUtcNow(), ct, forceEndpointId: stuck), Ct);
        // The worker is at work on the stalled endpoint before the other tenant's event exists.
        for (var i = 0; i < 200 && stalled.Connections == 0; i++) await Task.Delay(50, Ct);
        stalled.Connections.ShouldBeGreaterThan(0);
        await Task.Delay(500, Ct);

        var created = await app.OtherClinic.PostAsJsonAsync(ApiRoutes.WebhookEndpointsPath,
            new { url = app.Receiver.Url("other-tenant"), eventTypes = new[] { "administration.created" } }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.BodyAsync())["id"]!.GetValue<string>();
        var watch = Stopwatch.StartNew();
        var test = await app.OtherClinic.PostAsync(ApiRoutes.WebhookEndpointOf(id) + "/test", null, Ct);
        test.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await app.Receiver.WaitForAsync("other-tenant", d => d.Count >= 1, within: TimeSpan.FromSeconds(30));
        watch.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine($"The other tenant's event arrived after {watch.ElapsedMilliseconds} ms.");
        watch.Elapsed.ShouldBeLessThan(Bound);
        // The stalled endpoint never held more than its share of connections.
        stalled.Connections.ShouldBeLessThanOrEqualTo(4);
    }
}
