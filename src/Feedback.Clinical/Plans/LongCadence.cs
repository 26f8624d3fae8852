namespace Feedback.Clinical.Plans;

/// <summary>
/// Long cadences (clinical.md v1.2 section 1): an every_n_days rule given on time can come after the stale-episode guard
/// has closed the episode. A warning, not a refusal: the cadence is a clinical decision and the caller has two fixes.
/// </summary>
public static class LongCadence
{
    public const string Code = "cadence_exceeds_stale_episode_days";

    /// <summary>
    /// days + graceDays > staleEpisodeDays, with the guard on. Strict, as the guard is: with 90, 83 + 7 = 90 is no warning.
    /// </summary>
    public static bool ExceedsStaleEpisodeDays(Cadence cadence, int staleEpisodeDays) =>
        staleEpisodeDays > 0 && cadence.Type == CadenceType.EveryNDays && LatestOnTime(cadence) > staleEpisodeDays;

    /// <summary>The message of clinical.md section 1, N and M filled in.</summary>
    public static string Message(Cadence cadence, int staleEpisodeDays) =>
        $"An administration given on time for this rule can come more than staleEpisodeDays ({staleEpisodeDays}) after the "
        + "episode's latest administration; the stale-episode guard would then close the episode and treat it as a new intake. "
        + $"Raise staleEpisodeDays above days + graceDays ({LatestOnTime(cadence)}), or send episodeId with these administrations.";

    static int LatestOnTime(Cadence cadence) => cadence.Days + cadence.GraceDays;
}
