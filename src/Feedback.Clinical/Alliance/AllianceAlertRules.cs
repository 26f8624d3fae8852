using Feedback.Clinical.Alerts;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Trajectories;
using static Feedback.Clinical.Alerts.AlertRules;

namespace Feedback.Clinical.Alliance;

/// <summary>
/// The alliance series of this instrument and rater in the episode with the current rating at its place (administeredAt
/// order), and whether the episode is closed.
/// </summary>
public sealed record AllianceSeries(IReadOnlyList<AllianceRating> Ratings, IReadOnlyList<int?> SessionNumbers, int CurrentIndex, bool EpisodeClosed = false)
{
    public bool CurrentIsLatest => CurrentIndex == Ratings.Count - 1;

    /// <summary>"session 4" when the rating carries a session number, else "rating 4" (its place in the series).</summary>
    public string Label(int index) => SessionNumbers[index] is { } s ? $"session {s}" : $"rating {index + 1}";
}

/// <summary>
/// What the episode already holds that the alliance-v2 alerts depend on: the series' current <c>alliance_rupture</c>
/// alert (open or acknowledged; the id of its administration), the episode's <c>early_alliance_risk</c>, and whether the
/// client's latest outcome administration of the episode would escalate one.
/// </summary>
public sealed record AllianceAlertState(string? RuptureAlertOn = null, EarlyAllianceAlert Early = EarlyAllianceAlert.None, bool OutcomeEscalates = false)
{
    public static readonly AllianceAlertState None = new();
}

/// <summary>Which current alerts an evaluation resolves: the series' rupture alert, the episode's normal early alliance risk.</summary>
public enum AlertResolution { SeriesRupture, EarlyAllianceNormal }

/// <summary>
/// Alerts of <c>alliance-v2</c> (clinical.md section 9): <c>alliance_rupture</c> at an onset, resolved by a repair;
/// <c>rupture_unrepaired</c> at the third rating without repair; <c>early_alliance_risk</c>, escalated to high once.
/// Rupture alerts follow the series' latest rating, like trajectory alerts (section 6): at it the current alerts are made
/// to match the rupture state the whole stored series gives, so a back-dated rating that changed the story is reflected
/// at the next rating without re-alerting what the clinician has already been told.
/// </summary>
public static class AllianceAlertRules
{
    public const string Version = "alliance-v2";

    public static void AtLatestRating(Instrument instrument, Rater rater, AllianceSeries series, RuptureWalk walk, decimal total,
        string? ruptureAlertOn, List<AlertDraft> raise, List<AlertResolution> resolve)
    {
        // A closed episode's rupture ended with it (unrepaired, its alert resolved): a late rating entered into it
        // changes the reading, never the worklist.
        if (!RuptureRules.AppliesTo(rater) || !series.CurrentIsLatest || series.EpisodeClosed) return;
        var current = walk.Points[series.CurrentIndex].Rupture;
        var currentRupture = current is null ? null : walk.Ruptures.First(r => r.OnsetAdministrationId == current.SinceAdministrationId);
        var keep = false;
        if (ruptureAlertOn is not null)
        {
            var place = series.Ratings.ToList().FindIndex(r => r.AdministrationId == ruptureAlertOn);
            var alerted = place < 0 ? null : walk.Ruptures.FirstOrDefault(r => r.Spans(place));
            keep = alerted is not null && alerted == currentRupture && current!.State == RuptureState.Open;
            if (!keep)
            {
                resolve.Add(AlertResolution.SeriesRupture);
                // A rupture the clinician was told of that ended unrepaired at a back-dated rating: said now, once.
                if (alerted is { State: RuptureState.Unrepaired } && alerted != currentRupture)
                    raise.Add(Unrepaired(instrument, rater, series, alerted.Baseline, alerted.OnsetIndex, total));
            }
        }
        if (current is { State: RuptureState.Open } && !keep)
            raise.Add(RuptureOpen(instrument, rater, series, current, currentRupture!.OnsetIndex, total));
        if (current is { State: RuptureState.Unrepaired })
            raise.Add(Unrepaired(instrument, rater, series, current.Baseline, currentRupture!.OnsetIndex, total));
    }

