using System.Collections.Concurrent;

namespace Feedback.Api.Webhooks;

/// <summary>
/// Each endpoint's time budget per attempt (interop.md 2.4): the full 15 s, halved after every timeout down to 3 s, and
/// whole again after a 2xx. A receiver that keeps timing out thus holds its share of the worker for less time. Kept per
/// instance (each learns on its own), forgotten at restart.
/// </summary>
sealed class TimeoutBudgets
{
    public static readonly TimeSpan Full = TimeSpan.FromSeconds(15), Floor = TimeSpan.FromSeconds(3);
    readonly ConcurrentDictionary<string, TimeSpan> shortened = new(StringComparer.Ordinal);

    public TimeSpan Of(string endpointId) => shortened.TryGetValue(endpointId, out var budget) ? budget : Full;

    public void Record(string endpointId, DeliveryClient.Result result)
    {
        if (result.StatusCode is >= 200 and < 300) shortened.TryRemove(endpointId, out _);
        else if (result.Error == DeliveryClient.Timeout)
            shortened.AddOrUpdate(endpointId, _ => Half(Full), (_, budget) => Half(budget));
    }

    static TimeSpan Half(TimeSpan budget) => budget / 2 < Floor ? Floor : budget / 2;
}
