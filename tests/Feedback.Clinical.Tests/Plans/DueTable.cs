using Feedback.Clinical.Plans;

namespace Feedback.Clinical.Tests.Plans;

/// <summary>
/// interop.md section 3, "Evaluation", row by row at its edges. Every expected value is worked out from the contract's
/// table by hand (the arithmetic is in the comments), not from the code.
/// </summary>
public sealed class DueTable
{
    static readonly DateTimeOffset Opened = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    static PlanRule Rule(Cadence cadence, string instrument = "GAD-7", Rater rater = Rater.Client) => new(instrument, rater, Timing.Start, cadence);
    static PastAdministration Gad7(DateTimeOffset at, int? session = null, Rater rater = Rater.Client) => new("GAD-7", rater, session, at);
    static PastAdministration Phq9(DateTimeOffset at, int? session = null) => new("PHQ-9", Rater.Client, session, at);

    static DueItem One(Cadence cadence, PastAdministration[] episode, DateTimeOffset now, int? s = null, bool nextSession = false) =>
        DueEvaluation.Evaluate([Rule(cadence)], new EpisodeHistory(Opened, episode), now, s, nextSession).Items.Single();

    static readonly Cadence EverySession = new(CadenceType.EverySession);
    static readonly Cadence IntakeOnly = new(CadenceType.IntakeOnly);
    static Cadence EveryN(int n, bool atIntake = true) => new(CadenceType.EveryNSessions, N: n, AtIntake: atIntake);
    static Cadence EveryDays(int days, int early, int grace, bool atIntake = true) =>
        new(CadenceType.EveryNDays, Days: days, EarlyDays: early, GraceDays: grace, AtIntake: atIntake);

    // ---- S: the sessionNumber asked for, else 1 + the highest sessionIndex in E (1 when E is empty) ----

    [Fact]
    public void S_is_1_for_an_empty_episode_and_for_a_client_without_one()
    {
        DueEvaluation.Evaluate([Rule(EverySession)], new EpisodeHistory(Opened, []), Now).SessionNumber.ShouldBe(1);
        var none = DueEvaluation.Evaluate([Rule(EverySession)], null, Now);
        none.SessionNumber.ShouldBe(1);
        none.SessionNumberInferred.ShouldBeTrue();
    }

    [Fact]
    public void S_without_session_numbers_counts_distinct_UTC_dates_of_every_instrument()
    {
        // Three UTC dates (two administrations on Oct 8, one of them 23:30 UTC): indexes 1, 2, 2, 3; S = 1 + 3 = 4.
        var episode = new[]
        {
            Phq9(Opened), Phq9(new(2026, 10, 8, 9, 0, 0, TimeSpan.Zero)), Gad7(new(2026, 10, 8, 23, 30, 0, TimeSpan.Zero)),
            Phq9(new(2026, 10, 15, 0, 10, 0, TimeSpan.Zero)),
        };
        var schedule = DueEvaluation.Evaluate([Rule(EveryN(4))], new EpisodeHistory(Opened, episode), Now);
        schedule.SessionNumber.ShouldBe(4);
        // GAD-7's latest is the Oct 8 one: session index 2.
        schedule.Items.Single().LastSessionNumber.ShouldBe(2);
    }

    [Fact]
    public void S_takes_explicit_session_numbers_and_the_query_wins()
    {
        var episode = new[] { Phq9(Opened, 1), Phq9(Opened.AddDays(7), 7) };
        DueEvaluation.Evaluate([Rule(EverySession)], new EpisodeHistory(Opened, episode), Now).SessionNumber.ShouldBe(8);
        var asked = DueEvaluation.Evaluate([Rule(EverySession)], new EpisodeHistory(Opened, episode), Now, sessionNumber: 3);
        asked.SessionNumber.ShouldBe(3);
        asked.SessionNumberInferred.ShouldBeFalse();
    }

    // ---- every_session: always due; intake when A is empty ----

