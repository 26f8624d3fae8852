using System.Text.Json;
using Feedback.Clinical;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Trajectories;
using Feedback.Data.Administrations;

namespace Feedback.Api.Features.Administrations.Submit;

/// <summary>Reads what the engine needs of the episode (intake, previous, place, same-session counterpart) and evaluates.</summary>
sealed class EpisodeFeedback(AdministrationRepository administrations)
{
    /// <summary>
    /// The evaluation, the same-session counterpart it was paired with (if any) and its rater; IsLatest: no
    /// administration of this instrument and rater in the episode is later, so this one may resolve and replace the
    /// family's trajectory alert (clinical.md section 6).
    /// </summary>
    public sealed record Result(Evaluation Evaluation, SeriesPoint? Counterpart, Rater CounterpartRater, bool IsLatest);

    public async Task<Result> EvaluateAsync(DbSession tx, long tenantId, string episodeId, Instrument instrument, AgeGroup ageGroup,
        Rater rater, Request r, IReadOnlyList<decimal?> positions, Score score, CancellationToken ct)
    {
        var at = r.AdministeredAt!.Value;
        var series = await administrations.ContextAsync(tx, tenantId, episodeId, instrument.Code, Names.Of(rater), at, ct);
        // A back-dated administration earlier than the stored intake becomes the intake: it takes its place in the order.
        var intake = series.Intake is { } i && i.AdministeredAt <= at
            ? new ScorePoint(i.Total, i.SessionNumber, Names.Parse<AgeGroup>(i.AgeGroup), i.Prorated)
            : (ScorePoint?)null;

        // The dual-perspective rule pairs the client's WAI-SR and the therapist's WAI-SR-T of the same session.
        SeriesPoint? counterpart = null;
        var other = rater == Rater.Client ? Rater.Therapist : Rater.Client;
        if (instrument.HasTherapistForm && rater != Rater.Caregiver && r.SessionNumber is { } session)
            counterpart = await administrations.SameSessionAsync(tx, tenantId, episodeId, instrument.Code, Names.Of(other), session, ct);
        var context = new EpisodeContext(intake, series.Before + 1, series.Previous?.Total,
            counterpart is null ? null : new Counterpart(other, JsonSerializer.Deserialize<decimal?[]>(counterpart.ItemsJson)!, counterpart.AdministeredAt > at));
        var current = new ScorePoint(score.Total, r.SessionNumber, ageGroup, score.Prorated);
        var evaluation = FeedbackEngine.Evaluate(instrument, rater, positions, score, current, context);
        return new Result(evaluation, counterpart, other, series.After == 0);
    }
}
