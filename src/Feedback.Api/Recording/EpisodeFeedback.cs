using System.Text.Json;
using Feedback.Clinical;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Episodes;
using Feedback.Clinical.Scoring;
using Feedback.Clinical.Trajectories;
using Feedback.Data.Administrations;
using Feedback.Data.Alerts;

namespace Feedback.Api.Recording;

/// <summary>
/// What the engine needs of the episode (intake, previous, place, series, session counts, same-session counterpart,
/// alerts, support state), taken from the episode as read for this decision, and the evaluation.
/// </summary>
static class EpisodeFeedback
{
    /// <summary>
    /// The evaluation; Ordinal: the administration's place in its series (administrationOrdinal); the same-session
    /// counterpart it was paired with (if any), its rater and place; IsLatest: no administration of this instrument and
    /// rater in the episode is later, so this one may resolve and replace its families' alerts (clinical.md section 6).
    /// </summary>
    public sealed record Result(Evaluation Evaluation, int Ordinal, AdministrationRow? Counterpart, Rater CounterpartRater, int CounterpartOrdinal, bool IsLatest);

    /// <summary>
    /// <paramref name="current"/>: the new administration (not in <paramref name="episode"/> yet); <paramref name="closed"/>:
    /// the episode was closed when it was completed (an import's keyed episode was still open at its lines' times);
    /// <paramref name="history"/>: an import line older than the live window, which reads the alerts stored as history
    /// as current, as they were at its time (a later line, inside the window, does not: the clinician sees an ongoing
    /// rupture on today's worklist).
    /// </summary>
    public static Result Evaluate(EpisodeRecord episode, AdministrationRow current, bool closed, bool history, Instrument instrument, AgeGroup ageGroup,
        Rater rater, IReadOnlyList<decimal?> positions, Score score)
    {
        var point = new ScorePoint(score.Total, current.SessionNumber, ageGroup, score.Prorated);
        var state = EpisodeState.Of(episode.Administrations, episode.Alerts, current);
        // The series of this instrument and rater, in the order of the index that served it: (administered_at, id).
        var series = episode.Administrations.Where(a => a.Instrument == instrument.Code && a.Rater == current.Rater)
            .OrderBy(a => a.AdministeredAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        return instrument.Kind == InstrumentKind.Alliance
            ? Alliance(current, closed, history, instrument, rater, positions, score, point, series, state, episode)
            : Outcome(current, instrument, rater, positions, score, point, series, state);
    }

    static Result Outcome(AdministrationRow current, Instrument instrument, Rater rater, IReadOnlyList<decimal?> positions, Score score, ScorePoint point,
        List<AdministrationRow> series, EpisodeState episode)
    {
        var at = current.AdministeredAt;
        var before = series.Count(a => a.AdministeredAt <= at);
        // A back-dated administration earlier than the stored intake becomes the intake: it takes its place in the order.
        var intake = series.Count > 0 && series[0].AdministeredAt <= at
            ? new ScorePoint(AsStored(series[0].Total), series[0].SessionNumber, Names.Parse<AgeGroup>(series[0].AgeGroup), series[0].Prorated)
            : (ScorePoint?)null;
        var previous = before > 0 ? series[before - 1] : null;
        // A client's outcome may escalate the episode's early alliance risk; an intake cannot (t = 1).
        var state = rater == Rater.Client && intake is not null ? new AllianceAlertState(Early: episode.Early) : null;
        var ordinal = before + 1;
        var context = new EpisodeContext(intake, ordinal, previous is null ? null : AsStored(previous.Total), null, AlertState: state, Support: episode.Support);
        var evaluation = FeedbackEngine.Evaluate(instrument, rater, positions, score, point, context);
        return new Result(evaluation, ordinal, null, Rater.Client, 0, series.Count == before);
    }

    static Result Alliance(AdministrationRow current, bool closed, bool history, Instrument instrument, Rater rater, IReadOnlyList<decimal?> positions,
        Score score, ScorePoint point, List<AdministrationRow> stored, EpisodeState state, EpisodeRecord episode)
    {
        // The whole series of this instrument and rater, the new rating at its place: rupture state comes from it (section 9).
        var at = current.AdministeredAt;
        var place = stored.Count(p => p.AdministeredAt <= at);
        var ratings = stored.Select(p => new AllianceRating(p.Id, AsStored(p.Total))).ToList();
        var sessions = stored.Select(p => p.SessionNumber).ToList();
        var episodeSessions = stored.Select(p => state.Sessions.Episode(p.AdministeredAt, p.SessionNumber)).ToList();
        ratings.Insert(place, new AllianceRating(current.Id, score.Total));
        sessions.Insert(place, current.SessionNumber);
        episodeSessions.Insert(place, state.Sessions.Episode(at, current.SessionNumber));
        var series = new AllianceSeries(ratings, sessions, place, closed, episodeSessions);

        var alertState = AllianceAlertState.None;
        if (RuptureRules.AppliesTo(rater))
        {
            var seriesAlerts = episode.CurrentAlerts(instrument.Code, current.Rater, AlertKinds.Series, historyAsCurrent: history).ToList();
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
        var counterpart = instrument.HasTherapistForm && rater != Rater.Caregiver ? state.SameSession(instrument.Code, Names.Of(other), at, current.SessionNumber) : null;
        var pair = counterpart is null ? null
            : new Counterpart(other, JsonSerializer.Deserialize<decimal?[]>(counterpart.ItemsJson)!, counterpart.AdministeredAt > at);
        var context = new EpisodeContext(null, place + 1, place > 0 ? ratings[place - 1].Total : null, pair, series, alertState, state.Support);
        var evaluation = FeedbackEngine.Evaluate(instrument, rater, positions, score, point, context);
        return new Result(evaluation, place + 1, counterpart, other, counterpart is null ? 0 : state.Ordinal(counterpart), series.CurrentIsLatest);
    }

    /// <summary>
    /// A stored total as the store answers it: SQLite's NUMERIC keeps 36.0 as the integer 36, SQL Server's DECIMAL(6, 1)
    /// as 36.0. The scale shows in the feedback's JSON (previousScore 36 or 36.0), so a total read back from either store,
    /// or decided on in memory before it was stored, is taken without trailing zeros: the same feedback on both stores.
    /// </summary>
    static decimal AsStored(decimal total) => total / 1.000000000000000000000000000m;
}
