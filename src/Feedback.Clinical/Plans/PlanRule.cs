using Feedback.Clinical.Instruments;

namespace Feedback.Clinical.Plans;

/// <summary>When in a session a measure is shown: tablets show <c>Start</c> items at check-in (interop.md section 3).</summary>
public enum Timing { Start, End }

public enum CadenceType { EverySession, IntakeOnly, EveryNSessions, EveryNDays }

/// <summary>
/// How often a measure is due (interop.md section 3). <see cref="N"/> belongs to every_n_sessions (2-52);
/// <see cref="Days"/>, <see cref="EarlyDays"/> and <see cref="GraceDays"/> to every_n_days; <see cref="AtIntake"/> to both.
/// </summary>
public sealed record Cadence(CadenceType Type, int N = 0, bool AtIntake = true, int Days = 0, int EarlyDays = 0, int GraceDays = 0)
{
    public bool CountsSessions => Type is CadenceType.EverySession or CadenceType.IntakeOnly or CadenceType.EveryNSessions;
}

/// <summary>One line of a measurement plan: this instrument, by this rater, at this point of the session, this often.</summary>
public sealed record PlanRule(string Instrument, Rater Rater, Timing Timing, Cadence Cadence);

/// <summary>An administration of the episode under evaluation, as far as the schedule needs it.</summary>
public sealed record PastAdministration(string Instrument, Rater Rater, int? SessionNumber, DateTimeOffset AdministeredAt);

/// <summary>The client's open episode: when it opened and what it holds.</summary>
public sealed record EpisodeHistory(DateTimeOffset OpenedAt, IReadOnlyList<PastAdministration> Administrations);
