using System.Text.Json;
using Feedback.Clinical;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Trajectories;
using Feedback.Data.Administrations;

namespace Feedback.Api.Features.Administrations.Submit;

/// <summary>Reads what the engine needs of the episode (intake, previous, place, same-session counterpart) and evaluates.</summary>
sealed class EpisodeFeedback(AdministrationRepository administrations)
{
    public sealed record Result(Evaluation Evaluation, SeriesPoint? Counterpart);

    public async Task<Result> EvaluateAsync(DbSession tx, long tenantId, string episodeId, Instrument instrument, AgeGroup ageGroup,
        Rater rater, Request r, Score score, CancellationToken ct)
    {
        var at = r.AdministeredAt!.Value;
        var series = await administrations.ContextAsync(tx, tenantId, episodeId, instrument.Code, Names.Of(rater), at, ct);
        // A back-dated administration earlier than the stored intake becomes the intake: it takes its place in the order.
        var intake = series.Intake is { } i && i.AdministeredAt <= at ? new ScorePoint(i.Total, i.SessionNumber) : (ScorePoint?)null;

        // The dual-perspective rule pairs the client's and the therapist's rating of the same session.
        SeriesPoint? counterpart = null;
        var other = rater == Rater.Client ? Rater.Therapist : Rater.Client;
        if (instrument.Kind == InstrumentKind.Alliance && rater != Rater.Caregiver && r.SessionNumber is { } session)
            counterpart = await administrations.SameSessionAsync(tx, tenantId, episodeId, instrument.Code, Names.Of(other), session, ct);
        var context = new EpisodeContext(intake, series.Before + 1, series.Previous?.Total,
            counterpart is null ? null : new Counterpart(other, JsonSerializer.Deserialize<decimal?[]>(counterpart.ItemsJson)!, counterpart.AdministeredAt > at));
        var evaluation = FeedbackEngine.Evaluate(instrument, ageGroup, rater, r.Items!, score, r.SessionNumber, context);
        return new Result(evaluation, counterpart);
    }
}
