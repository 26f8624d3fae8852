using System.Text.Json;
using System.Text.Json.Nodes;
using Feedback.Clinical;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Trajectories;
using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
using Feedback.Data.Episodes;

namespace Feedback.Api.Features.Administrations.Submit;

/// <summary>Reads what the engine needs of the episode (intake, previous, place, series, same-session counterpart, alerts) and evaluates.</summary>
sealed class EpisodeFeedback(AdministrationRepository administrations, AlertRepository alerts)
{
    /// <summary>
    /// The evaluation, the same-session counterpart it was paired with (if any) and its rater; IsLatest: no
    /// administration of this instrument and rater in the episode is later, so this one may resolve and replace the
    /// family's trajectory alert (clinical.md section 6).
    /// </summary>
    public sealed record Result(Evaluation Evaluation, SeriesPoint? Counterpart, Rater CounterpartRater, bool IsLatest);

    public async Task<Result> EvaluateAsync(DbSession tx, long tenantId, EpisodeRow episode, string administrationId, Instrument instrument,
        AgeGroup ageGroup, Rater rater, Request r, IReadOnlyList<decimal?> positions, Score score, CancellationToken ct)
    {
        var at = r.AdministeredAt!.Value;
        var current = new ScorePoint(score.Total, r.SessionNumber, ageGroup, score.Prorated);
        return instrument.Kind == InstrumentKind.Alliance
            ? await AllianceAsync(tx, tenantId, episode, administrationId, instrument, rater, r, positions, score, current, at, ct)
            : await OutcomeAsync(tx, tenantId, episode.Id, instrument, rater, positions, score, current, at, ct);
    }

    async Task<Result> OutcomeAsync(DbSession tx, long tenantId, string episodeId, Instrument instrument, Rater rater,
        IReadOnlyList<decimal?> positions, Score score, ScorePoint current, DateTimeOffset at, CancellationToken ct)
    {
        var series = await administrations.ContextAsync(tx, tenantId, episodeId, instrument.Code, Names.Of(rater), at, ct);
        // A back-dated administration earlier than the stored intake becomes the intake: it takes its place in the order.
        var intake = series.Intake is { } i && i.AdministeredAt <= at
            ? new ScorePoint(i.Total, i.SessionNumber, Names.Parse<AgeGroup>(i.AgeGroup), i.Prorated)
            : (ScorePoint?)null;
        // A client's outcome may escalate the episode's early alliance risk (alliance-v2); an intake cannot (t = 1).
        var state = rater == Rater.Client && intake is not null
            ? new AllianceAlertState(Early: await EarlyAllianceAsync(tx, tenantId, episodeId, ct))
            : null;
        var context = new EpisodeContext(intake, series.Before + 1, series.Previous?.Total, null, AlertState: state);
        var evaluation = FeedbackEngine.Evaluate(instrument, rater, positions, score, current, context);
        return new Result(evaluation, null, Rater.Client, series.After == 0);
    }

    async Task<Result> AllianceAsync(DbSession tx, long tenantId, EpisodeRow episode, string administrationId, Instrument instrument,
        Rater rater, Request r, IReadOnlyList<decimal?> positions, Score score, ScorePoint current, DateTimeOffset at, CancellationToken ct)
    {
        // The whole series of this instrument and rater, the new rating at its place: rupture state comes from it (section 9).
        var stored = await administrations.SeriesAsync(tx, tenantId, episode.Id, instrument.Code, Names.Of(rater), ct);
        var place = stored.Count(p => p.AdministeredAt <= at);
        var ratings = stored.Select(p => new AllianceRating(p.Id, p.Total)).ToList();
        var sessions = stored.Select(p => p.SessionNumber).ToList();
        ratings.Insert(place, new AllianceRating(administrationId, score.Total));
        sessions.Insert(place, r.SessionNumber);
        var series = new AllianceSeries(ratings, sessions, place, episode.ClosedAt is not null);

        var state = AllianceAlertState.None;
        if (RuptureRules.AppliesTo(rater))
            state = state with { RuptureAlertOn = await alerts.CurrentRuptureAlertOnAsync(tx, tenantId, episode.Id, instrument.Code, Names.Of(rater), ct) };
        if (rater == Rater.Client)
        {
            state = state with { Early = await EarlyAllianceAsync(tx, tenantId, episode.Id, ct) };
            if (state.Early == EarlyAllianceAlert.None)
                state = state with { OutcomeEscalates = Escalates(await administrations.LatestClientOutcomeFeedbackAsync(tx, tenantId, episode.Id, ct)) };
        }

        // The dual-perspective rule pairs the client's WAI-SR and the therapist's WAI-SR-T of the same session.
        SeriesPoint? counterpart = null;
        var other = rater == Rater.Client ? Rater.Therapist : Rater.Client;
        if (instrument.HasTherapistForm && rater != Rater.Caregiver && r.SessionNumber is { } session)
            counterpart = await administrations.SameSessionAsync(tx, tenantId, episode.Id, instrument.Code, Names.Of(other), session, ct);
        var context = new EpisodeContext(null, place + 1, place > 0 ? ratings[place - 1].Total : null,
            counterpart is null ? null : new Counterpart(other, JsonSerializer.Deserialize<decimal?[]>(counterpart.ItemsJson)!, counterpart.AdministeredAt > at),
            series, state);
        var evaluation = FeedbackEngine.Evaluate(instrument, rater, positions, score, current, context);
        return new Result(evaluation, counterpart, other, series.CurrentIsLatest);
    }

    async Task<EarlyAllianceAlert> EarlyAllianceAsync(DbSession tx, long tenantId, string episodeId, CancellationToken ct)
    {
        var priorities = await alerts.EarlyAllianceRiskAsync(tx, tenantId, episodeId, ct);
        return priorities.Contains(Names.Of(AlertPriority.High)) ? EarlyAllianceAlert.High
            : priorities.Count > 0 ? EarlyAllianceAlert.Normal
            : EarlyAllianceAlert.None;
    }

    /// <summary>Whether the stored feedback of the client's latest outcome escalates an early alliance risk (read as the clinician saw it).</summary>
    static bool Escalates(string? feedbackJson)
    {
        if (feedbackJson is null || JsonNode.Parse(feedbackJson) is not JsonObject f) return false;
        if (f["expected"]?["session"]?.GetValue<int>() is not { } session) return false;
        var change = Names.TryParse<ChangeCategory>(f["reliableChange"]?.GetValue<string>(), out var c) ? c : ChangeCategory.Unchanged;
        var status = Names.TryParse<ProgressStatus>(f["status"]?.GetValue<string>(), out var st) ? st : ProgressStatus.OnTrack;
        return EarlyAllianceRules.Escalates(session, change, status);
    }
}
