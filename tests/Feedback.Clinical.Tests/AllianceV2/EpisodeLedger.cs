using Feedback.Clinical.Alliance;
using Feedback.Clinical.Episodes;

namespace Feedback.Clinical.Tests.AllianceV2;

/// <summary>
/// One episode fed through the pure engine rating by rating, with the smallest bookkeeping of alerts the rules read
/// (raise: open; a resolution: resolved). It stands in for the database only; the HTTP tests run the real recorder.
/// </summary>
sealed class EpisodeLedger
{
    public sealed record Rating(string Id, Instrument Instrument, Rater Rater, decimal Total, int? Session, decimal?[] Items, Evaluation Evaluation);
    public sealed record Alert(AlertKind Kind, AlertPriority Priority, string AdministrationId, Instrument Instrument, Rater Rater)
    {
        public bool Open { get; set; } = true;
    }

    static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public List<Rating> Ratings { get; } = [];
    public List<Alert> Alerts { get; } = [];
    int next;

    /// <summary>An alliance rating appended as the series' latest, or placed before the <paramref name="before"/>-th rating of the series (back-dated).</summary>
    public Evaluation Rate(Instrument instrument, decimal total, int? session, Rater rater = Rater.Client, int? before = null) =>
        RateItems(instrument, Items.For(instrument, total), session, rater, before);

    public Evaluation RateItems(Instrument instrument, decimal?[] items, int? session, Rater rater = Rater.Client, int? before = null)
    {
        var id = $"a{++next:D3}";
        var score = Scorer.Score(instrument, items);
        var series = Ratings.Where(r => r.Instrument == instrument && r.Rater == rater).ToList();
        var place = before ?? series.Count;
        var ratings = series.Select(r => new AllianceRating(r.Id, r.Total)).ToList();
        var sessions = series.Select(r => r.Session).ToList();
        ratings.Insert(place, new AllianceRating(id, score.Total));
        sessions.Insert(place, session);
        // The episode's visits in ledger order (one day apart), the new rating at its place: e(a) of section 1.
        var episodeAt = series.Count > place ? Ratings.IndexOf(series[place]) : Ratings.Count;
        var visits = Ratings.Select(r => (r.Id, r.Session)).ToList();
        visits.Insert(episodeAt, (id, session));
        var counts = new EpisodeSessions(visits.Select((v, k) => new EpisodeVisit(v.Id, T0.AddDays(k), v.Session)));
        var episodeSessions = ratings.Select(r => visits.FindIndex(v => v.Id == r.AdministrationId))
            .Select(k => counts.Episode(T0.AddDays(k), visits[k].Session)).ToList();
        bool Current(AlertKind kind) => Alerts.Any(a => a.Open && a.Kind == kind && a.Instrument == instrument && a.Rater == rater);
        var ruptureAlert = Alerts.LastOrDefault(a => a.Open && a.Kind == AlertKind.AllianceRupture && a.Instrument == instrument && a.Rater == rater);
        var state = new AllianceAlertState(ruptureAlert?.AdministrationId, Early(), OutcomeEscalates(),
            Current(AlertKind.RuptureUnrepaired), Current(AlertKind.AllianceConcern));
        var context = new EpisodeContext(null, place + 1, place > 0 ? ratings[place - 1].Total : null, null,
            new AllianceSeries(ratings, sessions, place, EpisodeSessions: episodeSessions), state);
        var e = FeedbackEngine.Evaluate(instrument, rater, items, score, new ScorePoint(score.Total, session), context);
        Record(id, instrument, rater, score.Total, session, items, e, series.Count > place ? Ratings.IndexOf(series[place]) : null);
        return e;
    }

    /// <summary>A client outcome administration, appended as the latest of its series.</summary>
    public Evaluation Outcome(Instrument instrument, decimal total, int session)
    {
        var id = $"a{++next:D3}";
        var items = Items.For(instrument, total);
        var score = Scorer.Score(instrument, items);
        var series = Ratings.Where(r => r.Instrument == instrument && r.Rater == Rater.Client).ToList();
        var intake = series.Count == 0 ? (ScorePoint?)null : new ScorePoint(series[0].Total, series[0].Session);
        var context = new EpisodeContext(intake, series.Count + 1, series.LastOrDefault()?.Total, null,
            AlertState: intake is null ? null : new AllianceAlertState(Early: Early()));
        var e = FeedbackEngine.Evaluate(instrument, Rater.Client, items, score, new ScorePoint(score.Total, session), context);
        Record(id, instrument, Rater.Client, score.Total, session, items, e, null);
        return e;
    }

    public IEnumerable<Alert> Open(AlertKind kind) => Alerts.Where(a => a.Open && a.Kind == kind);

    void Record(string id, Instrument instrument, Rater rater, decimal total, int? session, decimal?[] items, Evaluation e, int? insertAt)
    {
        foreach (var resolution in e.Resolutions)
            foreach (var a in Alerts.Where(a => a.Open && resolution switch
                     {
                         AlertResolution.SeriesRupture => a.Kind == AlertKind.AllianceRupture && a.Instrument == instrument && a.Rater == rater,
                         AlertResolution.SeriesUnrepaired => a.Kind == AlertKind.RuptureUnrepaired && a.Instrument == instrument && a.Rater == rater,
                         AlertResolution.SeriesConcern => a.Kind == AlertKind.AllianceConcern && a.Instrument == instrument && a.Rater == rater,
                         _ => a.Kind == AlertKind.EarlyAllianceRisk && a.Priority == AlertPriority.Normal,
                     }))
                a.Open = false;
        foreach (var d in e.Alerts) Alerts.Add(new(d.Kind, d.Priority, id, instrument, rater));
        var rating = new Rating(id, instrument, rater, total, session, items, e);
        if (insertAt is { } k) Ratings.Insert(k, rating); else Ratings.Add(rating);
    }

    EarlyAllianceAlert Early() =>
        Alerts.Any(a => a.Kind == AlertKind.EarlyAllianceRisk && a.Priority == AlertPriority.High) ? EarlyAllianceAlert.High
        : Alerts.Any(a => a.Kind == AlertKind.EarlyAllianceRisk) ? EarlyAllianceAlert.Normal
        : EarlyAllianceAlert.None;

    bool OutcomeEscalates() =>
        Ratings.LastOrDefault(r => r.Rater == Rater.Client && r.Evaluation.Outcome is not null)?.Evaluation.Outcome is { } o
        && EarlyAllianceRules.Escalates(Rater.Client, o);
}

/// <summary>Item answers that add up to a wanted total: equal shares, the remainder (in the instrument's smallest step) spread over the first items.</summary>
static class Items
{
    public static decimal?[] For(Instrument i, decimal total)
    {
        var step = i.Decimals == 0 ? 1m : 0.1m;
        var units = (int)((total - i.ItemMin * i.ItemCount) / step);
        var share = units / i.ItemCount;
        var extra = units % i.ItemCount;
        // Scored values, then reverse items (TASC-R) turned back into positions: the reversal is its own inverse.
        var items = Enumerable.Range(0, i.ItemCount).Select(k => (decimal?)i.Scored(k + 1, i.ItemMin + (share + (k < extra ? 1 : 0)) * step)).ToArray();
        Scorer.Score(i, items).Total.ShouldBe(total);
        return items;
    }
}
