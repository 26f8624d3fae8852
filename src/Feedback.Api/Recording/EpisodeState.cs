using Feedback.Clinical;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Episodes;
using Feedback.Clinical.Support;
using Feedback.Clinical.Trajectories;
using Feedback.Data.Administrations;
using Feedback.Data.Alerts;

namespace Feedback.Api.Recording;

/// <summary>
/// The episode as the v1.2 rules read it around a new administration (not yet stored): every administration (for the
/// session counts of clinical.md section 1 and the same-session pairing), every alert (the early alliance risk, and the
/// support-v1 state of section 11).
/// </summary>
sealed class EpisodeState
{
    public required EpisodeSessions Sessions { get; init; }
    public required EarlyAllianceAlert Early { get; init; }
    public required bool LatestClientOutcomeEscalates { get; init; }
    public required SupportContext Support { get; init; }
    public required IReadOnlyList<AdministrationRow> Visits { get; init; }

    static readonly string[] AllianceAlertKinds = ["alliance_rupture", "rupture_unrepaired", "early_alliance_risk", "alliance_concern", "alliance_discrepancy"];
    static readonly string[] NotOnTrack = ["at_risk", "off_track", "no_change"];
    const int RiskWindow = 3;

    /// <summary>The episode's stored administrations and alerts, as read for this decision, around <paramref name="current"/>.</summary>
    public static EpisodeState Of(IReadOnlyList<AdministrationRow> stored, IReadOnlyList<AlertRow> episodeAlerts, AdministrationRow current)
    {
        var visits = stored.Append(current).OrderBy(v => v.AdministeredAt).ThenBy(v => v.Id, StringComparer.Ordinal).ToList();
        var early = episodeAlerts.Where(a => a.Kind == "early_alliance_risk").ToList();
        var latestOutcome = stored.Where(v => v.Rater == "client" && Catalogue.Find(v.Instrument) is { Kind: InstrumentKind.Outcome })
            .MaxBy(v => (v.AdministeredAt, v.Id));
        var (outcomeSession, outcomeStatus) = StatusOf(latestOutcome?.FeedbackJson);
        return new EpisodeState
        {
            Sessions = new EpisodeSessions(visits.Select(v => new EpisodeVisit(v.Id, v.AdministeredAt, v.SessionNumber))),
            Early = early.Any(a => a.Priority == "high") ? EarlyAllianceAlert.High : early.Count > 0 ? EarlyAllianceAlert.Normal : EarlyAllianceAlert.None,
            LatestClientOutcomeEscalates = outcomeStatus is { } st && EarlyAllianceRules.Escalates(outcomeSession, st),
            Support = SupportOf(visits, current, episodeAlerts, outcomeStatus),
            Visits = visits,
        };
    }

    /// <summary>support-v1's state (clinical.md section 11) as the episode holds it before this administration's own alerts.</summary>
    static SupportContext SupportOf(List<AdministrationRow> visits, AdministrationRow current, IReadOnlyList<AlertRow> episodeAlerts, ProgressStatus? latestOutcome)
    {
        var window = visits.Where(v => Catalogue.Find(v.Instrument) is { ScreensForRisk: true }).TakeLast(RiskWindow).ToList();
        var riskAt = episodeAlerts.Where(a => a.Kind is "risk_item" or "risk_item_unanswered").Select(a => a.AdministrationId).ToHashSet();
        var alliance = visits.Where(v => v.Id != current.Id && Catalogue.Find(v.Instrument) is { Kind: InstrumentKind.Alliance }).ToList();
        var latestRatingsWithReason = alliance.Where(v => v.Rater != "therapist").GroupBy(v => (v.Instrument, v.Rater))
            .Select(g => g.Last()).Any(v => HasReason(v.FeedbackJson));
        var concern = latestRatingsWithReason
            || episodeAlerts.Any(a => a.Status != AlertStatuses.Resolved && AllianceAlertKinds.Contains(a.Kind));
        var standing = concern ? AllianceStanding.Concern
            : alliance.Count > 0 || Catalogue.Find(current.Instrument) is { Kind: InstrumentKind.Alliance } ? AllianceStanding.Fine
            : AllianceStanding.Unmeasured;
        return new SupportContext(window.Any(v => v.Id != current.Id && riskAt.Contains(v.Id)), window.Any(v => v.Id == current.Id), standing,
            latestOutcome is { } s && NotOnTrack.Contains(Names.Of(s)));
    }

    /// <summary>The latest administration of this instrument by the other rater at the same session: the same sessionNumber, or both without one on the same UTC date.</summary>
    public AdministrationRow? SameSession(string instrument, string rater, DateTimeOffset at, int? sessionNumber) =>
        Visits.Where(v => v.Instrument == instrument && v.Rater == rater
                          && (sessionNumber is { } n ? v.SessionNumber == n : v.SessionNumber is null && v.AdministeredAt.UtcDateTime.Date == at.UtcDateTime.Date))
            .LastOrDefault();

    /// <summary>An administration's place among the episode's administrations of its instrument by its rater (intake = 1).</summary>
    public int Ordinal(AdministrationRow visit) =>
        Visits.Where(v => v.Instrument == visit.Instrument && v.Rater == visit.Rater).ToList().FindIndex(v => v.Id == visit.Id) + 1;

    static bool HasReason(string? feedbackJson) => StoredFeedback.Parse(feedbackJson)?.Reasons is { Count: > 0 };

    /// <summary>An outcome's trajectory session and status as stored with it (what the clinician saw).</summary>
    static (int Session, ProgressStatus? Status) StatusOf(string? feedbackJson) =>
        StoredFeedback.Parse(feedbackJson) is { } f ? (f.Expected?.Session ?? 0, f.Status) : (0, null);
}