    [Fact]
    public void Every_session_is_intake_first_then_every_session()
    {
        var first = One(EverySession, [], Now);
        (first.Status, first.Reason, first.DueAt).ShouldBe((DueStatus.Due, DueReason.Intake, (DateTimeOffset?)null));
        var later = One(EverySession, [Gad7(Opened, 1)], Now);
        (later.Status, later.Reason, later.LastSessionNumber, later.LastAdministeredAt).ShouldBe((DueStatus.Due, DueReason.EverySession, (int?)1, (DateTimeOffset?)Opened));
    }

    [Fact]
    public void Every_session_is_never_overdue_however_many_sessions_were_missed()
    {
        One(EverySession, [Gad7(Opened, 1), Phq9(Opened.AddDays(7), 9)], Now).Status.ShouldBe(DueStatus.Due);
    }

    // ---- done this session: a sessionNumber = S, or none and now - administeredAt < 12 h ----

    [Fact]
    public void Done_this_session_by_session_number()
    {
        var done = One(EverySession, [Gad7(Opened, 1), Gad7(Opened.AddDays(7), 2)], Now, s: 2);
        (done.Status, done.Reason, done.NextDueSession).ShouldBe((DueStatus.NotDue, DueReason.DoneThisSession, (int?)3));
        // The same administrations asked about session 3: due again.
        One(EverySession, [Gad7(Opened, 1), Gad7(Opened.AddDays(7), 2)], Now, s: 3).Status.ShouldBe(DueStatus.Due);
    }

    [Theory]
    [InlineData(0, true)]                       // just now
    [InlineData(12 * 3600 - 1, true)]           // 11:59:59 ago
    [InlineData(12 * 3600, false)]              // exactly 12 h: not < 12 h
    [InlineData(12 * 3600 + 1, false)]
    public void Done_this_session_within_12_hours_without_a_session_number(int secondsAgo, bool done)
    {
        var item = One(EverySession, [Gad7(Now.AddSeconds(-secondsAgo))], Now);
        item.Status.ShouldBe(done ? DueStatus.NotDue : DueStatus.Due);
        if (done) item.Reason.ShouldBe(DueReason.DoneThisSession);
    }

    [Fact]
    public void A_recent_administration_with_another_session_number_is_not_done_this_session()
    {
        // Sent 1 h ago as session 4; S = 5 (inferred): the 12 h rule only counts administrations without a number.
        One(EverySession, [Gad7(Now.AddHours(-1), 4)], Now).Status.ShouldBe(DueStatus.Due);
    }

    [Fact]
    public void Another_rater_or_instrument_does_not_count()
    {
        One(IntakeOnly, [Gad7(Opened, 1, Rater.Caregiver), Phq9(Opened, 1)], Now).Status.ShouldBe(DueStatus.Due);
    }

    // ---- intake_only: due when A is empty ----

    [Fact]
    public void Intake_only_is_due_once()
    {
        var first = One(IntakeOnly, [Phq9(Opened, 1)], Now);
        (first.Status, first.Reason).ShouldBe((DueStatus.Due, DueReason.Intake));
        var after = One(IntakeOnly, [Gad7(Opened, 1)], Now);
        (after.Status, after.Reason, after.NextDueSession, after.NextDueAt).ShouldBe((DueStatus.NotDue, DueReason.IntakeDone, (int?)null, (DateTimeOffset?)null));
    }

    // ---- every_n_sessions: A empty and (atIntake or S >= 1 + n); else S - sessionIndex(L) >= n; overdue when > n ----

    [Theory]
    // L at session 2, n = 4: S - 2 >= 4 from S = 6; overdue from S = 7.
    [InlineData(5, DueStatus.NotDue, 6)]
    [InlineData(6, DueStatus.Due, null)]
    [InlineData(7, DueStatus.Overdue, null)]
    public void Every_n_sessions_counts_from_the_latest(int s, DueStatus status, int? next)
    {
        var item = One(EveryN(4), [Gad7(Opened, 1), Gad7(Opened.AddDays(7), 2)], Now, s);
        (item.Status, item.NextDueSession).ShouldBe((status, next));
        item.Reason.ShouldBe(status == DueStatus.NotDue ? DueReason.IntervalNotReached : DueReason.SessionInterval);
        item.LastSessionNumber.ShouldBe(2);
        item.DueAt.ShouldBeNull();
    }

