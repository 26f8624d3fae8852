using System.Collections.Concurrent;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Webhooks;

/// <summary>
/// The delivery worker of every instance (interop.md 2.4): polls every second when idle (or is woken by a new event),
/// claims up to 20 due rows under a 60 s lease, keeps at most 8 requests in flight (4 per endpoint), and writes each
/// result fenced on its lease: a result of a lease another worker took over is dropped. At least once, unordered.
/// </summary>
sealed class DeliveryWorker(
    Database database, WebhookDeliveryRepository deliveries, Feedback.Data.Audit.AuditRepository audit, SecretProtector secrets, TargetRules rules, DeliveryClient client,
    DeliverySignal signal, TimeProvider clock, IConfiguration config, ILogger<DeliveryWorker> log) : BackgroundService
{
    const int ClaimBatch = 20, MaxInFlight = 8, MaxPerEndpoint = 4;
    static readonly TimeSpan Lease = TimeSpan.FromSeconds(60), Idle = TimeSpan.FromSeconds(1), FailingAfter = TimeSpan.FromHours(72);
    readonly string worker = WorkerId();
    readonly SemaphoreSlim inFlight = new(MaxInFlight, MaxInFlight);
    readonly ConcurrentDictionary<string, SemaphoreSlim> perEndpoint = new();
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
                var free = MaxInFlight - (MaxInFlight - inFlight.CurrentCount);
                if (free > 0)
                {
                    var now = clock.GetUtcNow();
                    var rows = await database.WriteAsync((tx, ct) => deliveries.ClaimAsync(tx, worker, now, now + Lease, Math.Min(ClaimBatch, free), ct), stop);
                    claimed = rows.Count;
                    foreach (var row in rows)
                    {
                        await inFlight.WaitAsync(stop);
                        var task = DeliverAsync(row, stop);
                        running[task] = true;
                        _ = task.ContinueWith(t => { running.TryRemove(t, out _); inFlight.Release(); }, TaskScheduler.Default);
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
        var gate = perEndpoint.GetOrAdd(row.EndpointId, _ => new SemaphoreSlim(MaxPerEndpoint, MaxPerEndpoint));
        await gate.WaitAsync(stop);
        try
        {
            WebhookEndpointRow? endpoint;
            await using (var session = await database.ReadAsync(stop))
                endpoint = await deliveries.EndpointAsync(session, row.EndpointId, stop);
            var result = endpoint is not { Enabled: true }
                ? new DeliveryClient.Result(null, null, "endpoint_disabled", 0)
                : rules.CheckUrl(endpoint.Url) is { } problem
                    ? new DeliveryClient.Result(null, null, $"blocked_address: {problem}", 0)
                    : await client.SendAsync(endpoint.Url, row.MessageId, SecretsOf(endpoint), row.Payload, stop);
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
        finally
        {
            gate.Release();
        }
    }

    List<string> SecretsOf(WebhookEndpointRow endpoint)
    {
        var list = new List<string> { secrets.Unprotect(endpoint.Secret) };
        if (endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt > clock.GetUtcNow())
            list.Add(secrets.Unprotect(previous));
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
