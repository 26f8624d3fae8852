using Feedback.Clinical.Alerts;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Trajectories;

namespace Feedback.Clinical;

/// <summary>The other rater's administration of the same alliance instrument, episode and session.</summary>
public sealed record Counterpart(Rater Rater, IReadOnlyList<decimal?> Items, bool IsLaterThanCurrent);

/// <summary>What the engine needs to know of the episode, besides the administration being evaluated.</summary>
/// <param name="Intake">The intake of this instrument and rater; null when the current administration is the intake.</param>
/// <param name="Ordinal">The current administration's 1-based place among them, by administeredAt.</param>
/// <param name="PreviousTotal">The total of the same rater's one just before it, if any.</param>
/// <param name="Series">Alliance instruments: the whole series with the current rating at its place; with it the
/// alliance-v2 rules apply (clinical.md section 9), without it v1.1's alone.</param>
/// <param name="AlertState">The alerts of the episode the alliance-v2 rules depend on.</param>
public sealed record EpisodeContext(ScorePoint? Intake, int Ordinal, decimal? PreviousTotal, Counterpart? Counterpart,
    AllianceSeries? Series = null, AllianceAlertState? AlertState = null);

/// <summary>A therapist/client alliance gap at or over the threshold; Gap is on a 0-1 scale.</summary>
public sealed record Discrepancy(decimal Gap, bool OnCounterpart);

/// <param name="Resolutions">Current alerts this evaluation ends (alliance-v2: a repaired rupture, an escalated early risk).</param>
/// <param name="RulesVersion">The rules the feedback and alerts were computed with: alliance-v2 for an alliance series, else alerts-v1.1.</param>
public sealed record Evaluation(OutcomeFeedback? Outcome, AllianceFeedback? Alliance, IReadOnlyList<AlertDraft> Alerts,
    IReadOnlyList<AlertResolution> Resolutions, string RulesVersion);

/// <summary>One scored administration in its episode -> feedback and alerts. Pure: no I/O, no clock, no randomness.</summary>
public static class FeedbackEngine
{
    /// <param name="current">This administration's total, session number, stored age group and proration.</param>
    public static Evaluation Evaluate(Instrument instrument, Rater rater, IReadOnlyList<decimal?> items, Score score,
        ScorePoint current, EpisodeContext context)
    {
        OutcomeFeedback? outcome = null;
        AllianceFeedback? alliance = null;
        Discrepancy? discrepancy = null;
        RuptureWalk? walk = null;
        var series = instrument.Kind == InstrumentKind.Alliance ? context.Series : null;
        if (instrument.Kind == InstrumentKind.Outcome)
        {
            outcome = OutcomeEngine.Evaluate(instrument, context.Intake ?? current, current, context.Intake is null ? 1 : context.Ordinal);
        }
        else if (series is not null)
        {
            // alliance-v2: a rupture replaces v1's drop wherever the series has a baseline (two earlier ratings or more).
            walk = RuptureRules.Walk(instrument, series.Ratings, series.EpisodeClosed);
            var point = walk.Points[series.CurrentIndex];
            var ruptureSeries = RuptureRules.AppliesTo(rater);
            var previous = series.CurrentIndex > 0 ? series.Ratings[series.CurrentIndex - 1].Total : (decimal?)null;
            alliance = AllianceRules.Evaluate(instrument, items, score, previous, dropApplies: !(ruptureSeries && point.Baseline is not null))
                with { Rupture = ruptureSeries ? point.Rupture : null };
            discrepancy = DualPerspective(instrument, rater, items, context.Counterpart);
        }
        else
        {
            alliance = AllianceRules.Evaluate(instrument, items, score, context.PreviousTotal);
            discrepancy = DualPerspective(instrument, rater, items, context.Counterpart);
        }
        var alerts = AlertRules.Evaluate(instrument, rater, items, outcome, alliance, discrepancy).ToList();
        var resolutions = new List<AlertResolution>();
        var state = context.AlertState ?? AllianceAlertState.None;
        if (series is not null)
        {
            alerts = [.. alerts.Select(a => a with { RulesVersion = AllianceAlertRules.Version })];
            AllianceAlertRules.AtLatestRating(instrument, rater, series, walk!, score.Total, state.RuptureAlertOn, alerts, resolutions);
            AllianceAlertRules.EarlyRisk(instrument, rater, series, state, alerts);
        }
        if (outcome is not null && context.AlertState is not null)
            AllianceAlertRules.EscalateEarlyRisk(instrument, rater, outcome, state, alerts, resolutions);
        return new Evaluation(outcome, alliance, alerts, resolutions, series is not null ? AllianceAlertRules.Version : AlertRules.Version);
    }

    /// <summary>Dual perspective (clinical.md section 6): the client's WAI-SR against the therapist's WAI-SR-T of the same session.</summary>
    static Discrepancy? DualPerspective(Instrument instrument, Rater rater, IReadOnlyList<decimal?> items, Counterpart? counterpart)
    {
        if (!instrument.HasTherapistForm || counterpart is null) return null;
        IReadOnlyList<decimal?> client, therapist;
        if (rater == Rater.Client && counterpart.Rater == Rater.Therapist) (client, therapist) = (items, counterpart.Items);
        else if (rater == Rater.Therapist && counterpart.Rater == Rater.Client) (client, therapist) = (counterpart.Items, items);
        else return null;
        var gap = AllianceRules.Gap(instrument, client, therapist);
        return gap >= AllianceRules.DiscrepancyThreshold ? new Discrepancy(gap, counterpart.IsLaterThanCurrent) : null;
    }
}
