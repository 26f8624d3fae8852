using Feedback.Clinical.Trajectories;
using Feedback.Data.Administrations;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;

namespace Feedback.Api.Features.Progress;

/// <summary>Loads an episode's series and recomputes every point (clinical.md section 1: back-dated ones take their place).</summary>
sealed class ProgressReader(Database database, ClientRepository clients, EpisodeRepository episodes, AdministrationRepository administrations)
{
    /// <summary>AgeGroup: the one stored with the intake (the trajectory's), or the client's when there is no intake.</summary>
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
        var intake = series.Count > 0 ? series[0] : null;
        var intakeAgeGroup = intake is null ? (AgeGroup?)null : Names.Parse<AgeGroup>(intake.AgeGroup);
        return new Result(instrument, intakeAgeGroup ?? Names.Parse<AgeGroup>(client.AgeGroup), new ProgressView
        {
            Instrument = instrument.Code, EpisodeId = episode?.Id, Rater = rater, IntakeScore = intake?.Total,
            IntakeProrated = intake?.Prorated, AgeGroup = intakeAgeGroup,
            Model = PowerDecay.Model, Points = Points(instrument, series),
        });
    }

    static ScorePoint PointOf(SeriesPoint p) => new(p.Total, p.SessionNumber, Names.Parse<AgeGroup>(p.AgeGroup), p.Prorated);

    /// <summary>Every point with today's model, against the intake and its stored age group (clinical.md sections 1 and 4).</summary>
    static List<ProgressPoint> Points(Instrument instrument, IReadOnlyList<SeriesPoint> series)
    {
        if (series.Count == 0) return [];
        var intake = PointOf(series[0]);
        return series.Select((p, k) =>
        {
            var f = OutcomeEngine.Evaluate(instrument, intake, PointOf(p), ordinal: k + 1);
            return new ProgressPoint
            {
                AdministrationId = p.Id, SessionNumber = p.SessionNumber, Session = f.Session, AdministeredAt = p.AdministeredAt,
                Score = p.Total, Expected = Rounding.OneDecimal(f.Expected), AtRisk = Rounding.OneDecimal(f.AtRisk),
                OffTrack = Rounding.OneDecimal(f.OffTrack), Status = f.Status,
            };
        }).ToList();
    }
}