    [Theory]
    // atIntake false, A empty: due when S >= 1 + n = 5; overdue (FD, the same count) when S > 5.
    [InlineData(4, DueStatus.NotDue)]
    [InlineData(5, DueStatus.Due)]
    [InlineData(6, DueStatus.Overdue)]
    public void Every_n_sessions_without_intake_waits_n_sessions(int s, DueStatus status)
    {
        var item = One(EveryN(4, atIntake: false), [Phq9(Opened, 1)], Now, s);
        item.Status.ShouldBe(status);
        item.Reason.ShouldBe(status == DueStatus.NotDue ? DueReason.IntervalNotReached : DueReason.SessionInterval);
        if (status == DueStatus.NotDue) item.NextDueSession.ShouldBe(5);
    }

    [Theory]
    // atIntake, A empty: due at once (intake); FD: a missed intake is overdue from session 2.
    [InlineData(1, DueStatus.Due)]
    [InlineData(2, DueStatus.Overdue)]
    public void Every_n_sessions_at_intake(int s, DueStatus status)
    {
        var item = One(EveryN(4), [], Now, s);
        (item.Status, item.Reason).ShouldBe((status, DueReason.Intake));
    }

    [Fact]
    public void Every_n_sessions_done_this_session_is_next_due_n_sessions_on()
    {
        var item = One(EveryN(3), [Gad7(Opened, 1), Gad7(Opened.AddDays(28), 4)], Now, s: 4);
        (item.Status, item.Reason, item.NextDueSession).ShouldBe((DueStatus.NotDue, DueReason.DoneThisSession, (int?)7));
    }

    [Fact]
    public void Every_n_sessions_with_inferred_session_indexes()
    {
        // GAD-7 on the 1st date, PHQ-9 on dates 2-4: GAD-7's index 1, S = 5, 5 - 1 >= 4: due; >= 5 would be overdue.
        var episode = new[] { Gad7(Opened), Phq9(Opened.AddDays(7)), Phq9(Opened.AddDays(14)), Phq9(Opened.AddDays(21)) };
        var item = One(EveryN(4), episode, Now);
        (item.Status, item.Reason, item.LastSessionNumber).ShouldBe((DueStatus.Due, DueReason.SessionInterval, (int?)1));
        One(EveryN(4), [.. episode, Phq9(Opened.AddDays(28))], Now).Status.ShouldBe(DueStatus.Overdue);
        One(EveryN(5), episode, Now).Status.ShouldBe(DueStatus.NotDue);
    }

    // ---- every_n_days: due when now >= dueAt - earlyDays; overdue when now > dueAt + graceDays ----

    static readonly DateTimeOffset Last = new(2026, 10, 16, 14, 30, 0, TimeSpan.Zero);

    [Theory]
    // L = Oct 16 14:30, days 28 -> dueAt Nov 13 14:30; early 3 -> shows from Nov 10 14:30; grace 7 -> overdue after Nov 20 14:30.
    [InlineData("2026-11-10T14:29:59Z", DueStatus.NotDue)]
    [InlineData("2026-11-10T14:30:00Z", DueStatus.Due)]
    [InlineData("2026-11-13T14:30:00Z", DueStatus.Due)]
    [InlineData("2026-11-20T14:30:00Z", DueStatus.Due)]
    [InlineData("2026-11-20T14:30:01Z", DueStatus.Overdue)]
    public void Every_n_days_early_window_and_grace(string now, DueStatus status)
    {
        var item = One(EveryDays(28, 3, 7), [Gad7(Opened, 1), Gad7(Last, 2)], DateTimeOffset.Parse(now));
        item.Status.ShouldBe(status);
        item.DueAt.ShouldBe(new DateTimeOffset(2026, 11, 13, 14, 30, 0, TimeSpan.Zero));
        item.LastAdministeredAt.ShouldBe(Last);
        item.Reason.ShouldBe(status == DueStatus.NotDue ? DueReason.IntervalNotReached : DueReason.DayInterval);
        item.NextDueAt.ShouldBe(status == DueStatus.NotDue ? new DateTimeOffset(2026, 11, 10, 14, 30, 0, TimeSpan.Zero) : null);
    }

