using Feedback.Clinical.Plans;

namespace Feedback.Api.Features.Due.Client;

/// <summary>
/// What is due for a client. With a submit-only key (a check-in tablet) only clientId and items, each with instrument,
/// rater and timing: what to show, nothing of the history. With read, every property.
/// </summary>
sealed class ClientDueView
{
    public required string ClientId { get; init; }
    /// <summary>read: the open episode evaluated; null when the client has none (the next submission opens one).</summary>
    public string? EpisodeId { get; init; }
    /// <summary>read: where the plan comes from (episode, client, tenant, or none: an empty plan).</summary>
    public PlanSource? PlanSource { get; init; }
    /// <summary>read: the plan's version.</summary>
    public int? PlanVersion { get; init; }
    /// <summary>read: the session evaluated.</summary>
    public int? SessionNumber { get; init; }
    /// <summary>read: true when sessionNumber was inferred rather than asked for.</summary>
    public bool? SessionNumberInferred { get; init; }
    /// <summary>read: when this was computed.</summary>
    public DateTimeOffset? AsOf { get; init; }
    /// <summary>In the plan's order: what is due or overdue now (and with all=true what is not).</summary>
    public required List<DueItemView> Items { get; init; }
}

/// <summary>One measure to give. With a submit-only key only instrument, rater and timing.</summary>
sealed class DueItemView
{
    public required string Instrument { get; init; }
    public required Rater Rater { get; init; }
    public required Timing Timing { get; init; }
    /// <summary>read: overdue, due, or not_due (all=true); due_next_session appears only in the overdue list (GET /v1/due).</summary>
    public DueStatus? Status { get; init; }
    /// <summary>read: intake, every_session, session_interval, day_interval; for not_due: done_this_session,
    /// interval_not_reached, intake_done.</summary>
    public DueReason? Reason { get; init; }
    /// <summary>read, day cadences: when it is due (shown from earlyDays before); null for session cadences.</summary>
    public DateTimeOffset? DueAt { get; init; }
    /// <summary>read: the latest administration of this instrument by this rater in the episode.</summary>
    public DateTimeOffset? LastAdministeredAt { get; init; }
    /// <summary>read: the session that administration counts as.</summary>
    public int? LastSessionNumber { get; init; }
    /// <summary>read, not_due day cadences: when it turns due.</summary>
    public DateTimeOffset? NextDueAt { get; init; }
    /// <summary>read, not_due session cadences: the session it is due again (null: never, intake only).</summary>
    public int? NextDueSession { get; init; }

    public static DueItemView From(DueItem i) => new()
    {
        Instrument = i.Rule.Instrument, Rater = i.Rule.Rater, Timing = i.Rule.Timing, Status = i.Status, Reason = i.Reason,
        DueAt = i.DueAt, LastAdministeredAt = i.LastAdministeredAt, LastSessionNumber = i.LastSessionNumber,
        NextDueAt = i.NextDueAt, NextDueSession = i.NextDueSession,
    };
}

/// <summary>The submit-only answer: what to show, nothing about history.</summary>
sealed record TabletDueView(string ClientId, List<TabletDueItem> Items);

sealed record TabletDueItem(string Instrument, Rater Rater, Timing Timing);
