using Feedback.Api.Json;
using Feedback.Api.Recording;
using System.Text.Json.Serialization;
using Feedback.Clinical;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Trajectories;

namespace Feedback.Api.Shared.Views;

/// <summary>
/// Feedback as answered when the administration arrived (what the clinician saw); numbers rounded to one decimal.
/// One flat shape tagged by <c>kind</c>: an outcome answer carries the trajectory fields, an alliance answer the alliance
/// fields, and the other kind's fields are absent. (A oneOf union is typed as its first variant by NSwag's defaults and
/// seen as only { kind } by openapi-typescript, so generated clients could not read it without casts.)
/// </summary>
sealed class FeedbackView : IKindTagged
{
    /// <summary>outcome or alliance: which of the fields below are present.</summary>
    public required InstrumentKind Kind { get; init; }

    /// <summary>Outcome: the episode's first score of this instrument and rater.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? IntakeScore { get; init; }
    /// <summary>Outcome: whether the intake's total was prorated from missing items.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IntakeProrated { get; init; }
    /// <summary>Outcome: this score minus the intake score.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? ChangeFromIntake { get; init; }
    /// <summary>Outcome: improved, unchanged or deteriorated, by the instrument's reliable change index.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ChangeCategory? ReliableChange { get; init; }
    /// <summary>Outcome: reliably improved and out of the clinical range.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Recovered { get; init; }
    /// <summary>Outcome: the expected score at this session and the at-risk and off-track thresholds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ExpectedView? Expected { get; init; }
    /// <summary>Outcome: score minus expected, in the worse direction; positive is worse than expected.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? Deviation { get; init; }
    /// <summary>Outcome: baseline, recovered, off_track, at_risk, no_change (v1.2: still in the clinical range at t >= 4
    /// without half a reliable change of improvement) or on_track.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ProgressStatus? Status { get; init; }
    /// <summary>Outcome, only when this administration's own stored age group differs from the intake's: the intake's,
    /// by which recovery and no_change are judged (clinical.md v1.2 section 3).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AgeGroup? TrajectoryAgeGroup { get; init; }
    /// <summary>Outcome, with trajectoryAgeGroup: this score judged by the intake's age group.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? TrajectoryClinicalRange { get; init; }

    /// <summary>Alliance: the previous rating's total in this episode; absent for the first rating.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? PreviousScore { get; init; }
    /// <summary>Alliance: this total minus the previous one; absent for the first rating.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? ChangeFromPrevious { get; init; }
    /// <summary>Alliance: whether the rating is a concern the clinician should raise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Concern { get; init; }
    /// <summary>Alliance: why it is a concern (empty when it is not).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AllianceReason>? Reasons { get; init; }
    /// <summary>
    /// Alliance (alliance-v2, clinical.md section 9): the rupture open at this rating (its onset included) or ended at it
    /// (repaired or unrepaired); null when none is open or just ended here, and in feedback stored before alliance-v2.
    /// Always present, null or not, in alliance feedback; never in outcome feedback.
    /// </summary>
    [ForKind(InstrumentKind.Alliance)] public RuptureView? Rupture { get; init; }

    /// <summary>The stored feedback as the API shows it (the same fields, named for the API).</summary>
    public static FeedbackView? From(StoredFeedback? f) => f is null ? null : new()
    {
        Kind = f.Kind,
        IntakeScore = f.IntakeScore, IntakeProrated = f.IntakeProrated, ChangeFromIntake = f.ChangeFromIntake, ReliableChange = f.ReliableChange, Recovered = f.Recovered,
        Expected = f.Expected is { } e ? new ExpectedView { Model = e.Model, Session = e.Session, Score = e.Score, AtRisk = e.AtRisk, OffTrack = e.OffTrack } : null,
        Deviation = f.Deviation, Status = f.Status, TrajectoryAgeGroup = f.TrajectoryAgeGroup, TrajectoryClinicalRange = f.TrajectoryClinicalRange,
        PreviousScore = f.PreviousScore, ChangeFromPrevious = f.ChangeFromPrevious, Concern = f.Concern, Reasons = f.Reasons,
        Rupture = f.Rupture is { } r ? new RuptureView { State = r.State, Baseline = r.Baseline, SinceAdministrationId = r.SinceAdministrationId, RatingsSince = r.RatingsSince } : null,
    };
}

sealed class ExpectedView
{
    public required string Model { get; init; }
    /// <summary>t, the session of the trajectory (the intake is session 1).</summary>
    public required int Session { get; init; }
    public required decimal Score { get; init; }
    public required decimal AtRisk { get; init; }
    public required decimal OffTrack { get; init; }
}

/// <summary>A rupture in the alliance (clinical.md section 9, rupture-v1) as seen at one rating.</summary>
sealed class RuptureView
{
    /// <summary>open (from its onset), repaired or unrepaired (at the rating that ended it).</summary>
    public required RuptureState State { get; init; }
    /// <summary>B: the median of the rater's up to 3 ratings before the onset, frozen for the rupture.</summary>
    public required decimal Baseline { get; init; }
    /// <summary>The administration at which the rupture began.</summary>
    public required string SinceAdministrationId { get; init; }
    /// <summary>How many of the rater's ratings came after the onset, up to and including this one (0 at the onset).</summary>
    public required int RatingsSince { get; init; }

    public static RuptureView? From(RuptureAtRating? r) => r is null ? null : new()
    {
        State = r.State, Baseline = r.Baseline, SinceAdministrationId = r.SinceAdministrationId, RatingsSince = r.RatingsSince,
    };
}
