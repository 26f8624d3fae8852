using Feedback.Clinical.Alerts;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Trajectories;

namespace Feedback.Clinical.Alliance;

/// <summary>The episode's <c>early_alliance_risk</c> so far: none raised, the normal one current, or the high one raised.</summary>
public enum EarlyAllianceAlert { None, Normal, High }

/// <summary>
/// Early alliance risk, rules <c>early-alliance-v1</c> (clinical.md section 9). A weak early alliance predicts dropout
/// (d = .55, Sharf et al. 2010) and session-3 WAI predicts time to dropout; early change carries much of the outcome
/// variance (Saunders et al. 2019). No published threshold exists, so the cut-off is the instrument's concern cut-off.
/// </summary>
public static class EarlyAllianceRules
{
    public const string Version = "early-alliance-v1";

    /// <summary>Ratings at trajectory session t up to this one are early; an outcome from this session on can escalate.</summary>
    public const int LastEarlySession = 3;
    public const int MinimumRatings = 2;

    /// <summary>
    /// The mean of the client's ratings so far at or below the concern cut-off: SRS/CSRS total &lt;= 36 (CSRS included, as
    /// section 9 says, though its v1 reasons have no cut-off), WAI-SR item mean &lt; 3.5. Compared exactly: sum against n
    /// times the cut-off, so no division rounds.
    /// </summary>
    public static bool MeanAtOrBelowCutoff(Instrument instrument, IReadOnlyList<decimal> totals)
    {
        var sum = totals.Sum();
        return instrument == Catalogue.WaiSr
            ? sum < AllianceRules.WaiSrItemMeanFloor * instrument.ItemCount * totals.Count
            : sum <= AllianceRules.SrsCutoff * totals.Count;
    }

    /// <summary>At a client rating at trajectory session <paramref name="t"/>, with the client's ratings so far (this one included).</summary>
    public static bool IsRisk(Instrument instrument, Rater rater, int t, IReadOnlyList<decimal> totalsSoFar) =>
        rater == Rater.Client && instrument.Kind == InstrumentKind.Alliance && instrument != Catalogue.TascR && t <= LastEarlySession
        && totalsSoFar.Count >= MinimumRatings && MeanAtOrBelowCutoff(instrument, totalsSoFar);

    /// <summary>A client outcome at trajectory session 3 or later that is not reliably improved, or is at risk or off track.</summary>
    public static bool Escalates(Rater rater, OutcomeFeedback outcome) =>
        rater == Rater.Client && Escalates(outcome.Session, outcome.ReliableChange, outcome.Status);

    /// <summary>The same test on an outcome's trajectory session, reliable change and status (as stored with it).</summary>
    public static bool Escalates(int session, ChangeCategory reliableChange, ProgressStatus status) =>
        session >= LastEarlySession
        && (reliableChange != ChangeCategory.Improved || status is ProgressStatus.AtRisk or ProgressStatus.OffTrack);
}
