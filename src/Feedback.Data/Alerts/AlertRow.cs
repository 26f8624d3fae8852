namespace Feedback.Data.Alerts;

public sealed record AlertRow
{
    public string Id { get; init; } = "";
    public string ClientId { get; init; } = "";
    public string EpisodeId { get; init; } = "";
    public string AdministrationId { get; init; } = "";
    public string Instrument { get; init; } = "";
    public string? ClinicianId { get; init; }
    public string Kind { get; init; } = "";
    public string Priority { get; init; } = "";
    public int PriorityRank { get; init; }
    public int? Item { get; init; }
    public string Message { get; init; } = "";
    public string Status { get; init; } = AlertStatuses.Open;
    public string RulesVersion { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string Rater { get; init; } = "client";
    public string? ResolvedByAdministrationId { get; init; }
    /// <summary>Stored by an import (interop.md 4.3).</summary>
    public bool Imported { get; init; }
    /// <summary>replaced (resolved live) or imported_history (stored resolved by an import); null while current.</summary>
    public string? ResolvedReason { get; init; }
    /// <summary>The clinic's session number of its administration, if it carries one (clinical.md v1.2 section 6).</summary>
    public int? SessionNumber { get; init; }
    /// <summary>Its administration's place among the episode's administrations of its instrument by its rater (intake = 1).</summary>
    public int? AdministrationOrdinal { get; init; }
    /// <summary>A JSON array of reason codes; null when it has none (and for alerts stored before v1.2).</summary>
    public string? ReasonsJson { get; init; }
    /// <summary>A JSON array of { code, text } (support-v1), for the kinds of clinical.md section 11; null otherwise.</summary>
    public string? SuggestionsJson { get; init; }
    public string? SuggestionsVersion { get; init; }
}

/// <summary>Worklist filters; null means any.</summary>
public sealed record AlertFilter(string? Status, string? ClinicianId, string? ClientId, string? Kind, string? Priority, string? NotStatus = null, bool? Imported = null);

/// <summary>Keyset position in the worklist order (priority_rank, then newest): the last row of the previous page.</summary>
public sealed record AlertCursor(int PriorityRank, DateTimeOffset CreatedAt, string Id)
{
    public static readonly AlertCursor Start = new(-1, DateTimeOffset.MaxValue, "~");
}

/// <summary>Why a resolved alert is no longer current (interop.md 4.3).</summary>
public static class ResolvedReasons
{
    /// <summary>Resolved live: a later administration (or the episode's close) replaced, repaired or escalated it.</summary>
    public const string Replaced = "replaced";
    /// <summary>Imported more than Import:LiveWindowHours after its administration: stored resolved, never on the worklist.</summary>
    public const string ImportedHistory = "imported_history";
}
