using Feedback.Clinical.Alerts;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Trajectories;
using static Feedback.Clinical.Alerts.AlertRules;

namespace Feedback.Clinical.Alliance;

/// <summary>
/// The alliance series of this instrument and rater in the episode with the current rating at its place (administeredAt
/// order), and whether the episode is closed. EpisodeSessions: each rating's episode session e(a) (clinical.md v1.2
/// section 1); when absent, each rating counts as its own visit of an episode that began with the series.
/// </summary>
public sealed record AllianceSeries(IReadOnlyList<AllianceRating> Ratings, IReadOnlyList<int?> SessionNumbers, int CurrentIndex,
    bool EpisodeClosed = false, IReadOnlyList<int>? EpisodeSessions = null)
{
    public bool CurrentIsLatest => CurrentIndex == Ratings.Count - 1;

    public int EpisodeSession(int index) => EpisodeSessions?[index] ?? index + 1;

    /// <summary>"clinic session 4" when the rating carries a session number, else "administration 4 of this measure".</summary>
    public string Label(int index) => AlertText.When(SessionNumbers[index], index + 1);
}

/// <summary>
/// What the episode already holds that the alliance-v2.1 alerts depend on: the series' current <c>alliance_rupture</c>
/// alert (the id of its administration), whether the series has a current <c>rupture_unrepaired</c> and a current
/// <c>alliance_concern</c>, the episode's <c>early_alliance_risk</c>, and whether the client's latest outcome
/// administration of the episode would escalate one.
/// </summary>
public sealed record AllianceAlertState(string? RuptureAlertOn = null, EarlyAllianceAlert Early = EarlyAllianceAlert.None,
    bool OutcomeEscalates = false, bool UnrepairedCurrent = false, bool ConcernCurrent = false)
{
    public static readonly AllianceAlertState None = new();
}

/// <summary>
/// Which current alerts an evaluation resolves: the series' rupture alert, its unrepaired-rupture alert, its concern, the
/// episode's normal early alliance risk.
/// </summary>
public enum AlertResolution { SeriesRupture, EarlyAllianceNormal, SeriesUnrepaired, SeriesConcern }

/// <summary>
/// Alerts of <c>alliance-v2.1</c> (clinical.md v1.2 sections 6 and 9): <c>alliance_rupture</c> at an onset, resolved by a
/// repair; <c>rupture_unrepaired</c> at the third rating without repair, resolved by a later rating without a concern
/// reason or a new onset; one current <c>alliance_concern</c> per series, none beside a current rupture alert;
/// <c>early_alliance_risk</c>, escalated to high once. All but the early risk follow the series' latest rating, like
/// trajectory alerts: at it the current alerts are made to match the state the whole stored series gives, so a
/// back-dated rating that changed the story is reflected at the next rating without re-alerting what was already said.
/// </summary>
public static class AllianceAlertRules
{
    public const string Version = "alliance-v2.1";

