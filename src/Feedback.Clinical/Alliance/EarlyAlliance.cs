using Feedback.Clinical.Alerts;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Trajectories;

namespace Feedback.Clinical.Alliance;

/// <summary>The episode's <c>early_alliance_risk</c> so far: none raised, the normal one current, or the high one raised.</summary>
public enum EarlyAllianceAlert { None, Normal, High }

/// <summary>
/// Early alliance risk, rules <c>early-alliance-v2</c> (clinical.md v1.2 section 9). A weak early alliance predicts
/// dropout (d = .55, Sharf et al. 2010) and session-3 WAI predicts time to dropout; early change carries much of the
/// outcome variance (Saunders et al. 2019). No published threshold exists, so the cut-off is a Feedback default: SRS and
/// CSRS total &lt;= 36, WAI-SR item mean &lt; 3.5; TASC-R has none. "Early" is counted on the episode (its first
/// administration of any instrument), not on the alliance series.
/// </summary>
public static class EarlyAllianceRules
{
    public const string Version = "early-alliance-v2";

    /// <summary>Ratings at episode sessions 1 to this one are early.</summary>
    public const int LastEarlySession = 3;
    public const int MinimumRatings = 2;

    /// <summary>An outcome at trajectory session 3 or later can escalate (no_change can only hold from t = 4).</summary>
    public const int EscalatesFromSession = 3;

    /// <summary>SRS, CSRS and WAI-SR; TASC-R has no cut-off and raises no early alliance risk.</summary>
    public static bool Applies(Instrument instrument) =>
        instrument == Catalogue.Srs || instrument == Catalogue.Csrs || instrument == Catalogue.WaiSr;

    /// <summary>
    /// The mean of the ratings at or below the cut-off: SRS/CSRS total &lt;= 36, WAI-SR total &lt; 42 (item mean 3.5). Compared
    /// exactly: the sum against n times the cut-off, so no division rounds.
    /// </summary>
    public static bool MeanAtOrBelowCutoff(Instrument instrument, IReadOnlyList<decimal> totals)
    {
        var sum = totals.Sum();
        return instrument == Catalogue.WaiSr
            ? sum < AllianceRules.WaiSrItemMeanFloor * instrument.ItemCount * totals.Count
            : sum <= AllianceRules.SrsCutoff * totals.Count;
    }

    /// <summary>
    /// At a client rating at episode session <paramref name="episodeSession"/>: the risk holds when it is early and the
    /// client's ratings of the instrument at episode sessions 1-3 (<paramref name="earlyTotals"/>, this one included) are
    /// at least 2 with a mean at or below the cut-off.
    /// </summary>
    public static bool IsRisk(Instrument instrument, Rater rater, int episodeSession, IReadOnlyList<decimal> earlyTotals) =>
        rater == Rater.Client && Applies(instrument) && episodeSession <= LastEarlySession
        && earlyTotals.Count >= MinimumRatings && MeanAtOrBelowCutoff(instrument, earlyTotals);

    /// <summary>A client outcome at trajectory session 3 or later that is at risk, off track or not improving.</summary>
    public static bool Escalates(Rater rater, OutcomeFeedback outcome) =>
        rater == Rater.Client && Escalates(outcome.Session, outcome.Status);

    /// <summary>The same test on an outcome's trajectory session and status (as stored with it). "Not reliably improved"
    /// alone no longer escalates: it describes most clients at session 3 (Howard et al. 1986).</summary>
    public static bool Escalates(int session, ProgressStatus status) =>
        session >= EscalatesFromSession && status is ProgressStatus.AtRisk or ProgressStatus.OffTrack or ProgressStatus.NoChange;
}
