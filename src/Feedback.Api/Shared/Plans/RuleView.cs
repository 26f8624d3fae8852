using System.Text.Json.Serialization;
using Feedback.Clinical.Plans;

namespace Feedback.Api.Shared.Plans;

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
