namespace Feedback.Data.Episodes;

public sealed record EpisodeRow
{
    public string Id { get; init; } = "";
    public string ClientId { get; init; } = "";
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>The episodeKey an import created it under (interop.md 4.3); null for an episode opened by the service.</summary>
    public string? ImportKey { get; init; }
}
