using Feedback.Clinical.Trajectories;

namespace Feedback.Api.Features.Progress;

/// <summary>An outcome series of one episode, every point recomputed from the episode as it is now.</summary>
sealed class ProgressView
{
    public required string Instrument { get; init; }
    public required string? EpisodeId { get; init; }
    public required Rater Rater { get; init; }
    public required decimal? IntakeScore { get; init; }
    /// <summary>Whether the intake's total was prorated from missing items; null when there is no intake yet.</summary>
    public required bool? IntakeProrated { get; init; }
    /// <summary>The age group stored with the intake: the trajectory's target and cut-off use it; null when there is no intake yet.</summary>
    public required AgeGroup? AgeGroup { get; init; }
    /// <summary>The model every point was recomputed with now (an administration's own feedback names the model stored with it).</summary>
    public required string Model { get; init; }
    public required List<ProgressPoint> Points { get; init; }
}

sealed class ProgressPoint
{
    public required string AdministrationId { get; init; }
    /// <summary>The session number the caller gave, if any.</summary>
    public required int? SessionNumber { get; init; }
    /// <summary>t: the session of the trajectory (the intake is session 1).</summary>
    public required int Session { get; init; }
    public required DateTimeOffset AdministeredAt { get; init; }
    public required decimal Score { get; init; }
    public required decimal Expected { get; init; }
    public required decimal AtRisk { get; init; }
    public required decimal OffTrack { get; init; }
    public required ProgressStatus Status { get; init; }
}
