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
/// <param name="PreviousTotal">The total of the same rater's one just before it, if any.</param>
public sealed record EpisodeContext(ScorePoint? Intake, int Ordinal, decimal? PreviousTotal, Counterpart? Counterpart);

/// <summary>A therapist/client alliance gap at or over the threshold; Gap is on a 0-1 scale.</summary>
public sealed record Discrepancy(decimal Gap, bool OnCounterpart);

public sealed record Evaluation(OutcomeFeedback? Outcome, AllianceFeedback? Alliance, IReadOnlyList<AlertDraft> Alerts);

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
        if (instrument.Kind == InstrumentKind.Outcome)
        {
            outcome = OutcomeEngine.Evaluate(instrument, context.Intake ?? current, current, context.Intake is null ? 1 : context.Ordinal);
        }
        else
        {
            alliance = AllianceRules.Evaluate(instrument, items, score, context.PreviousTotal);
            discrepancy = DualPerspective(instrument, rater, items, context.Counterpart);
        }
        var alerts = AlertRules.Evaluate(instrument, rater, items, outcome, alliance, discrepancy);
        return new Evaluation(outcome, alliance, alerts);
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
