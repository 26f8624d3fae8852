namespace Feedback.Data.Alerts;

public sealed class AlertRow
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
    public string Status { get; init; } = "open";
    public string RulesVersion { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string Rater { get; init; } = "client";
    public string? ResolvedByAdministrationId { get; init; }
}

/// <summary>Worklist filters; null means any.</summary>
public sealed record AlertFilter(string? Status, string? ClinicianId, string? ClientId, string? Kind, string? Priority, string? NotStatus = null);

/// <summary>Keyset position in the worklist order (priority_rank, then newest): the last row of the previous page.</summary>
public sealed record AlertCursor(int PriorityRank, DateTimeOffset CreatedAt, string Id)
{
    public static readonly AlertCursor Start = new(-1, DateTimeOffset.MaxValue, "~");
}