    [Theory]
    // No early days, no grace: due exactly at dueAt, overdue a second later.
    [InlineData(-1, DueStatus.NotDue)]
    [InlineData(0, DueStatus.Due)]
    [InlineData(1, DueStatus.Overdue)]
    public void Every_n_days_on_the_day(int secondsFromDue, DueStatus status)
    {
        var dueAt = Last.AddDays(7);
        One(EveryDays(7, 0, 0), [Gad7(Last, 1)], dueAt.AddSeconds(secondsFromDue)).Status.ShouldBe(status);
    }

    [Theory]
    // A empty with atIntake: dueAt = E.openedAt (Oct 1 09:00); overdue after Oct 8 09:00 (grace 7).
    [InlineData("2026-10-01T09:00:00Z", DueStatus.Due)]
    [InlineData("2026-10-08T09:00:00Z", DueStatus.Due)]
    [InlineData("2026-10-08T09:00:01Z", DueStatus.Overdue)]
    public void Every_n_days_at_intake(string now, DueStatus status)
    {
        var item = One(EveryDays(28, 3, 7), [Phq9(Opened, 1)], DateTimeOffset.Parse(now));
        (item.Status, item.Reason, item.DueAt).ShouldBe((status, DueReason.Intake, (DateTimeOffset?)Opened));
    }

    [Theory]
    // A empty without intake: dueAt = openedAt + 28 d = Oct 29 09:00, shows from Oct 26 09:00 (early 3).
    [InlineData("2026-10-26T08:59:59Z", DueStatus.NotDue)]
    [InlineData("2026-10-26T09:00:00Z", DueStatus.Due)]
    [InlineData("2026-11-05T09:00:01Z", DueStatus.Overdue)]
    public void Every_n_days_without_intake(string now, DueStatus status)
    {
        var item = One(EveryDays(28, 3, 7, atIntake: false), [Phq9(Opened, 1)], DateTimeOffset.Parse(now));
        item.Status.ShouldBe(status);
        item.DueAt.ShouldBe(Opened.AddDays(28));
        item.Reason.ShouldBe(status == DueStatus.NotDue ? DueReason.IntervalNotReached : DueReason.DayInterval);
    }

    [Fact]
    public void Every_n_days_for_a_client_without_an_episode_counts_from_now()
    {
        var intake = DueEvaluation.Evaluate([Rule(EveryDays(28, 3, 7))], null, Now).Items.Single();
        (intake.Status, intake.Reason, intake.DueAt).ShouldBe((DueStatus.Due, DueReason.Intake, (DateTimeOffset?)Now));
        var later = DueEvaluation.Evaluate([Rule(EveryDays(28, 3, 7, atIntake: false))], null, Now).Items.Single();
        (later.Status, later.NextDueAt).ShouldBe((DueStatus.NotDue, (DateTimeOffset?)Now.AddDays(25)));
    }

    [Fact]
    public void Every_n_days_done_this_session_is_not_due_even_inside_the_window()
    {
        // days 1, early 0: dueAt = 2 h ago + 1 d, not due anyway; days 1 with early 1: shows from the moment it was
        // given, but it was given 2 h ago (< 12 h, no session number): done this session.
        var item = One(EveryDays(1, 0, 0), [Gad7(Now.AddHours(-2))], Now);
        item.Status.ShouldBe(DueStatus.NotDue);
        var early = One(new Cadence(CadenceType.EveryNDays, Days: 2, EarlyDays: 1, GraceDays: 0), [Gad7(Now.AddDays(-1).AddHours(2))], Now);
        (early.Status, early.Reason).ShouldBe((DueStatus.NotDue, DueReason.IntervalNotReached));
        var inWindow = One(new Cadence(CadenceType.EveryNDays, Days: 1, EarlyDays: 0, GraceDays: 0), [Gad7(Now.AddHours(-11), 3)], Now, s: 3);
        (inWindow.Status, inWindow.Reason).ShouldBe((DueStatus.NotDue, DueReason.DoneThisSession));
    }