    public static void AtLatestRating(Instrument instrument, Rater rater, AllianceSeries series, RuptureWalk walk, Score score,
        AllianceFeedback feedback, AllianceAlertState state, List<AlertDraft> raise, List<AlertResolution> resolve)
    {
        // A closed episode's rupture ended with it (unrepaired, its alert resolved): a late rating entered into it
        // changes the reading, never the worklist.
        if (!RuptureRules.AppliesTo(rater) || !series.CurrentIsLatest || series.EpisodeClosed) return;
        var reasons = feedback.Reasons.Select(ReasonCode).ToList();
        var total = score.Total;
        var current = walk.Points[series.CurrentIndex].Rupture;
        var currentRupture = current is null ? null : walk.Ruptures.First(r => r.OnsetAdministrationId == current.SinceAdministrationId);
        var ruptureAlertStays = false;
        var unrepairedRaised = false;
        if (state.RuptureAlertOn is not null)
        {
            var place = series.Ratings.ToList().FindIndex(r => r.AdministrationId == state.RuptureAlertOn);
            var alerted = place < 0 ? null : walk.Ruptures.FirstOrDefault(r => r.Spans(place));
            ruptureAlertStays = alerted is not null && alerted == currentRupture && current!.State == RuptureState.Open;
            if (!ruptureAlertStays)
            {
                resolve.Add(AlertResolution.SeriesRupture);
                // A rupture the clinician was told of that ended unrepaired at a back-dated rating: said now, once, unless a
                // newer rupture is open (its own alert then is the series' one current rupture alert).
                if (alerted is { State: RuptureState.Unrepaired } && alerted != currentRupture && current is not { State: RuptureState.Open })
                {
                    raise.Add(Unrepaired(instrument, rater, series, alerted.Baseline, alerted.OnsetIndex, total) with { Reasons = reasons });
                    unrepairedRaised = true;
                }
            }
        }
        var opened = current is { State: RuptureState.Open } && !ruptureAlertStays;
        if (opened)
            raise.Add(RuptureOpen(instrument, rater, series, current!, currentRupture!.OnsetIndex, total) with { Reasons = reasons });
        if (current is { State: RuptureState.Unrepaired })
        {
            raise.Add(Unrepaired(instrument, rater, series, current.Baseline, currentRupture!.OnsetIndex, total) with { Reasons = reasons });
            unrepairedRaised = true;
        }
        // v1.2: a current rupture_unrepaired ends at a rating with no concern reason, at a new rupture (an onset, or one
        // that a back-dated rating opened, alerted now), or when replaced by a newer unrepaired one.
        var unrepairedStays = state.UnrepairedCurrent && feedback.Concern && !opened && !unrepairedRaised;
        if (state.UnrepairedCurrent && !unrepairedStays) resolve.Add(AlertResolution.SeriesUnrepaired);

        // The concern family (v1.2 section 6): resolved at every latest rating, raised again only beside no rupture alert.
        if (state.ConcernCurrent) resolve.Add(AlertResolution.SeriesConcern);
        var ruptureAlertCurrent = ruptureAlertStays || unrepairedStays
            || raise.Any(a => a.Kind is AlertKind.AllianceRupture or AlertKind.RuptureUnrepaired);
        if (feedback.Concern && !ruptureAlertCurrent)
            raise.Add(Concern(instrument, rater, series, score, feedback) with { Reasons = reasons });
    }

    /// <summary>
    /// At a client's SRS, CSRS or WAI-SR rating at episode session 1-3 (latest or back-dated): the episode's first early
    /// alliance risk, high at once when the client's latest outcome already escalates.
    /// </summary>
    public static void EarlyRisk(Instrument instrument, Rater rater, AllianceSeries series, AllianceAlertState state, List<AlertDraft> raise)
    {
        if (state.Early != EarlyAllianceAlert.None) return;
        var early = Enumerable.Range(0, series.Ratings.Count)
            .Where(k => series.EpisodeSession(k) <= EarlyAllianceRules.LastEarlySession).Select(k => series.Ratings[k].Total).ToList();
        if (!EarlyAllianceRules.IsRisk(instrument, rater, series.EpisodeSession(series.CurrentIndex), early)) return;
        var mean = Math.Round(early.Sum() / early.Count, 1, MidpointRounding.AwayFromZero);
        var cutoff = instrument == Catalogue.WaiSr
            ? $"a mean total of {AlertText.OneDecimal((double)mean)}, below {AlertText.Number(AllianceRules.WaiSrItemMeanFloor * instrument.ItemCount)} (item mean {AlertText.Number(AllianceRules.WaiSrItemMeanFloor)})"
            : $"a mean total of {AlertText.OneDecimal((double)mean)}, at or below {AlertText.Number(AllianceRules.SrsCutoff)}";
        var escalated = state.OutcomeEscalates
            ? " The client's latest outcome measure is already at risk, off track or not improving."
            : "";
        raise.Add(new(AlertKind.EarlyAllianceRisk, state.OutcomeEscalates ? AlertPriority.High : AlertPriority.Normal, null,
            $"{instrument.Code} early alliance risk at {series.Label(series.CurrentIndex)}: the client's {early.Count} ratings in the first {EarlyAllianceRules.LastEarlySession} sessions of the episode have {cutoff}; a weak early alliance predicts dropout.{escalated}",
            RulesVersion: Version));
    }

