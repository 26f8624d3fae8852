using System.Text.Json.Serialization;
using Feedback.Clinical;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Trajectories;

namespace Feedback.Api.Features.Administrations;

/// <summary>Feedback as answered when the administration arrived (what the clinician saw); numbers rounded to one decimal.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OutcomeFeedbackView), "outcome")]
[JsonDerivedType(typeof(AllianceFeedbackView), "alliance")]
abstract class FeedbackView
{
    public static FeedbackView? From(Evaluation e) =>
        e.Outcome is { } o ? OutcomeFeedbackView.From(o) : e.Alliance is { } a ? AllianceFeedbackView.From(a) : null;
}

sealed class OutcomeFeedbackView : FeedbackView
{
    public required decimal IntakeScore { get; init; }
    public required decimal ChangeFromIntake { get; init; }
    public required ChangeCategory ReliableChange { get; init; }
    public required bool Recovered { get; init; }
    public required ExpectedView Expected { get; init; }
    /// <summary>Positive: worse than expected.</summary>
    public required decimal Deviation { get; init; }
    public required ProgressStatus Status { get; init; }

    public static OutcomeFeedbackView From(OutcomeFeedback f) => new()
    {
        IntakeScore = f.IntakeScore, ChangeFromIntake = f.ChangeFromIntake, ReliableChange = f.ReliableChange, Recovered = f.Recovered,
        Expected = new ExpectedView
        {
            Model = f.Model, Session = f.Session, Score = Rounding.OneDecimal(f.Expected),
            AtRisk = Rounding.OneDecimal(f.AtRisk), OffTrack = Rounding.OneDecimal(f.OffTrack),
        },
        Deviation = Rounding.OneDecimal(f.Deviation), Status = f.Status,
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

sealed class AllianceFeedbackView : FeedbackView
{
    public required decimal? PreviousScore { get; init; }
    public required decimal? ChangeFromPrevious { get; init; }
    public required bool Concern { get; init; }
    public required IReadOnlyList<AllianceReason> Reasons { get; init; }

    public static AllianceFeedbackView From(AllianceFeedback f) => new()
    {
        PreviousScore = f.PreviousScore, ChangeFromPrevious = f.ChangeFromPrevious, Concern = f.Concern, Reasons = f.Reasons,
    };
}
