namespace Feedback.Data.Plans;

/// <summary>
/// A stored measurement plan: the tenant default (ClientId and EpisodeId ""), a client's override (EpisodeId "") or an
/// episode's. RulesJson null is a deleted override, kept so that its version keeps counting.
/// </summary>
public sealed class PlanRow
{
    public string ClientId { get; init; } = "";
    public string EpisodeId { get; init; } = "";
    public string? Name { get; init; }
    public string? RulesJson { get; init; }
    public int Version { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public bool Exists => RulesJson is not null;
}

/// <summary>An administration of an open episode, as far as the due schedule needs it.</summary>
public sealed class ScheduledAdministration
{
    public string ClientId { get; init; } = "";
    public string Instrument { get; init; } = "";
    public string Rater { get; init; } = "";
    public int? SessionNumber { get; init; }
    public DateTimeOffset AdministeredAt { get; init; }
}

/// <summary>A client of the clinician's caseload and its open episode.</summary>
public sealed class CaseloadEntry
{
    public string ClientId { get; init; } = "";
    public string EpisodeId { get; init; } = "";
    public DateTimeOffset OpenedAt { get; init; }
}
