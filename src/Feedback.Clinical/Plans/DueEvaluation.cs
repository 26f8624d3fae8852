namespace Feedback.Clinical.Plans;

/// <summary>
/// What is due for one client under a measurement plan (interop.md section 3, "Evaluation"), computed at request time from
/// the open episode's administrations; nothing is scheduled or stored.
/// </summary>
public static class DueEvaluation
{
    /// <summary>FD: an administration without a sessionNumber belongs to the session under way for this long.</summary>
    public static readonly TimeSpan DoneThisSessionWindow = TimeSpan.FromHours(12);

    /// <summary>
    /// The plan's items for session <paramref name="sessionNumber"/> (null: inferred as 1 + the episode's highest session
    /// index). <paramref name="episode"/> null is a client with no open episode: a new client at session 1, whose episode
    /// opens now. <paramref name="forNextSession"/> is the overdue list's view: S is always inferred (the next session),
    /// and session cadences that are due come out as due_next_session.
    /// </summary>
    public static DueSchedule Evaluate(IReadOnlyList<PlanRule> rules, EpisodeHistory? episode, DateTimeOffset now,
        int? sessionNumber = null, bool forNextSession = false)
    {
        var administrations = episode?.Administrations ?? [];
        var index = SessionIndex(administrations);
        var inferred = forNextSession || sessionNumber is null;
        var s = inferred ? 1 + administrations.Select(index).DefaultIfEmpty(0).Max() : sessionNumber!.Value;
        var openedAt = episode?.OpenedAt ?? now;
        var items = rules.Select(rule => Evaluate(rule, administrations, index, s, openedAt, now, forNextSession)).ToList();
        return new DueSchedule(s, inferred, items);
    }

    /// <summary>
    /// sessionIndex(a) = a.sessionNumber, else the ordinal of a's UTC date among the distinct UTC dates of the episode's
    /// administrations.
    /// </summary>
    static Func<PastAdministration, int> SessionIndex(IReadOnlyList<PastAdministration> administrations)
    {
        var ordinals = administrations.Select(a => a.AdministeredAt.UtcDateTime.Date).Distinct().Order()
            .Select((date, i) => (date, ordinal: i + 1)).ToDictionary(d => d.date, d => d.ordinal);
        return a => a.SessionNumber ?? ordinals[a.AdministeredAt.UtcDateTime.Date];
    }

    static DueItem Evaluate(PlanRule rule, IReadOnlyList<PastAdministration> episode, Func<PastAdministration, int> index,
        int s, DateTimeOffset openedAt, DateTimeOffset now, bool forNextSession)
    {
        var mine = episode.Where(a => a.Instrument == rule.Instrument && a.Rater == rule.Rater).ToList();
        var last = mine.MaxBy(a => (a.AdministeredAt, index(a)));
        // The 12-hour rule stands in for the session under way, which an inferred S has just moved past; the next-session
        // view asks about the session after it, which nothing given today belongs to (FD: else the overdue list would
        // hide a client's every-session measures for 12 hours after each session).
        var done = mine.Any(a => a.SessionNumber == s
                                 || !forNextSession && a.SessionNumber is null && now - a.AdministeredAt < DoneThisSessionWindow);
        var due = Cadence(rule.Cadence, last, last is null ? null : index(last), s, openedAt, now, done);

        var status = done || !due.IsDue ? DueStatus.NotDue
            : forNextSession && rule.Cadence.CountsSessions ? DueStatus.DueNextSession
            : due.IsOverdue ? DueStatus.Overdue : DueStatus.Due;
        var reason = status != DueStatus.NotDue ? due.Reason
            : done ? DueReason.DoneThisSession
            : rule.Cadence.Type == CadenceType.IntakeOnly ? DueReason.IntakeDone : DueReason.IntervalNotReached;
        var notDue = status == DueStatus.NotDue;
        return new DueItem(rule, status, reason, due.DueAt, last?.AdministeredAt, last is null ? null : index(last),
            notDue ? due.NextDueAt : null, notDue ? due.NextDueSession : null);
    }

    sealed record CadenceAnswer(bool IsDue, bool IsOverdue, DueReason Reason, DateTimeOffset? DueAt = null,
        DateTimeOffset? NextDueAt = null, int? NextDueSession = null);

    // The table of interop.md section 3. A = the rule's administrations in the episode, L = the latest of them.
    static CadenceAnswer Cadence(Cadence c, PastAdministration? last, int? lastIndex, int s, DateTimeOffset openedAt,
        DateTimeOffset now, bool done)
    {
        switch (c.Type)
        {
            case CadenceType.EverySession:
                return new(true, false, last is null ? DueReason.Intake : DueReason.EverySession, NextDueSession: s + 1);
            case CadenceType.IntakeOnly:
                return new(last is null, false, DueReason.Intake);
            case CadenceType.EveryNSessions:
            {
                // "A empty and (atIntake or S >= 1 + n); else S - sessionIndex(L) >= n": an empty A counts from session
                // 1 - n with atIntake (due at once) and from session 1 without. FD: with atIntake a missed intake is overdue
                // from session 2, as a day cadence's missed intake is overdue after its grace days.
                var from = lastIndex ?? (c.AtIntake ? 1 - c.N : 1);
                var reason = last is null && c.AtIntake ? DueReason.Intake : DueReason.SessionInterval;
                return new(s - from >= c.N, s - from > c.N, reason, NextDueSession: done ? s + c.N : from + c.N);
            }
            case CadenceType.EveryNDays:
            {
                var dueAt = last is not null ? last.AdministeredAt.AddDays(c.Days)
                    : c.AtIntake ? openedAt : openedAt.AddDays(c.Days);
                var reason = last is null && c.AtIntake ? DueReason.Intake : DueReason.DayInterval;
                var showsFrom = dueAt.AddDays(-c.EarlyDays);
                return new(now >= showsFrom, now > dueAt.AddDays(c.GraceDays), reason, dueAt, NextDueAt: showsFrom);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(c), c.Type, null);
        }
    }
}
