using System.Collections.Concurrent;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Webhooks;

/// <summary>
/// The delivery worker of every instance (interop.md 2.4): polls every second when idle (or is woken by a new event or a
/// finished attempt), claims due rows under a 60 s lease, and writes each result fenced on its lease: a result of a lease
/// another worker took over is dropped. At least once, unordered. Fair: the claim takes rows in turns across endpoints
/// and tenants and never more than an endpoint's (4) or a tenant's (8) free share of leases, so every claimed row is
/// sent at once and a stalled receiver holds its share only; an endpoint that keeps timing out gets a shorter budget.
/// </summary>
sealed class DeliveryWorker(
    Database database, WebhookDeliveryRepository deliveries, Feedback.Data.Audit.AuditRepository audit, SecretProtector secrets, TargetRules rules, DeliveryClient client,
    DeliverySignal signal, TimeProvider clock, IConfiguration config, ILogger<DeliveryWorker> log) : BackgroundService
{
    const int ClaimBatch = 20, MaxInFlight = 32, MaxPerEndpoint = 4, MaxPerTenant = 8;
    static readonly TimeSpan Lease = TimeSpan.FromSeconds(60), Idle = TimeSpan.FromSeconds(1), FailingAfter = TimeSpan.FromHours(72);
    readonly string worker = WorkerId();
    readonly SemaphoreSlim inFlight = new(MaxInFlight, MaxInFlight);
    readonly TimeoutBudgets budgets = new();
    DateTimeOffset nextPurge = DateTimeOffset.MinValue;

    // Unique per process start (leased_by holds 64 characters): the host, then what makes it unique.
    static string WorkerId()
    {
        var unique = $":{Environment.ProcessId}:{Guid.NewGuid():N}";
        var host = Environment.MachineName;
        return (host.Length + unique.Length <= 64 ? host : host[..(64 - unique.Length)]) + unique;
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!config.GetValue("Webhooks:Enabled", true)) return;
        var running = new ConcurrentDictionary<Task, bool>();
        while (!stop.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                await PurgeWhenDueAsync(stop);
                var free = inFlight.CurrentCount;
                if (free > 0)
                {
                    var now = clock.GetUtcNow();
                    var rows = await database.WriteAsync((tx, ct) =>
                        deliveries.ClaimAsync(tx, worker, now, now + Lease, Math.Min(ClaimBatch, free), MaxPerEndpoint, MaxPerTenant, ct), stop);
                    claimed = rows.Count;
                    foreach (var row in rows)
                    {
                        await inFlight.WaitAsync(stop);
                        var task = DeliverAsync(row, stop);
                        running[task] = true;
                        // A finished attempt frees its endpoint's share: claim again now rather than at the next poll.
                        _ = task.ContinueWith(t => { running.TryRemove(t, out _); inFlight.Release(); signal.Wake(); }, TaskScheduler.Default);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                log.LogError(e, "The webhook worker could not claim deliveries; it tries again in a second.");
            }
            if (claimed == 0)
            {
                try { await signal.WaitAsync(Idle, stop); }
                catch (OperationCanceledException) { break; }
            }
        }
        await Task.WhenAll(running.Keys);
    }

    async Task DeliverAsync(WebhookDeliveryRow row, CancellationToken stop)
    {
        try
        {
            WebhookEndpointRow? endpoint;
            await using (var session = await database.ReadAsync(stop))
                endpoint = await deliveries.EndpointAsync(session, row.EndpointId, stop);
            var result = endpoint is not { Enabled: true }
                ? new DeliveryClient.Result(null, null, "endpoint_disabled", 0)
                : rules.CheckUrl(endpoint.Url) is { } problem
                    ? new DeliveryClient.Result(null, null, $"blocked_address: {problem}", 0)
                    : SecretsOf(endpoint) is not { } signing
                        ? new DeliveryClient.Result(null, null, SecretUnreadable, 0)
                        : await client.SendAsync(endpoint.Url, row.MessageId, signing, row.Payload, budgets.Of(row.EndpointId), stop);
            budgets.Record(row.EndpointId, result);
            await RecordAsync(row, endpoint, result, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and another worker (or this one after a restart) delivers it.
        }
        catch (Exception e)
        {
            log.LogError(e, "A webhook delivery attempt failed unexpectedly; its lease runs out and it is tried again.");
        }
    }

    /// <summary>The error of an attempt whose endpoint secret this instance's key cannot decrypt (docs/security.md).</summary>
    public const string SecretUnreadable = "secret_unreadable";

    // The secrets that sign, newest first; null when the current one cannot be decrypted (protected under another key).
    // A previous secret that cannot be decrypted (the unreadable one a rotation replaced) simply no longer signs.
    List<string>? SecretsOf(WebhookEndpointRow endpoint)
    {
        if (secrets.TryUnprotect(endpoint.Secret) is not { } current) return null;
        var list = new List<string> { current };
        if (endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt > clock.GetUtcNow() && secrets.TryUnprotect(previous) is { } old)
            list.Add(old);
        return list;
    }

    Task RecordAsync(WebhookDeliveryRow row, WebhookEndpointRow? endpoint, DeliveryClient.Result result, CancellationToken stop)
    {
        var now = clock.GetUtcNow();
        var attempt = new WebhookAttemptRow
        {
            DeliveryId = row.Id, Attempt = row.AttemptCount, At = now, StatusCode = result.StatusCode, DurationMs = result.DurationMs,
            Error = result.Error is { Length: > 400 } e ? e[..400] : result.Error,
        };
        var succeeded = result.StatusCode is >= 200 and < 300;
        var gone = result.StatusCode == 410;
        var next = succeeded || gone || endpoint is not { Enabled: true } ? null
            : RetrySchedule.Next(row.AttemptCount, now, result.RetryAfter, Random.Shared.NextDouble());
        var status = succeeded ? "succeeded" : next is null ? "failed" : "pending";
        // After the last failure: an endpoint with no 2xx for 72 h is disabled (failing).
        var failing = status == "failed" && !gone && endpoint is { Enabled: true } && (endpoint.LastSuccessAt ?? endpoint.CreatedAt) < now - FailingAfter;
        return database.WriteAsync(async (tx, ct) =>
        {
            if (!await deliveries.FinishAttemptAsync(tx, row, status, next ?? row.NextAttemptAt, attempt, status == "pending" ? null : now, ct))
                return false; // the lease was lost: another worker owns the row now
            if (succeeded) await deliveries.MarkEndpointSucceededAsync(tx, row.EndpointId, now, ct);
            if (gone || failing)
            {
                await deliveries.DisableEndpointAsync(tx, row.EndpointId, gone ? "gone" : "failing", row.Id, now, ct);
                // Who turned the endpoint off: the worker, for the receiver's 410 or 72 h without a 2xx (interop.md 2.4).
                await audit.InsertAsync(tx, row.TenantId, [new Feedback.Data.Audit.AuditEntry
                {
                    Id = Ulid.NewUlid().ToString(), KeyId = "webhook-worker", Method = "DISABLE", Route = ApiRoutes.WebhookEndpoint,
                    ResourceId = row.EndpointId, Status = result.StatusCode ?? 0, At = now,
                }], ct);
            }
            return true;
        }, stop);
    }

    async Task PurgeWhenDueAsync(CancellationToken stop)
    {
        var now = clock.GetUtcNow();
        if (now < nextPurge) return;
        nextPurge = now.AddHours(1);
        var days = config.GetValue("Webhooks:RetentionDays", 30);
        await database.WriteAsync((tx, ct) => deliveries.PurgeAsync(tx, now.AddDays(-days), ct), stop);
    }
}
