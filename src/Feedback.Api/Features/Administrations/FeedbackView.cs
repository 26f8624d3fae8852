using System.Text.Json.Serialization;
using Feedback.Clinical;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Trajectories;

namespace Feedback.Api.Features.Administrations;

/// <summary>
/// Feedback as answered when the administration arrived (what the clinician saw); numbers rounded to one decimal.
/// One flat shape tagged by <c>kind</c>: an outcome answer carries the trajectory fields, an alliance answer the alliance
/// fields, and the other kind's fields are absent. (A oneOf union is typed as its first variant by NSwag's defaults and
/// seen as only { kind } by openapi-typescript, so generated clients could not read it without casts.)
/// </summary>
sealed class FeedbackView
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
    /// <summary>Outcome: baseline, recovered, off_track, at_risk or on_track.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ProgressStatus? Status { get; init; }

    /// <summary>Alliance: the previous rating's total in this episode; absent for the first rating.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? PreviousScore { get; init; }
    /// <summary>Alliance: this total minus the previous one; absent for the first rating.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? ChangeFromPrevious { get; init; }
    /// <summary>Alliance: whether the rating is a concern the clinician should raise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Concern { get; init; }
    /// <summary>Alliance: why it is a concern (empty when it is not).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AllianceReason>? Reasons { get; init; }

    public static FeedbackView? From(Evaluation e) =>
        e.Outcome is { } o ? Outcome(o) : e.Alliance is { } a ? Alliance(a) : null;

    static FeedbackView Outcome(OutcomeFeedback f) => new()
    {
        Kind = InstrumentKind.Outcome,
        IntakeScore = f.IntakeScore, IntakeProrated = f.IntakeProrated, ChangeFromIntake = f.ChangeFromIntake, ReliableChange = f.ReliableChange, Recovered = f.Recovered,
        Expected = new ExpectedView
        {
            Model = f.Model, Session = f.Session, Score = Rounding.OneDecimal(f.Expected),
            AtRisk = Rounding.OneDecimal(f.AtRisk), OffTrack = Rounding.OneDecimal(f.OffTrack),
        },
        Deviation = Rounding.OneDecimal(f.Deviation), Status = f.Status,
    };

    static FeedbackView Alliance(AllianceFeedback f) => new()
    {
        Kind = InstrumentKind.Alliance,
        PreviousScore = f.PreviousScore, ChangeFromPrevious = f.ChangeFromPrevious, Concern = f.Concern, Reasons = f.Reasons,
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
