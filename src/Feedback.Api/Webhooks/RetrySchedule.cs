namespace Feedback.Api.Webhooks;

/// <summary>
/// interop.md 2.4: the delays before attempts 1..10 (0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h), each
/// +/-10 % jitter: the last attempt comes about 75 h 35 min after the first. A longer Retry-After (on 429, 502, 503,
/// 504; capped at 24 h) wins.
/// </summary>
static class RetrySchedule
{
    public static readonly TimeSpan[] Delays =
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ];

    public static int MaxAttempts => Delays.Length;
    static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    /// <summary>When the attempt after <paramref name="failedAttempts"/> failed ones is due; null when that was the last.</summary>
    public static DateTimeOffset? Next(int failedAttempts, DateTimeOffset now, TimeSpan? retryAfter, double random01)
    {
        if (failedAttempts >= MaxAttempts) return null;
        var delay = Delays[failedAttempts] * (0.9 + 0.2 * random01);
        if (retryAfter is { } asked && asked > delay) delay = asked < MaxRetryAfter ? asked : MaxRetryAfter;
        return now + delay;
    }

    /// <summary>Retry-After in seconds or as an HTTP-date, from a 429, 502, 503 or 504; null otherwise.</summary>
    public static TimeSpan? RetryAfter(int status, System.Net.Http.Headers.RetryConditionHeaderValue? header, DateTimeOffset now) =>
        status is 429 or 502 or 503 or 504 && header is not null
            ? header.Delta ?? (header.Date is { } date ? date - now : null)
            : null;
}
