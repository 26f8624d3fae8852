using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;

namespace Feedback.Data.Recording;

/// <summary>An import line id recorded with the administration it became or duplicated (interop.md 4.3).</summary>
public sealed record ImportLineWrite(string LineId, string LineHash, string AdministrationId, DateTimeOffset ImportedAt);

/// <summary>A stored alert no longer current: who resolved it, when and why.</summary>
public sealed record StoredAlertResolution(string AlertId, string Reason, DateTimeOffset At, string? ByAdministrationId);

/// <summary>
/// What a decision writes: rows to insert and the few changes to stored rows, applied by
/// <see cref="RecordingRepository.ApplyAsync"/> with one multi-row statement per table. A row inserted by this plan and
/// changed later in it (an alert resolved, an episode closed, by a later submission of the same group) is inserted as it
/// ends, so no statement is sent that a later one undoes.
/// </summary>
public sealed class WritePlan
{
    readonly List<ClientRow> clients = [];
    readonly List<EpisodeRow> episodes = [];
    readonly Dictionary<string, int> episodeAt = new(StringComparer.Ordinal);
    readonly Dictionary<string, EpisodeRow> episodeChanges = new(StringComparer.Ordinal);
    readonly List<AdministrationRow> administrations = [];
    readonly List<AlertRow> alerts = [];
    readonly Dictionary<string, int> alertAt = new(StringComparer.Ordinal);
    readonly List<StoredAlertResolution> resolutions = [];
    readonly List<ImportLineWrite> importLines = [];

    public IReadOnlyList<ClientRow> Clients => clients;
    public IReadOnlyList<EpisodeRow> Episodes => episodes;
    /// <summary>Stored episodes as they end: closed_at and opened_at are the columns a decision changes.</summary>
    public IReadOnlyCollection<EpisodeRow> EpisodeChanges => episodeChanges.Values;
    public IReadOnlyList<AdministrationRow> Administrations => administrations;
    public IReadOnlyList<AlertRow> Alerts => alerts;
    public IReadOnlyList<StoredAlertResolution> Resolutions => resolutions;
    public IReadOnlyList<ImportLineWrite> ImportLines => importLines;
    public bool IsEmpty => clients.Count + episodes.Count + episodeChanges.Count + administrations.Count + alerts.Count + resolutions.Count + importLines.Count == 0;

    public void Insert(ClientRow client) => clients.Add(client);
    public void Insert(AdministrationRow administration) => administrations.Add(administration);
    public void Insert(ImportLineWrite line) => importLines.Add(line);

    public void Insert(EpisodeRow episode)
    {
        episodeAt[episode.Id] = episodes.Count;
        episodes.Add(episode);
    }

    /// <summary>An episode's new state: the pending insert when this plan creates it, else an update of the stored row.</summary>
    public void Change(EpisodeRow episode)
    {
        if (episodeAt.TryGetValue(episode.Id, out var i)) episodes[i] = episode;
        else episodeChanges[episode.Id] = episode;
    }

    public void Insert(AlertRow alert)
    {
        alertAt[alert.Id] = alerts.Count;
        alerts.Add(alert);
    }

    /// <summary>The resolved alert as it is now (the caller applies the same change to its own copy).</summary>
    public void Resolve(AlertRow resolved)
    {
        if (alertAt.TryGetValue(resolved.Id, out var i)) alerts[i] = resolved;
        else resolutions.Add(new StoredAlertResolution(resolved.Id, resolved.ResolvedReason!, resolved.ResolvedAt!.Value, resolved.ResolvedByAdministrationId));
    }
}
