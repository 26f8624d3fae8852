using Feedback.Clinical.Alerts;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Trajectories;

namespace Feedback.Clinical;

/// <summary>The other rater's administration of the same alliance instrument, episode and session.</summary>
public sealed record Counterpart(Rater Rater, IReadOnlyList<decimal?> Items, bool IsLaterThanCurrent);

/// <summary>What the engine needs to know of the episode, besides the administration being evaluated.</summary>
/// <param name="Intake">The intake of this instrument and rater; null when the current administration is the intake.</param>
/// <param name="Ordinal">The current administration's 1-based place among them, by administeredAt.</param>
/// <param name="PreviousTotal">The total of the one just before it, if any.</param>
public sealed record EpisodeContext(ScorePoint? Intake, int Ordinal, decimal? PreviousTotal, Counterpart? Counterpart);

/// <summary>A therapist/client alliance gap at or over the threshold; Gap is on a 0-1 scale.</summary>
public sealed record Discrepancy(double Gap, bool OnCounterpart);

public sealed record Evaluation(OutcomeFeedback? Outcome, AllianceFeedback? Alliance, IReadOnlyList<AlertDraft> Alerts);

/// <summary>One scored administration in its episode -> feedback and alerts. Pure: no I/O, no clock, no randomness.</summary>
public static class FeedbackEngine
{
    public static Evaluation Evaluate(Instrument instrument, AgeGroup ageGroup, Rater rater, IReadOnlyList<decimal?> items,
        Score score, int? sessionNumber, EpisodeContext context)
    {
        OutcomeFeedback? outcome = null;
        AllianceFeedback? alliance = null;
        Discrepancy? discrepancy = null;
        if (instrument.Kind == InstrumentKind.Outcome)
        {
            var current = new ScorePoint(score.Total, sessionNumber);
            outcome = OutcomeEngine.Evaluate(instrument, ageGroup, context.Intake ?? current, current, context.Intake is null ? 1 : context.Ordinal);
        }
        else
        {
            alliance = AllianceRules.Evaluate(instrument, items, score, context.PreviousTotal);
            discrepancy = DualPerspective(instrument, rater, items, context.Counterpart);
        }
        // Alliance concerns are for the client's own rating; the therapist's feeds the dual-perspective rule only.
        var alerts = AlertRules.Evaluate(instrument, items, outcome, rater == Rater.Client ? alliance : null, discrepancy);
        return new Evaluation(outcome, alliance, alerts);
    }

    static Discrepancy? DualPerspective(Instrument instrument, Rater rater, IReadOnlyList<decimal?> items, Counterpart? counterpart)
    {
        if (counterpart is null || rater == counterpart.Rater || rater == Rater.Caregiver || counterpart.Rater == Rater.Caregiver)
            return null;
        var (client, therapist) = rater == Rater.Client ? (items, counterpart.Items) : (counterpart.Items, items);
        var gap = AllianceRules.NormalisedMean(instrument, therapist) - AllianceRules.NormalisedMean(instrument, client);
        return gap >= AllianceRules.DiscrepancyThreshold ? new Discrepancy(gap, counterpart.IsLaterThanCurrent) : null;
    }
}
