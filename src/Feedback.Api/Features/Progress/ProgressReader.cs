using System.Text.Json;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Episodes;
using Feedback.Clinical.Trajectories;
using Feedback.Data.Administrations;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;

namespace Feedback.Api.Features.Progress;

/// <summary>Loads an episode's series and recomputes every point (clinical.md section 1: back-dated ones take their place).</summary>
sealed class ProgressReader(Database database, ClientRepository clients, EpisodeRepository episodes, AdministrationRepository administrations)
{
    /// <summary>
    /// AgeGroup: the one stored with the intake (the trajectory's), or the client's when there is no intake. Answers: each
    /// plotted administration's item answers (positions), for the chart's risk and discrepancy marks.
    /// </summary>
    public sealed record Result(Instrument Instrument, AgeGroup AgeGroup, ProgressView View, IReadOnlyDictionary<string, decimal?[]> Answers);

    /// <summary>Null when the client or the named episode does not exist in the tenant.</summary>
    public async Task<Result?> ReadAsync(long tenantId, ProgressRequest r, CancellationToken ct)
    {
        var instrument = Catalogue.Get(r.Instrument!);
        await using var session = await database.ReadAsync(ct);
        if (await clients.FindAsync(session, tenantId, r.ClientId, ct) is not { } client)
            return null;
        var episode = r.EpisodeId is not null
            ? await episodes.FindAsync(session, tenantId, r.ClientId, r.EpisodeId, ct)
            : await episodes.FindOpenAsync(session, tenantId, r.ClientId, ct) ?? (await episodes.ListAsync(session, tenantId, r.ClientId, ct)).FirstOrDefault();
        if (episode is null && r.EpisodeId is not null)
            return null;
        var visits = episode is null ? [] : await administrations.EpisodeVisitsAsync(session, tenantId, episode.Id, ct);
        var sessions = new EpisodeSessions(visits.Select(v => new EpisodeVisit(v.Id, v.AdministeredAt, v.SessionNumber)));
        var answers = new Dictionary<string, decimal?[]>();
        if (instrument.Kind == InstrumentKind.Alliance)
            return new Result(instrument, Names.Parse<AgeGroup>(client.AgeGroup), await AllianceAsync(session, tenantId, instrument, episode, r.Rater, sessions, answers, ct), answers);

        var rater = r.Rater ?? Rater.Client;
        var series = episode is null ? [] : await administrations.SeriesAsync(session, tenantId, episode.Id, instrument.Code, Names.Of(rater), ct);
        foreach (var p in series) answers[p.Id] = JsonSerializer.Deserialize<decimal?[]>(p.ItemsJson)!;
        var intake = series.Count > 0 ? series[0] : null;
        var intakeAgeGroup = intake is null ? (AgeGroup?)null : Names.Parse<AgeGroup>(intake.AgeGroup);
        return new Result(instrument, intakeAgeGroup ?? Names.Parse<AgeGroup>(client.AgeGroup), new ProgressView
        {
            Kind = InstrumentKind.Outcome, Instrument = instrument.Code, EpisodeId = episode?.Id, Rater = rater, IntakeScore = intake?.Total,
            IntakeProrated = intake?.Prorated, AgeGroup = intakeAgeGroup,
            Model = PowerDecay.Model, Points = Points(instrument, series, sessions),
        }, answers);
    }

    static ScorePoint PointOf(SeriesPoint p) => new(p.Total, p.SessionNumber, Names.Parse<AgeGroup>(p.AgeGroup), p.Prorated);

    /// <summary>Every point with today's model, against the intake and its stored age group (clinical.md sections 1 and 4).</summary>
    static List<ProgressPoint> Points(Instrument instrument, IReadOnlyList<SeriesPoint> series, EpisodeSessions sessions)
    {
        if (series.Count == 0) return [];
        var intake = PointOf(series[0]);
        return series.Select((p, k) =>
        {
            var f = OutcomeEngine.Evaluate(instrument, intake, PointOf(p), ordinal: k + 1);
            return new ProgressPoint
            {
                AdministrationId = p.Id, SessionNumber = p.SessionNumber, Session = f.Session,
                ClinicSession = sessions.Clinic(p.AdministeredAt, p.SessionNumber), AdministeredAt = p.AdministeredAt,
                Score = p.Total, ReliableChange = f.ReliableChange, Expected = Rounding.OneDecimal(f.Expected), AtRisk = Rounding.OneDecimal(f.AtRisk),
                OffTrack = Rounding.OneDecimal(f.OffTrack), Status = f.Status,
            };
        }).ToList();
    }

