using Feedback.Api.Json;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Trajectories;

namespace Feedback.Api.Features.Progress;

/// <summary>
/// A series of one episode, every point recomputed from the episode as it is now. Tagged by <c>kind</c>: an outcome
/// instrument answers one rater's points against the expected trajectory (rater, intakeScore, intakeProrated, ageGroup,
/// model, points); an alliance instrument answers every rater's series with reasons and ruptures (rulesVersion, cutoff,
/// series). The other kind's fields are absent.
/// </summary>
sealed class ProgressView : IKindTagged
{
    /// <summary>outcome or alliance: which of the fields below are present.</summary>
    public required InstrumentKind Kind { get; init; }
    public required string Instrument { get; init; }
    public required string? EpisodeId { get; init; }

    /// <summary>Outcome: the rater whose series this is.</summary>
    [ForKind(InstrumentKind.Outcome)] public Rater? Rater { get; init; }
    /// <summary>Outcome: the intake's total; null when there is no intake yet.</summary>
    [ForKind(InstrumentKind.Outcome)] public decimal? IntakeScore { get; init; }
    /// <summary>Outcome: whether the intake's total was prorated from missing items; null when there is no intake yet.</summary>
    [ForKind(InstrumentKind.Outcome)] public bool? IntakeProrated { get; init; }
    /// <summary>Outcome: the age group stored with the intake: the trajectory's target and cut-off use it; null when there is no intake yet.</summary>
    [ForKind(InstrumentKind.Outcome)] public AgeGroup? AgeGroup { get; init; }
    /// <summary>Outcome: the model every point was recomputed with now (an administration's own feedback names the model stored with it).</summary>
    [ForKind(InstrumentKind.Outcome)] public string? Model { get; init; }
    /// <summary>Outcome: the points of the trajectory, intake first.</summary>
    [ForKind(InstrumentKind.Outcome)] public List<ProgressPoint>? Points { get; init; }

    /// <summary>Alliance: the rules every rating was recomputed with now (alliance-v2: rupture-v1 and early-alliance-v1).</summary>
    [ForKind(InstrumentKind.Alliance)] public string? RulesVersion { get; init; }
    /// <summary>Alliance: the concern cut-off early alliance risk uses (the chart draws it for SRS and WAI-SR only); null for TASC-R, which has none.</summary>
    [ForKind(InstrumentKind.Alliance)] public ConcernCutoffView? Cutoff { get; init; }
    /// <summary>Alliance: one series per rater (the client's always, the caregiver's or therapist's where they exist).</summary>
    [ForKind(InstrumentKind.Alliance)] public List<RaterSeriesView>? Series { get; init; }
}

sealed class ProgressPoint
{
    public required string AdministrationId { get; init; }
    /// <summary>The session number the caller gave, if any.</summary>
    public required int? SessionNumber { get; init; }
    /// <summary>t: the session of the trajectory (the intake is session 1).</summary>
    public required int Session { get; init; }
    /// <summary>c(a), what a clinician recognises and the chart's x: the sessionNumber, else counted from the episode's visit dates (clinical.md section 1).</summary>
    public required int ClinicSession { get; init; }
    public required DateTimeOffset AdministeredAt { get; init; }
    public required decimal Score { get; init; }
    /// <summary>Against the intake (Jacobson and Truax): improved, unchanged or deteriorated.</summary>
    public required ChangeCategory ReliableChange { get; init; }
    public required decimal Expected { get; init; }
    public required decimal AtRisk { get; init; }
    public required decimal OffTrack { get; init; }
    public required ProgressStatus Status { get; init; }
}

public enum CutoffRule { AtOrBelow, Below }

/// <summary>
/// The alliance concern cut-off (clinical.md sections 6 and 9): SRS and CSRS a total at or below 36; WAI-SR an item mean
/// below 3.5 (a total below 42). For CSRS it serves early alliance risk only (its <c>below_cutoff</c> reason is not verified).
/// </summary>
sealed class ConcernCutoffView
{
    public required decimal Total { get; init; }
    /// <summary>WAI-SR: the item mean the total stands for; null for SRS and CSRS.</summary>
    public required decimal? ItemMean { get; init; }
    /// <summary>at_or_below (SRS, CSRS) or below (WAI-SR): how a score is compared with the cut-off to be a concern.</summary>
    public required CutoffRule Rule { get; init; }
}

sealed class RaterSeriesView
{
    public required Rater Rater { get; init; }
    public required List<AlliancePointView> Points { get; init; }
    /// <summary>The series' ruptures, oldest first (client and caregiver series; a therapist's has none).</summary>
    public required List<RuptureSummaryView> Ruptures { get; init; }
}

sealed class AlliancePointView
{
    public required string AdministrationId { get; init; }
    /// <summary>The session number the caller gave, if any.</summary>
    public required int? SessionNumber { get; init; }
    /// <summary>t: the place in the trajectory (clinical.md section 4, on the alliance series); the first rating is session 1.</summary>
    public required int Session { get; init; }
    /// <summary>c(a), what a clinician recognises and the chart's x: the sessionNumber, else counted from the episode's visit dates (clinical.md section 1).</summary>
    public required int ClinicSession { get; init; }
    public required DateTimeOffset AdministeredAt { get; init; }
    public required decimal Score { get; init; }
    public required bool Concern { get; init; }
    public required IReadOnlyList<AllianceReason> Reasons { get; init; }
    /// <summary>B: the median of the rater's up to 3 ratings before this one; null with fewer than 2 (and for a therapist).</summary>
    public required decimal? Baseline { get; init; }
    /// <summary>The rupture open at this rating or ended at it; null otherwise.</summary>
    public required RuptureView? Rupture { get; init; }
}

/// <summary>One rupture of a series (rupture-v1): where it began and, once ended, where and how.</summary>
sealed class RuptureSummaryView
{
    /// <summary>open, repaired, or unrepaired (three ratings without repair, or the episode closed first).</summary>
    public required RuptureState State { get; init; }
    public required RuptureEnd? EndedBy { get; init; }
    public required decimal Baseline { get; init; }
    /// <summary>The total at or above which a later rating repairs it: baseline - D/2.</summary>
    public required decimal RepairAt { get; init; }
    public required string SinceAdministrationId { get; init; }
    /// <summary>The onset's t.</summary>
    public required int SinceSession { get; init; }
    /// <summary>The rating that ended it; null while open or when the episode's close ended it.</summary>
    public required string? EndedAdministrationId { get; init; }
    public required int? EndedSession { get; init; }
    /// <summary>Ratings after the onset, up to the end or to now.</summary>
    public required int RatingsSince { get; init; }
}