    // ---- the overdue list's view: S = the next session; session cadences due_next_session, day cadences due/overdue ----

    [Fact]
    public void The_next_session_view()
    {
        var episode = new[] { Gad7(Opened, 1), Phq9(Opened.AddDays(7), 2), Gad7(Last, 3) };
        var rules = new[]
        {
            Rule(EverySession, "PHQ-9"), Rule(EveryN(2)), Rule(IntakeOnly, "CORE-10"),
            Rule(EveryDays(28, 3, 7), "WHO-5"), Rule(EveryDays(28, 3, 7)),
        };
        var schedule = DueEvaluation.Evaluate(rules, new EpisodeHistory(Opened, episode), Now, sessionNumber: 2, forNextSession: true);
        schedule.SessionNumber.ShouldBe(4); // the query is not used: 1 + 3
        schedule.Items.Select(i => i.Status).ShouldBe([
            DueStatus.DueNextSession,   // PHQ-9 every session
            DueStatus.NotDue,           // GAD-7 every 2 from session 3: due at 5
            DueStatus.DueNextSession,   // CORE-10 intake never given
            DueStatus.Overdue,          // WHO-5 intake: dueAt Oct 1, overdue after Oct 8
            DueStatus.Due,              // GAD-7 every 28 days from Oct 16 14:30: due Nov 13, overdue after Nov 20 14:30 (now 09:00)
        ]);
    }

    [Fact]
    public void The_next_session_view_does_not_count_today_as_the_next_session()
    {
        // PHQ-9 given 2 h ago without a number (index 2, S = 3): done this session for the tablet's view, but the next
        // session (3) still needs it.
        var episode = new[] { Phq9(Opened, 1), Phq9(Now.AddHours(-2)) };
        var rule = new[] { Rule(EverySession, "PHQ-9") };
        DueEvaluation.Evaluate(rule, new EpisodeHistory(Opened, episode), Now).Items.Single().Reason.ShouldBe(DueReason.DoneThisSession);
        var next = DueEvaluation.Evaluate(rule, new EpisodeHistory(Opened, episode), Now, forNextSession: true);
        (next.SessionNumber, next.Items.Single().Status).ShouldBe((3, DueStatus.DueNextSession));
    }

    [Fact]
    public void Done_this_session_by_the_12_hour_rule_is_next_due_n_sessions_after_the_session_asked_about()
    {
        // Asked about session 5; GAD-7 given 1 h ago without a number sits on the 3rd date (index 3): done, and next
        // due at 5 + 3 = 8, not at 3 + 3.
        var episode = new[] { Phq9(Opened, 1), Phq9(Opened.AddDays(7)), Gad7(Now.AddHours(-1)) };
        var item = One(EveryN(3), episode, Now, s: 5);
        (item.Status, item.Reason, item.LastSessionNumber, item.NextDueSession).ShouldBe((DueStatus.NotDue, DueReason.DoneThisSession, (int?)3, (int?)8));
    }

    [Theory]
    [InlineData(DueStatus.Due, true)]
    [InlineData(DueStatus.Overdue, true)]
    [InlineData(DueStatus.DueNextSession, true)]
    [InlineData(DueStatus.NotDue, false)]
    public void What_a_tablet_shows(DueStatus status, bool shown) =>
        new DueItem(Rule(EverySession), status, DueReason.Intake, null, null, null, null, null).ToShow.ShouldBe(shown);

    [Fact]
    public void Items_keep_the_plans_order()
    {
        var rules = new[] { Rule(EverySession, "SRS"), Rule(EverySession, "PHQ-9"), Rule(EverySession, "GAD-7") };
        DueEvaluation.Evaluate(rules, null, Now).Items.Select(i => i.Rule.Instrument).ShouldBe(["SRS", "PHQ-9", "GAD-7"]);
    }
}
