using System.Text.Json.Serialization;
using Feedback.Clinical.Plans;
using Feedback.Data.Plans;

namespace Feedback.Api.Features.MeasurementPlans;

/// <summary>Where a plan comes from: the open (or named) episode's override, the client's override, the tenant default, or none.</summary>
enum PlanSource { Tenant, Client, Episode, None }

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

/// <summary>One rule of a plan, its defaults filled in.</summary>
sealed class RuleView
{
    public required string Instrument { get; init; }
    public required Rater Rater { get; init; }
    public required Timing Timing { get; init; }
    public required CadenceView Cadence { get; init; }

    public static RuleView From(PlanRule r) => new() { Instrument = r.Instrument, Rater = r.Rater, Timing = r.Timing, Cadence = CadenceView.From(r.Cadence) };

    public PlanRule ToRule() => new(Instrument, Rater, Timing, Cadence.ToCadence());
}

/// <summary>The cadence; only the fields of its type are present.</summary>
sealed class CadenceView
{
    public required CadenceType Type { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? N { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? AtIntake { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Days { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? EarlyDays { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? GraceDays { get; init; }

    public static CadenceView From(Cadence c) => c.Type switch
    {
        CadenceType.EveryNSessions => new() { Type = c.Type, N = c.N, AtIntake = c.AtIntake },
        CadenceType.EveryNDays => new() { Type = c.Type, Days = c.Days, EarlyDays = c.EarlyDays, GraceDays = c.GraceDays, AtIntake = c.AtIntake },
        _ => new() { Type = c.Type },
    };

    public Cadence ToCadence() => new(Type, N ?? 0, AtIntake ?? true, Days ?? 0, EarlyDays ?? 0, GraceDays ?? 0);
}
