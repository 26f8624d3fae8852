using Feedback.Clinical.Trajectories;
using Feedback.Data.Administrations;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;

namespace Feedback.Api.Features.Progress;

/// <summary>Loads an episode's series and recomputes every point (clinical.md section 1: back-dated ones take their place).</summary>
sealed class ProgressReader(Database database, ClientRepository clients, EpisodeRepository episodes, AdministrationRepository administrations)
{
    public sealed record Result(Instrument Instrument, AgeGroup AgeGroup, ProgressView View);

    /// <summary>Null when the client or the named episode does not exist in the tenant.</summary>
    public async Task<Result?> ReadAsync(long tenantId, ProgressRequest r, CancellationToken ct)
    {
        var instrument = Catalogue.Get(r.Instrument!);
        var rater = r.Rater ?? Rater.Client;
        await using var session = await database.ReadAsync(ct);
        if (await clients.FindAsync(session, tenantId, r.ClientId, ct) is not { } client)
            return null;
        var episode = r.EpisodeId is not null
            ? await episodes.FindAsync(session, tenantId, r.ClientId, r.EpisodeId, ct)
            : await episodes.FindOpenAsync(session, tenantId, r.ClientId, ct) ?? (await episodes.ListAsync(session, tenantId, r.ClientId, ct)).FirstOrDefault();
        if (episode is null && r.EpisodeId is not null)
            return null;

        var series = episode is null ? [] : await administrations.SeriesAsync(session, tenantId, episode.Id, instrument.Code, Names.Of(rater), ct);
        var ageGroup = Names.Parse<AgeGroup>(client.AgeGroup);
        var points = Points(instrument, ageGroup, series);
        return new Result(instrument, ageGroup, new ProgressView
        {
            Instrument = instrument.Code, EpisodeId = episode?.Id, Rater = rater, IntakeScore = series.FirstOrDefault()?.Total,
            Model = PowerDecay.Model, Points = points,
        });
    }

    static List<ProgressPoint> Points(Instrument instrument, AgeGroup ageGroup, IReadOnlyList<SeriesPoint> series)
    {
        if (series.Count == 0) return [];
        var intake = new ScorePoint(series[0].Total, series[0].SessionNumber);
        return series.Select((p, k) =>
        {
            var f = OutcomeEngine.Evaluate(instrument, ageGroup, intake, new ScorePoint(p.Total, p.SessionNumber), ordinal: k + 1);
            return new ProgressPoint
            {
                AdministrationId = p.Id, SessionNumber = p.SessionNumber, Session = f.Session, AdministeredAt = p.AdministeredAt,
                Score = p.Total, Expected = Rounding.OneDecimal(f.Expected), AtRisk = Rounding.OneDecimal(f.AtRisk),
                OffTrack = Rounding.OneDecimal(f.OffTrack), Status = f.Status,
            };
        }).ToList();
    }
}
