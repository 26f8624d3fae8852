using Feedback.Clinical.Alerts;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Support;
using Feedback.Clinical.Trajectories;

namespace Feedback.Clinical;

/// <summary>The other rater's administration of the same alliance instrument, episode and session.</summary>
public sealed record Counterpart(Rater Rater, IReadOnlyList<decimal?> Items, bool IsLaterThanCurrent);

/// <summary>What the engine needs to know of the episode, besides the administration being evaluated.</summary>
/// <param name="Intake">The intake of this instrument and rater; null when the current administration is the intake.</param>
/// <param name="Ordinal">The current administration's 1-based place among them, by administeredAt (its administrationOrdinal).</param>
/// <param name="PreviousTotal">The total of the same rater's one just before it, if any.</param>
/// <param name="Series">Alliance instruments: the whole series with the current rating at its place; without it the
/// series is taken to be the previous rating (if any) and this one.</param>
/// <param name="AlertState">The alerts of the episode the alliance-v2.1 rules depend on.</param>
/// <param name="Support">The episode state support-v1 reads (section 11); without it no suggestions are chosen.</param>
public sealed record EpisodeContext(ScorePoint? Intake, int Ordinal, decimal? PreviousTotal, Counterpart? Counterpart,
    AllianceSeries? Series = null, AllianceAlertState? AlertState = null, SupportContext? Support = null);

/// <summary>
/// What the episode holds for support-v1, read before this evaluation: RiskRecentBefore, a risk alert on one of the
/// three latest risk-screening administrations (counted with this one when it is one); CurrentInRiskWindow, this one is
/// among those three, so its own risk alerts count too; the alliance standing and the latest client outcome's status.
/// </summary>
public sealed record SupportContext(bool RiskRecentBefore, bool CurrentInRiskWindow, AllianceStanding Alliance, bool OutcomeNotOnTrack);

/// <summary>A therapist/client alliance gap at or over the threshold; Gap is on a 0-1 scale; When names the pair's session.</summary>
public sealed record Discrepancy(decimal Gap, bool OnCounterpart, string When);

/// <param name="Resolutions">Current alerts this evaluation ends (a repaired rupture, a concern replaced, an escalated early risk).</param>
/// <param name="RulesVersion">The rules the feedback and alerts were computed with: alliance-v2.1 for an alliance instrument, else alerts-v1.2.</param>
public sealed record Evaluation(OutcomeFeedback? Outcome, AllianceFeedback? Alliance, IReadOnlyList<AlertDraft> Alerts,
    IReadOnlyList<AlertResolution> Resolutions, string RulesVersion);

/// <summary>One scored administration in its episode -> feedback and alerts. Pure: no I/O, no clock, no randomness.</summary>
public static class FeedbackEngine
{
    /// <param name="current">This administration's total, session number, stored age group and proration.</param>
    public static Evaluation Evaluate(Instrument instrument, Rater rater, IReadOnlyList<decimal?> items, Score score,
        ScorePoint current, EpisodeContext context)
    {
        var when = AlertText.When(current.SessionNumber, context.Ordinal);
        var resolutions = new List<AlertResolution>();
        var state = context.AlertState ?? AllianceAlertState.None;
        List<AlertDraft> alerts;
        OutcomeFeedback? outcome = null;
        AllianceFeedback? alliance = null;
        if (instrument.Kind == InstrumentKind.Outcome)
        {
            outcome = OutcomeEngine.Evaluate(instrument, context.Intake ?? current, current, context.Intake is null ? 1 : context.Ordinal);
            alerts = [.. AlertRules.Evaluate(instrument, rater, items, outcome, current.AgeGroup, null, when)];
            if (context.AlertState is not null)
                AllianceAlertRules.EscalateEarlyRisk(instrument, rater, outcome, state, when, alerts, resolutions);
        }
        else
        {
            var series = context.Series ?? SeriesOfTwo(score, current, context.PreviousTotal);
            // alliance-v2: a rupture replaces v1's drop wherever the series has a baseline (two earlier ratings or more).
            var walk = RuptureRules.Walk(instrument, series.Ratings, series.EpisodeClosed);
            var point = walk.Points[series.CurrentIndex];
            var ruptureSeries = RuptureRules.AppliesTo(rater);
            var previous = series.CurrentIndex > 0 ? series.Ratings[series.CurrentIndex - 1].Total : (decimal?)null;
            alliance = AllianceRules.Evaluate(instrument, items, score, previous, dropApplies: !(ruptureSeries && point.Baseline is not null))
                with { Rupture = ruptureSeries ? point.Rupture : null };
            var discrepancy = DualPerspective(instrument, rater, items, context.Counterpart, current.SessionNumber);
            alerts = [.. AlertRules.Evaluate(instrument, rater, items, null, current.AgeGroup, discrepancy, when)
                .Select(a => a with { RulesVersion = AllianceAlertRules.Version })];
            AllianceAlertRules.AtLatestRating(instrument, rater, series, walk, score, alliance, state, alerts, resolutions);
            // Early alliance risk reads the episode's alerts: only a caller that knows them can raise it.
            if (context.AlertState is not null) AllianceAlertRules.EarlyRisk(instrument, rater, series, state, alerts);
        }
        if (context.Support is { } support) alerts = WithSuggestions(alerts, support);
        return new Evaluation(outcome, alliance, alerts, resolutions,
            instrument.Kind == InstrumentKind.Alliance ? AllianceAlertRules.Version : AlertRules.Version);
    }

    static AllianceSeries SeriesOfTwo(Score score, ScorePoint current, decimal? previousTotal) => previousTotal is { } p
        ? new AllianceSeries([new("previous", p), new("current", score.Total)], [null, current.SessionNumber], 1)
        : new AllianceSeries([new("current", score.Total)], [current.SessionNumber], 0);

    /// <summary>support-v1 (section 11): the alerts that carry suggestions get them, chosen from the state at this evaluation.</summary>
    static List<AlertDraft> WithSuggestions(List<AlertDraft> alerts, SupportContext support)
    {
        var riskNow = alerts.Any(a => a.Kind is AlertKind.RiskItem or AlertKind.RiskItemUnanswered);
        var state = new SupportState(support.RiskRecentBefore || support.CurrentInRiskWindow && riskNow, support.Alliance, support.OutcomeNotOnTrack);
        return [.. alerts.Select(a => Suggestions.Carried(a.Kind) ? a with { Suggestions = Suggestions.For(a.Kind, a.Priority, state) } : a)];
    }

    /// <summary>
    /// Dual perspective (clinical.md section 6): the client's WAI-SR or TASC-R against the therapist's form of the same
    /// session. For TASC-R the 0-1 gap is (therapist total - client total) / 36.
    /// </summary>
    static Discrepancy? DualPerspective(Instrument instrument, Rater rater, IReadOnlyList<decimal?> items, Counterpart? counterpart, int? sessionNumber)
    {
        if (!instrument.HasTherapistForm || counterpart is null) return null;
        IReadOnlyList<decimal?> client, therapist;
        if (rater == Rater.Client && counterpart.Rater == Rater.Therapist) (client, therapist) = (items, counterpart.Items);
        else if (rater == Rater.Therapist && counterpart.Rater == Rater.Client) (client, therapist) = (counterpart.Items, items);
        else return null;
        var gap = AllianceRules.Gap(instrument, client, therapist);
        var when = sessionNumber is { } n ? $"at clinic session {n}" : "on the same visit date";
        return gap >= AllianceRules.DiscrepancyThreshold ? new Discrepancy(gap, counterpart.IsLaterThanCurrent, when) : null;
    }
}
