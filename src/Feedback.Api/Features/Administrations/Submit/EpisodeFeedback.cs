using System.Text.Json;
using Feedback.Clinical;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Episodes;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Trajectories;
using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
using Feedback.Data.Episodes;

namespace Feedback.Api.Features.Administrations.Submit;

/// <summary>
/// Reads what the engine needs of the episode (intake, previous, place, series, session counts, same-session
/// counterpart, alerts, support state) and evaluates.
/// </summary>
sealed class EpisodeFeedback(AdministrationRepository administrations, AlertRepository alerts)
{
    /// <summary>
    /// The evaluation; Ordinal: the administration's place in its series (administrationOrdinal); the same-session
    /// counterpart it was paired with (if any), its rater and place; IsLatest: no administration of this instrument and
    /// rater in the episode is later, so this one may resolve and replace its families' alerts (clinical.md section 6).
    /// </summary>
    public sealed record Result(Evaluation Evaluation, int Ordinal, EpisodeVisitRow? Counterpart, Rater CounterpartRater, int CounterpartOrdinal, bool IsLatest);

    public async Task<Result> EvaluateAsync(DbSession tx, long tenantId, EpisodeRow episode, string administrationId, Instrument instrument,
        AgeGroup ageGroup, Rater rater, Request r, IReadOnlyList<decimal?> positions, Score score, CancellationToken ct)
    {
        var at = r.AdministeredAt!.Value;
        var current = new ScorePoint(score.Total, r.SessionNumber, ageGroup, score.Prorated);
        var episodeState = await EpisodeState.ReadAsync(administrations, alerts, tx, tenantId, episode.Id,
            new EpisodeVisitRow { Id = administrationId, Instrument = instrument.Code, Rater = Names.Of(rater), AdministeredAt = at, SessionNumber = r.SessionNumber }, ct);
        return instrument.Kind == InstrumentKind.Alliance
            ? await AllianceAsync(tx, tenantId, episode, administrationId, instrument, rater, r, positions, score, current, at, episodeState, ct)
            : await OutcomeAsync(tx, tenantId, episode.Id, instrument, rater, positions, score, current, at, episodeState, ct);
    }

    async Task<Result> OutcomeAsync(DbSession tx, long tenantId, string episodeId, Instrument instrument, Rater rater,
        IReadOnlyList<decimal?> positions, Score score, ScorePoint current, DateTimeOffset at, EpisodeState episode, CancellationToken ct)
    {
        var series = await administrations.ContextAsync(tx, tenantId, episodeId, instrument.Code, Names.Of(rater), at, ct);
        // A back-dated administration earlier than the stored intake becomes the intake: it takes its place in the order.
        var intake = series.Intake is { } i && i.AdministeredAt <= at
            ? new ScorePoint(i.Total, i.SessionNumber, Names.Parse<AgeGroup>(i.AgeGroup), i.Prorated)
            : (ScorePoint?)null;
        // A client's outcome may escalate the episode's early alliance risk; an intake cannot (t = 1).
        var state = rater == Rater.Client && intake is not null ? new AllianceAlertState(Early: episode.Early) : null;
        var ordinal = series.Before + 1;
        var context = new EpisodeContext(intake, ordinal, series.Previous?.Total, null, AlertState: state, Support: episode.Support);
        var evaluation = FeedbackEngine.Evaluate(instrument, rater, positions, score, current, context);
        return new Result(evaluation, ordinal, null, Rater.Client, 0, series.After == 0);
    }

    async Task<Result> AllianceAsync(DbSession tx, long tenantId, EpisodeRow episode, string administrationId, Instrument instrument,
        Rater rater, Request r, IReadOnlyList<decimal?> positions, Score score, ScorePoint current, DateTimeOffset at, EpisodeState state,
        CancellationToken ct)
    {
        // The whole series of this instrument and rater, the new rating at its place: rupture state comes from it (section 9).
        var stored = await administrations.SeriesAsync(tx, tenantId, episode.Id, instrument.Code, Names.Of(rater), ct);
        var place = stored.Count(p => p.AdministeredAt <= at);
        var ratings = stored.Select(p => new AllianceRating(p.Id, p.Total)).ToList();
        var sessions = stored.Select(p => p.SessionNumber).ToList();
        var episodeSessions = stored.Select(p => state.Sessions.Episode(p.AdministeredAt, p.SessionNumber)).ToList();
        ratings.Insert(place, new AllianceRating(administrationId, score.Total));
        sessions.Insert(place, r.SessionNumber);
        episodeSessions.Insert(place, state.Sessions.Episode(at, r.SessionNumber));
        var series = new AllianceSeries(ratings, sessions, place, episode.ClosedAt is not null, episodeSessions);

        var alertState = AllianceAlertState.None;
        if (RuptureRules.AppliesTo(rater))
        {
            var seriesAlerts = await alerts.CurrentSeriesAlertsAsync(tx, tenantId, episode.Id, instrument.Code, Names.Of(rater), ct);
            alertState = alertState with
            {
                RuptureAlertOn = seriesAlerts.Where(a => a.Kind == "alliance_rupture").MaxBy(a => (a.CreatedAt, a.Id))?.AdministrationId,
                UnrepairedCurrent = seriesAlerts.Any(a => a.Kind == "rupture_unrepaired"),
                ConcernCurrent = seriesAlerts.Any(a => a.Kind == "alliance_concern"),
            };
        }
        if (rater == Rater.Client)
            alertState = alertState with { Early = state.Early, OutcomeEscalates = state.Early == EarlyAllianceAlert.None && state.LatestClientOutcomeEscalates };

        // The dual-perspective rule pairs the client's and the therapist's rating of the same session (WAI-SR, TASC-R).
        var other = rater == Rater.Client ? Rater.Therapist : Rater.Client;
        var counterpart = instrument.HasTherapistForm && rater != Rater.Caregiver ? state.SameSession(instrument.Code, Names.Of(other), at, r.SessionNumber) : null;
        Counterpart? pair = null;
        if (counterpart is not null && await administrations.FindAsync(tx, tenantId, counterpart.Id, ct) is { } row)
            pair = new Counterpart(other, JsonSerializer.Deserialize<decimal?[]>(row.ItemsJson)!, counterpart.AdministeredAt > at);
        var context = new EpisodeContext(null, place + 1, place > 0 ? ratings[place - 1].Total : null, pair, series, alertState, state.Support);
        var evaluation = FeedbackEngine.Evaluate(instrument, rater, positions, score, current, context);
        return new Result(evaluation, place + 1, counterpart, other, counterpart is null ? 0 : state.Ordinal(counterpart), series.CurrentIsLatest);
    }
}
