using Feedback.Clinical.Plans;

namespace Feedback.Api.Shared.Plans;

/// <summary>
/// What a plan does that the caller should know, though it is accepted: cadence_exceeds_stale_episode_days (clinical.md
/// v1.2 section 1, "Long cadences"), an every_n_days rule given on time after the stale-episode guard would have closed
/// the episode.
/// </summary>
sealed class PlanWarning
{
    /// <summary>A stable code to act on: cadence_exceeds_stale_episode_days.</summary>
    public required string Code { get; init; }
    /// <summary>The rule's cadence in the plan: rules[i].cadence.</summary>
    public required string Path { get; init; }
    public required string Message { get; init; }

    /// <summary>The rules that the tenant's staleEpisodeDays puts in that position, each with its path after <paramref name="prefix"/>.</summary>
    public static IEnumerable<(string Path, string Message)> Of(IReadOnlyList<PlanRule> rules, int staleEpisodeDays, string prefix = "") =>
        rules.Select((rule, i) => (rule.Cadence, i)).Where(r => LongCadence.ExceedsStaleEpisodeDays(r.Cadence, staleEpisodeDays))
            .Select(r => ($"{prefix}rules[{r.i}].cadence", LongCadence.Message(r.Cadence, staleEpisodeDays)));

    public static List<PlanWarning> For(IReadOnlyList<PlanRule> rules, int staleEpisodeDays) =>
        [.. Of(rules, staleEpisodeDays).Select(w => new PlanWarning { Code = LongCadence.Code, Path = w.Path, Message = w.Message })];
}
