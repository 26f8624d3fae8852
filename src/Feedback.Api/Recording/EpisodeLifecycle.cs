using Feedback.Clinical.Episodes;
using Feedback.Data.Alerts;
using Feedback.Data.Episodes;

namespace Feedback.Api.Recording;

/// <summary>
/// How episodes open and close, for every path that does it (a submission, an import line, POST and close of an
/// episode): a client has at most one open episode, and closing one resolves what a close resolves.
/// </summary>
static class EpisodeLifecycle
{
    /// <summary>
    /// Opens an episode at <paramref name="openedAt"/>, closing the client's open one at <paramref name="closeOpenAt"/>
    /// (default: the same instant; the stale-episode guard closes it at its latest administration).
    /// </summary>
    public static EpisodeRecord Open(GroupState state, Changes changes, string clientId, DateTimeOffset openedAt, DateTimeOffset now,
        DateTimeOffset? closeOpenAt = null)
    {
        if (state.OpenEpisode(clientId) is { } open) Close(changes, open, closeOpenAt ?? openedAt, now);
        var opened = new EpisodeRecord(new EpisodeRow { Id = Ulid.NewUlid().ToString(), ClientId = clientId, OpenedAt = openedAt }, read: true);
        changes.NewEpisodes.Add(opened);
        return opened;
    }

    /// <summary>
    /// An import's episodeKey makes its episode at its first line's time (interop.md 4.3), open or already closed; no
    /// other episode changes. Its lines are decided as the episode was at their times, open; what its close resolves is
    /// resolved after them (<see cref="ResolveClosed"/>), as a live close after the same submissions would.
    /// </summary>
    public static EpisodeRecord OpenImported(Changes changes, string clientId, string key, DateTimeOffset openedAt, DateTimeOffset? closedAt)
    {
        var opened = new EpisodeRecord(new EpisodeRow { Id = Ulid.NewUlid().ToString(), ClientId = clientId, OpenedAt = openedAt, ClosedAt = closedAt, ImportKey = key }, read: true);
        changes.NewEpisodes.Add(opened);
        return opened;
    }

    /// <summary>An imported episode begins at its earliest administration, also when a later file brings an earlier one.</summary>
    public static void OpenEarlier(Changes changes, EpisodeRecord episode, DateTimeOffset at)
    {
        if (at < episode.Row.OpenedAt) changes.EpisodeChanges.Add((episode, episode.Row with { OpenedAt = at }));
    }

    /// <summary>
    /// Closes the episode at <paramref name="closedAt"/>. clinical.md section 9: a rupture still open when its episode
    /// closes is unrepaired; its alert is no longer current, and is resolved as of <paramref name="now"/>.
    /// </summary>
    public static void Close(Changes changes, EpisodeRecord episode, DateTimeOffset closedAt, DateTimeOffset now)
    {
        changes.EpisodeChanges.Add((episode, episode.Row with { ClosedAt = closedAt }));
        ResolveClosed(changes, episode, now);
    }

    /// <summary>What a closed episode's close resolves, as of <paramref name="now"/>: its current rupture alerts.</summary>
    public static void ResolveClosed(Changes changes, EpisodeRecord episode, DateTimeOffset now)
    {
        if (!episode.Read) throw new InvalidOperationException("An episode is closed only after its alerts were read.");
        foreach (var rupture in episode.Alerts.Where(a => a.Kind == "alliance_rupture" && AlertKinds.IsCurrent(a)))
            changes.Resolve(rupture, ResolvedReasons.Replaced, now, rupture.ResolvedByAdministrationId);
    }

    /// <summary>When the stale-episode guard applies to the open episode: its latest administration's time; null otherwise.</summary>
    public static DateTimeOffset? StaleSince(EpisodeRecord open, DateTimeOffset at, int staleDays) =>
        open.Latest is { } latest && StaleEpisode.IsStale(latest, at, staleDays) ? latest : null;
}