    /// <summary>At a client's alliance rating: the episode's first early alliance risk, high at once when the outcome already escalates.</summary>
    public static void EarlyRisk(Instrument instrument, Rater rater, AllianceSeries series, AllianceAlertState state, List<AlertDraft> raise)
    {
        if (state.Early != EarlyAllianceAlert.None) return;
        var t = TrajectorySession(series);
        var soFar = series.Ratings.Take(series.CurrentIndex + 1).Select(r => r.Total).ToList();
        if (!EarlyAllianceRules.IsRisk(instrument, rater, t, soFar)) return;
        var mean = soFar.Sum() / soFar.Count;
        var cutoff = instrument == Catalogue.WaiSr
            ? $"the mean total {F(Math.Round(mean, 1, MidpointRounding.AwayFromZero))} (item mean {F(Math.Round(mean / instrument.ItemCount, 1, MidpointRounding.AwayFromZero))}) is below the cut-off (item mean {F(AllianceRules.WaiSrItemMeanFloor)})"
            : $"the mean total {F(Math.Round(mean, 1, MidpointRounding.AwayFromZero))} is at or below the cut-off {F(AllianceRules.SrsCutoff)}";
        var escalated = state.OutcomeEscalates ? " The client's outcome is not reliably improved or is at risk by session 3." : "";
        raise.Add(new(AlertKind.EarlyAllianceRisk, state.OutcomeEscalates ? AlertPriority.High : AlertPriority.Normal, null,
            $"{instrument.Code} early alliance risk: over the first {soFar.Count} ratings {cutoff}; a weak early alliance predicts dropout.{escalated}",
            RulesVersion: Version));
    }

    /// <summary>At a client's outcome administration: escalates the episode's normal early alliance risk when the outcome is not reliably improved or is at risk by session 3.</summary>
    public static void EscalateEarlyRisk(Instrument instrument, Rater rater, OutcomeFeedback outcome, AllianceAlertState state,
        List<AlertDraft> raise, List<AlertResolution> resolve)
    {
        if (state.Early != EarlyAllianceAlert.Normal || !EarlyAllianceRules.Escalates(rater, outcome)) return;
        resolve.Add(AlertResolution.EarlyAllianceNormal);
        var reading = outcome.Status switch
        {
            ProgressStatus.OffTrack => "off track",
            ProgressStatus.AtRisk => "at risk",
            _ => "not reliably improved",
        };
        raise.Add(new(AlertKind.EarlyAllianceRisk, AlertPriority.High, null,
            $"Early alliance risk with no early change: {instrument.Code} at session {outcome.Session} is {reading} ({F(outcome.IntakeScore)} at intake, {F(outcome.IntakeScore + outcome.ChangeFromIntake)} now), after a weak alliance in the first sessions.",
            RulesVersion: Version));
    }

    /// <summary>Section 4's t counted on the alliance series: session numbers when both carry one, else the place.</summary>
    public static int TrajectorySession(AllianceSeries series) =>
        OutcomeEngine.TrajectorySession(new ScorePoint(series.Ratings[0].Total, series.SessionNumbers[0]),
            new ScorePoint(series.Ratings[series.CurrentIndex].Total, series.SessionNumbers[series.CurrentIndex]), series.CurrentIndex + 1);

    static AlertDraft RuptureOpen(Instrument instrument, Rater rater, AllianceSeries series, RuptureAtRating rupture, int onsetIndex, decimal total)
    {
        var depth = RuptureRules.Depth(instrument);
        var since = rupture.IsOnset ? "" : $" (open since {series.Label(onsetIndex)})";
        return new(AlertKind.AllianceRupture, AlertPriority.Normal, null,
            $"{Rated(instrument, rater)} alliance rupture{since}: total {F(total)} against a baseline of {F(rupture.Baseline)} (a fall of {F(depth)} or more); repaired when a rating reaches {F(rupture.Baseline - depth / 2)}.",
            RulesVersion: Version);
    }

    static AlertDraft Unrepaired(Instrument instrument, Rater rater, AllianceSeries series, decimal baseline, int onsetIndex, decimal total) =>
        new(AlertKind.RuptureUnrepaired, AlertPriority.High, null,
            $"{Rated(instrument, rater)} alliance rupture since {series.Label(onsetIndex)} not repaired within {RuptureRules.RatingsToRepair} ratings: total {F(total)} now, baseline {F(baseline)}; unrepaired ruptures predict a worse outcome.",
            RulesVersion: Version);
}
