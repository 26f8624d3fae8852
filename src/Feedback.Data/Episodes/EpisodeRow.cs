namespace Feedback.Data.Episodes;

public sealed class EpisodeRow
{
    public string Id { get; init; } = "";
    public string ClientId { get; init; } = "";
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
}
