using Feedback.Clinical.Instruments;

namespace Feedback.Clinical.Trajectories;

/// <summary>
/// The no_change condition of clinical.md v1.2 section 5 (Feedback default): by the fourth trajectory session the client
/// is still in the clinical range (judged by the intake's age group) and has not improved by half a reliable change.
/// PCOMS: "If improvement ... does not occur in the first few sessions then the likelihood of a positive outcome
/// significantly decreases" (Miller et al. 2006); about half of clients improve measurably by session 8 (Howard et al. 1986).
/// </summary>
public static class NoChange
{
    /// <summary>The first trajectory session at which no_change can hold.</summary>
    public const int FromSession = 4;

    /// <summary>From this trajectory session a no_change (or a stagnant at_risk) alert is high.</summary>
    public const int HighFromSession = PowerDecay.HalfwaySession;

    /// <summary>
    /// t &gt;= 4, in the clinical range by the intake's age group, and worse(intake, x) &lt; RCI/2 as exact decimals (the
    /// improvement may be negative: a worsening too small to be at risk).
    /// </summary>
    public static bool Holds(Instrument instrument, int t, decimal intake, decimal score, bool trajectoryClinical) =>
        t >= FromSession && trajectoryClinical
        && instrument.Direction.Worse(intake, score) < instrument.ReliableChangeIndex!.Value / 2;
}