    /// <summary>
    /// Every rater's series with today's alliance-v2 rules: the client's always (empty when none), the caregiver's or the
    /// therapist's where ratings exist; a <paramref name="rater"/> asks for that one only.
    /// </summary>
    async Task<ProgressView> AllianceAsync(DbSession session, long tenantId, Instrument instrument, EpisodeRow? episode, Rater? rater,
        EpisodeSessions sessions, Dictionary<string, decimal?[]> answers, CancellationToken ct)
    {
        var list = new List<RaterSeriesView>();
        foreach (var each in rater is { } only ? [only] : new[] { Rater.Client, Rater.Caregiver, Rater.Therapist })
        {
            var stored = episode is null ? [] : await administrations.SeriesAsync(session, tenantId, episode.Id, instrument.Code, Names.Of(each), ct);
            if (stored.Count == 0 && each != Rater.Client && rater is null) continue;
            list.Add(RaterSeries(instrument, each, stored, episode?.ClosedAt is not null, sessions, answers));
        }
        return new ProgressView
        {
            Kind = InstrumentKind.Alliance, Instrument = instrument.Code, EpisodeId = episode?.Id, RulesVersion = AllianceAlertRules.Version,
            Cutoff = instrument == Catalogue.TascR ? null
                : instrument == Catalogue.WaiSr
                ? new ConcernCutoffView { Total = AllianceRules.WaiSrItemMeanFloor * instrument.ItemCount, ItemMean = AllianceRules.WaiSrItemMeanFloor, Rule = CutoffRule.Below }
                : new ConcernCutoffView { Total = AllianceRules.SrsCutoff, ItemMean = null, Rule = CutoffRule.AtOrBelow },
            Series = list,
        };
    }

    static RaterSeriesView RaterSeries(Instrument instrument, Rater rater, IReadOnlyList<SeriesPoint> stored, bool episodeClosed,
        EpisodeSessions sessions, Dictionary<string, decimal?[]> answers)
    {
        foreach (var p in stored) answers[p.Id] = JsonSerializer.Deserialize<decimal?[]>(p.ItemsJson)!;
        var ratings = stored.Select(p => new StoredRating(p.Id, p.SessionNumber, answers[p.Id], p.Total)).ToList();
        var (readings, ruptures) = AllianceSeriesReading.Read(instrument, rater, ratings, episodeClosed);
        var depth = RuptureRules.Depth(instrument);
        return new RaterSeriesView
        {
            Rater = rater,
            Points = [.. readings.Select((x, k) => new AlliancePointView
            {
                AdministrationId = x.Rating.AdministrationId, SessionNumber = x.Rating.SessionNumber, Session = x.Session,
                ClinicSession = sessions.Clinic(stored[k].AdministeredAt, x.Rating.SessionNumber), AdministeredAt = stored[k].AdministeredAt, Score = x.Rating.Total, Concern = x.Feedback.Concern, Reasons = x.Feedback.Reasons,
                Baseline = x.Baseline, Rupture = RuptureView.From(x.Feedback.Rupture),
            })],
            Ruptures = [.. ruptures.Select(u => new RuptureSummaryView
            {
                State = u.State, EndedBy = u.End, Baseline = u.Baseline, RepairAt = u.Baseline - depth / 2,
                SinceAdministrationId = u.OnsetAdministrationId, SinceSession = readings[u.OnsetIndex].Session,
                EndedAdministrationId = u.EndIndex is { } e ? readings[e].Rating.AdministrationId : null,
                EndedSession = u.EndIndex is { } e2 ? readings[e2].Session : null,
                RatingsSince = (u.EndIndex ?? readings.Count - 1) - u.OnsetIndex,
            })],
        };
    }
}
