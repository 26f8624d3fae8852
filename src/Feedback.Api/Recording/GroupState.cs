using Feedback.Data.Alerts;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;
using Feedback.Data.Idempotency;
using Feedback.Data.Imports;
using Feedback.Data.Recording;
using Feedback.Data.Tenants;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Recording;

/// <summary>
/// What the decisions of one write transaction read, for a group of clients of one tenant (<see cref="StateReader"/>
/// reads it in a few statements), and what they changed so far: each decision sees the ones before it. The changes
/// go into <see cref="Plan"/>, which is written once, after the last decision.
/// </summary>
sealed class GroupState(TenantSettingsRow settings)
{
    public TenantSettingsRow Settings { get; } = settings;
    public WritePlan Plan { get; } = new();
    public List<Func<WebhookEvent>> Events { get; } = [];

    readonly Dictionary<string, ClientRow> clients = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<EpisodeRecord>> episodesOfClient = new(StringComparer.Ordinal);
    readonly Dictionary<string, EpisodeRecord> episodes = new(StringComparer.Ordinal);
    readonly Dictionary<string, ImportLineRow> importLines = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> contentOwners = new(StringComparer.Ordinal);

    /// <summary>The live path's Idempotency-Key as stored (null when none was sent or none is stored).</summary>
    public IdempotencyRecord? Idempotency { get; init; }
    /// <summary>The administration stored under the FHIR identifier sent (interop.md 1.5), if any.</summary>
    public string? FhirIdentifierOwner { get; init; }

    public ClientRow? Client(string clientId) => clients.GetValueOrDefault(clientId);
    public EpisodeRecord? OpenEpisode(string clientId) => EpisodesOf(clientId).SingleOrDefault(e => e.Row.ClosedAt is null);
    public EpisodeRecord? Episode(string clientId, string id) => episodes.TryGetValue(id, out var e) && e.Row.ClientId == clientId ? e : null;
    public EpisodeRecord? EpisodeByKey(string clientId, string key) => EpisodesOf(clientId).SingleOrDefault(e => e.Row.ImportKey == key);
    public IReadOnlyList<EpisodeRecord> EpisodesOf(string clientId) => episodesOfClient.GetValueOrDefault(clientId) ?? [];
    public ImportLineRow? ImportLine(string lineId) => importLines.GetValueOrDefault(lineId);
    public string? ContentOwner(string contentHash) => contentOwners.GetValueOrDefault(contentHash);

    // As read.
    public void Add(ClientRow client) => clients[client.ClientId] = client;
    public void Add(EpisodeRecord episode)
    {
        episodes[episode.Row.Id] = episode;
        if (!episodesOfClient.TryGetValue(episode.Row.ClientId, out var list)) episodesOfClient[episode.Row.ClientId] = list = [];
        list.Add(episode);
    }
    public void Add(string lineId, ImportLineRow line) => importLines[lineId] = line;
    public void AddContent(string contentHash, string administrationId) => contentOwners[contentHash] = administrationId;
    public EpisodeRecord? EpisodeById(string id) => episodes.GetValueOrDefault(id);

    /// <summary>One decision's changes: into what the next decision reads, and into the plan.</summary>
    public void Apply(Changes changes)
    {
        if (changes.NewClient is { } client)
        {
            Add(client);
            Plan.Insert(client);
        }
        foreach (var (episode, row) in changes.EpisodeChanges)
        {
            episode.Row = row;
            Plan.Change(row);
        }
        foreach (var episode in changes.NewEpisodes)
        {
            Add(episode);
            Plan.Insert(episode.Row);
        }
        if (changes.Administration is var (into, administration))
        {
            into.Administrations.Add(administration);
            AddContent(administration.ContentHash, administration.Id);
            Plan.Insert(administration);
        }
        if (changes.ImportLine is { } line)
        {
            Add(line.LineId, new ImportLineRow { LineHash = line.LineHash, AdministrationId = line.AdministrationId });
            Plan.Insert(line);
        }
        foreach (var resolved in changes.Resolved)
        {
            episodes[resolved.EpisodeId].Replace(resolved);
            Plan.Resolve(resolved);
        }
        foreach (var alert in changes.Alerts)
        {
            episodes[alert.EpisodeId].Alerts.Add(alert);
            Plan.Insert(alert);
        }
        Events.AddRange(changes.Events);
    }
}
