using Feedback.Clinical.Alerts;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Scoring;

namespace Feedback.Clinical.Alliance;

/// <summary>One stored rating of an alliance series, in administeredAt order: its answers (positions) and its total.</summary>
public sealed record StoredRating(string AdministrationId, int? SessionNumber, IReadOnlyList<decimal?> Items, decimal Total);

/// <summary>A rating as the series reads now: t (section 4, on the alliance series), the reasons, the baseline and the rupture.</summary>
public sealed record RatingReading(StoredRating Rating, int Session, AllianceFeedback Feedback, decimal? Baseline);

/// <summary>
/// A whole alliance series of one rater recomputed with today's rules (alliance-v2), as the progress route answers it:
/// every rating with its reasons and rupture state, and the series' ruptures. Pure.
/// </summary>
public static class AllianceSeriesReading
{
    public static (IReadOnlyList<RatingReading> Ratings, IReadOnlyList<Rupture> Ruptures) Read(
        Instrument instrument, Rater rater, IReadOnlyList<StoredRating> series, bool episodeClosed)
    {
        var ratings = series.Select(r => new AllianceRating(r.AdministrationId, r.Total)).ToList();
        var sessions = series.Select(r => r.SessionNumber).ToList();
        var walk = RuptureRules.Walk(instrument, ratings, episodeClosed);
        var ruptureSeries = RuptureRules.AppliesTo(rater);
        var readings = series.Select((r, k) =>
        {
            var point = walk.Points[k];
            var score = Scorer.Score(instrument, r.Items);
            var feedback = AllianceRules.Evaluate(instrument, r.Items, score, k > 0 ? series[k - 1].Total : null,
                dropApplies: !(ruptureSeries && point.Baseline is not null)) with { Rupture = ruptureSeries ? point.Rupture : null };
            var t = AllianceAlertRules.TrajectorySession(new AllianceSeries(ratings, sessions, k));
            return new RatingReading(r, t, feedback, ruptureSeries ? point.Baseline : null);
        }).ToList();
        return (readings, ruptureSeries ? walk.Ruptures : []);
    }
}
