using Feedback.Data.Episodes;

namespace Feedback.Api.Features.Episodes;

sealed class EpisodeView
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    /// <summary>When the episode began: the administeredAt of the administration that opened it, or the time of the
    /// POST that opened it.</summary>
    public required DateTimeOffset OpenedAt { get; init; }
    /// <summary>When it ended: the time of the close or of the next episode's opening; for an episode closed as stale, the
    /// administeredAt of its latest administration. Null while open.</summary>
    public required DateTimeOffset? ClosedAt { get; init; }

    public static EpisodeView From(EpisodeRow e) => new() { Id = e.Id, ClientId = e.ClientId, OpenedAt = e.OpenedAt, ClosedAt = e.ClosedAt };
}
