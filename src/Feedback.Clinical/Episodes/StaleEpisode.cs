namespace Feedback.Clinical.Episodes;

/// <summary>
/// Stale-episode guard (clinical.md section 1, Feedback default): a client returning after a long gap is not measured
/// against the old intake. Applies only when the caller names no episode.
/// </summary>
public static class StaleEpisode
{
    /// <summary>Tenant setting <c>staleEpisodeDays</c> when none is stored.</summary>
    public const int DefaultDays = 90;

    /// <summary>The largest setting accepted (ten years); 0 turns the guard off.</summary>
    public const int MaxDays = 3650;

    /// <summary>
    /// True when the open episode's latest administration (any instrument) is more than <paramref name="staleDays"/>
    /// days before this one's administeredAt; exactly that many days is not stale.
    /// </summary>
    public static bool IsStale(DateTimeOffset latestInEpisode, DateTimeOffset administeredAt, int staleDays) =>
        staleDays > 0 && administeredAt - latestInEpisode > TimeSpan.FromDays(staleDays);
}
