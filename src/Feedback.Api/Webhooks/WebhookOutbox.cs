using Feedback.Data.Webhooks;

namespace Feedback.Api.Webhooks;

/// <summary>
/// Queues events in the caller's write transaction (interop.md 2.4: a rolled-back write never sends, a committed one
/// always queues) and wakes this instance's delivery worker, which finds the rows once that transaction has committed.
/// </summary>
sealed class WebhookOutbox(WebhookRepository hooks, DeliverySignal signal)
{
    public async Task QueueAsync(DbSession tx, long tenantId, IReadOnlyList<WebhookEvent> events, DateTimeOffset now, CancellationToken ct,
        string? forceEndpointId = null)
    {
        if (await hooks.QueueAsync(tx, tenantId, events, now, ct, forceEndpointId) > 0) signal.Wake();
    }

    /// <summary>
    /// The same, building the events only when the tenant has an enabled endpoint: a submission of a tenant without
    /// webhooks (the common case, on the hot path) pays one read, not the reads its events would need.
    /// </summary>
    public async Task QueueAsync(DbSession tx, long tenantId, Func<Task<IReadOnlyList<WebhookEvent>>> events, DateTimeOffset now, CancellationToken ct)
    {
        var subscribers = await hooks.SubscribersAsync(tx, tenantId, ct);
        if (subscribers.Count == 0) return;
        if (await hooks.QueueToAsync(tx, tenantId, subscribers, await events(), now, ct) > 0) signal.Wake();
    }

}

/// <summary>Wakes the delivery worker early (it also polls every second).</summary>
sealed class DeliverySignal
{
    readonly SemaphoreSlim signal = new(0, 1);

    public void Wake()
    {
        if (signal.CurrentCount == 0)
            try { signal.Release(); } catch (SemaphoreFullException) { } // another wake got there first
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);
}