    /// <summary>At a client's outcome administration: escalates the episode's normal early alliance risk when the outcome is at risk, off track or not improving from t = 3.</summary>
    public static void EscalateEarlyRisk(Instrument instrument, Rater rater, OutcomeFeedback outcome, AllianceAlertState state, string when,
        List<AlertDraft> raise, List<AlertResolution> resolve)
    {
        if (state.Early != EarlyAllianceAlert.Normal || !EarlyAllianceRules.Escalates(rater, outcome)) return;
        resolve.Add(AlertResolution.EarlyAllianceNormal);
        var x = AlertText.Total(instrument, outcome.IntakeScore + outcome.ChangeFromIntake);
        raise.Add(new(AlertKind.EarlyAllianceRisk, AlertPriority.High, null,
            $"Early alliance risk with no early change: {instrument.Code} {x} at {when} is {AlertText.StatusWord(outcome.Status)} ({AlertText.Total(instrument, outcome.IntakeScore)} at intake), after a weak alliance in the first sessions.",
            RulesVersion: Version));
    }

    /// <summary>Section 4's t counted on the alliance series: session numbers when both carry one, else the place.</summary>
    public static int TrajectorySession(AllianceSeries series) =>
        OutcomeEngine.TrajectorySession(new ScorePoint(series.Ratings[0].Total, series.SessionNumbers[0]),
            new ScorePoint(series.Ratings[series.CurrentIndex].Total, series.SessionNumbers[series.CurrentIndex]), series.CurrentIndex + 1);

    /// <summary>The API's spelling of a reason ("below_cutoff", "item_below_9").</summary>
    public static string ReasonCode(AllianceReason reason) => reason switch
    {
        AllianceReason.BelowCutoff => "below_cutoff",
        AllianceReason.ItemBelow9 => "item_below_9",
        AllianceReason.SubscaleLow => "subscale_low",
        _ => "drop",
    };

    static AlertDraft Concern(Instrument instrument, Rater rater, AllianceSeries series, Score score, AllianceFeedback feedback)
    {
        var high = feedback.Reasons.Count >= HighPriorityReasonCount && feedback.WellBelowCutoff;
        var words = string.Join("; ", feedback.Reasons.Select(r => AllianceRules.Words(instrument, r, score, feedback.ChangeFromPrevious)));
        return new(AlertKind.AllianceConcern, high ? AlertPriority.High : AlertPriority.Normal, null,
            $"{Rated(instrument, rater)} {AlertText.Total(instrument, score.Total)} at {series.Label(series.CurrentIndex)}: {words}. Talk about how the work together is going.",
            RulesVersion: Version);
    }

    static AlertDraft RuptureOpen(Instrument instrument, Rater rater, AllianceSeries series, RuptureAtRating rupture, int onsetIndex, decimal total)
    {
        var depth = RuptureRules.Depth(instrument);
        var since = rupture.IsOnset ? "" : $" (open since {series.Label(onsetIndex)})";
        return new(AlertKind.AllianceRupture, AlertPriority.Normal, null,
            $"{Rated(instrument, rater)} alliance rupture at {series.Label(series.CurrentIndex)}{since}: {AlertText.Total(instrument, total)} against a recent level of {AlertText.Total(instrument, rupture.Baseline)} (a fall of {AlertText.Number(depth)} or more); repaired when a rating reaches {AlertText.Total(instrument, rupture.Baseline - depth / 2)}.",
            RulesVersion: Version);
    }

    static AlertDraft Unrepaired(Instrument instrument, Rater rater, AllianceSeries series, decimal baseline, int onsetIndex, decimal total) =>
        new(AlertKind.RuptureUnrepaired, AlertPriority.High, null,
            $"{Rated(instrument, rater)} alliance rupture since {series.Label(onsetIndex)} not repaired within {RuptureRules.RatingsToRepair} ratings: {AlertText.Total(instrument, total)} at {series.Label(series.CurrentIndex)}, against a recent level of {AlertText.Total(instrument, baseline)}; unrepaired ruptures predict a worse outcome.",
            RulesVersion: Version);
}
