namespace Feedback.Api.Features.MeasurementPlans;

/// <summary>A measurement plan. Its ETag is its level (source; none is the tenant's) and version, "client-2"; a PUT or DELETE may send it back in If-Match.</summary>
class PlanView
{
    /// <summary>null when no plan is configured (source none).</summary>
    public required string? Name { get; init; }
    public required List<RuleView> Rules { get; init; }
    /// <summary>+1 on every PUT of this plan; 0 when none was ever written.</summary>
    public required int Version { get; init; }
    /// <summary>null when none was ever written.</summary>
    public required DateTimeOffset? UpdatedAt { get; init; }
    public required PlanSource Source { get; init; }
    /// <summary>What the plan does that the caller should know, though it is accepted (empty when nothing): an every_n_days
    /// rule whose days + graceDays exceed the tenant's staleEpisodeDays (cadence_exceeds_stale_episode_days).</summary>
    public required List<PlanWarning> Warnings { get; init; }
}

/// <summary>The plan that applies to a client: the episode's override, else the client's, else the tenant default.</summary>
sealed class ClientPlanView : PlanView
{
    public required string ClientId { get; init; }
    /// <summary>The episode the plan applies to (the open one unless one was named); null when the client has none open, and
    /// in the answer to a PUT of the client's override.</summary>
    public required string? EpisodeId { get; init; }
}

/// <summary>The plan that applies, as the plan routes answer it.</summary>
static class PlanViews
{
    /// <summary>The entity tag of the plan shown: its level (source; none is the tenant's) and version, "client-2".</summary>
    public static string ETag(this EffectivePlan plan) => Preconditions.Tag(plan.Source, plan.Version);

    /// <summary>The plan as answered, with the warnings the tenant's <paramref name="staleEpisodeDays"/> gives its rules.</summary>
    public static PlanView ToView(this EffectivePlan plan, int staleEpisodeDays) => new()
    {
        Name = plan.Source == PlanSource.None ? null : plan.Row!.Name, Rules = plan.Rules.Select(RuleView.From).ToList(),
        Version = plan.Version, UpdatedAt = plan.Row?.UpdatedAt, Source = plan.Source, Warnings = PlanWarning.For(plan.Rules, staleEpisodeDays),
    };

    public static ClientPlanView ToView(this EffectivePlan plan, string clientId, string? episodeId, int staleEpisodeDays) => new()
    {
        Name = plan.Source == PlanSource.None ? null : plan.Row!.Name, Rules = plan.Rules.Select(RuleView.From).ToList(),
        Version = plan.Version, UpdatedAt = plan.Row?.UpdatedAt, Source = plan.Source, ClientId = clientId, EpisodeId = episodeId,
        Warnings = PlanWarning.For(plan.Rules, staleEpisodeDays),
    };
}
