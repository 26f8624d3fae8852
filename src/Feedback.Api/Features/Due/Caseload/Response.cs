using Feedback.Clinical.Plans;

namespace Feedback.Api.Features.Due.Caseload;

sealed class Response
{
    /// <summary>Overdue first, then due, then due_next_session; then by dueAt (session cadences, without one, last), clientId.</summary>
    public required List<CaseloadDueView> Items { get; init; }
    /// <summary>Pass as cursor for the next page; null on the last page.</summary>
    public required string? NextCursor { get; init; }
}

/// <summary>A measure one of the clinician's clients is due for at their next session.</summary>
sealed class CaseloadDueView
{
    public required string ClientId { get; init; }
    public required string EpisodeId { get; init; }
    public required string Instrument { get; init; }
    public required Rater Rater { get; init; }
    public required Timing Timing { get; init; }
    /// <summary>overdue or due (day cadences), due_next_session (session cadences: due at the client's next session).</summary>
    public required DueStatus Status { get; init; }
    /// <summary>intake, every_session, session_interval or day_interval.</summary>
    public required DueReason Reason { get; init; }
    /// <summary>Day cadences: when it is due; null for session cadences.</summary>
    public required DateTimeOffset? DueAt { get; init; }
    /// <summary>The client's next session, which the item is evaluated for.</summary>
    public required int SessionNumber { get; init; }
    public required DateTimeOffset? LastAdministeredAt { get; init; }
    public required int? LastSessionNumber { get; init; }

    public static CaseloadDueView From(CaseloadItem c) => new()
    {
        ClientId = c.ClientId, EpisodeId = c.EpisodeId, Instrument = c.Item.Rule.Instrument, Rater = c.Item.Rule.Rater,
        Timing = c.Item.Rule.Timing, Status = c.Item.Status, Reason = c.Item.Reason, DueAt = c.Item.DueAt,
        SessionNumber = c.SessionNumber, LastAdministeredAt = c.Item.LastAdministeredAt, LastSessionNumber = c.Item.LastSessionNumber,
    };
}
