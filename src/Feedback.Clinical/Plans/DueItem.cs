namespace Feedback.Clinical.Plans;

/// <summary>
/// overdue and due: show it now. due_next_session: a session cadence seen ahead of the next session (the overdue list).
/// not_due: only listed on request.
/// </summary>
public enum DueStatus { Overdue, Due, DueNextSession, NotDue }

/// <summary>
/// Why an item is due (intake, every_session, session_interval, day_interval: interop.md section 3) or, for a not_due
/// item, why not (done_this_session, interval_not_reached, intake_done: Feedback's names).
/// </summary>
public enum DueReason { Intake, EverySession, SessionInterval, DayInterval, DoneThisSession, IntervalNotReached, IntakeDone }

/// <param name="DueAt">Day cadences: when the measure is due (it shows from <c>DueAt - earlyDays</c>); null for session cadences.</param>
/// <param name="LastSessionNumber">The session the latest administration counts as: its sessionNumber, else its date's ordinal.</param>
/// <param name="NextDueAt">Not due, day cadence: when it turns due (<c>DueAt - earlyDays</c>).</param>
/// <param name="NextDueSession">Not due, session cadence: the session it is due again; null when never again (intake only).</param>
public sealed record DueItem(
    PlanRule Rule, DueStatus Status, DueReason Reason, DateTimeOffset? DueAt,
    DateTimeOffset? LastAdministeredAt, int? LastSessionNumber, DateTimeOffset? NextDueAt, int? NextDueSession)
{
    /// <summary>What a check-in tablet shows: the item is due or overdue now.</summary>
    public bool ToShow => Status is DueStatus.Due or DueStatus.Overdue or DueStatus.DueNextSession;
}

/// <param name="SessionNumber">S: the session evaluated, asked for or inferred.</param>
public sealed record DueSchedule(int SessionNumber, bool SessionNumberInferred, IReadOnlyList<DueItem> Items);
