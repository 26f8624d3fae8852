using Feedback.Data.Administrations;
using Feedback.Data.Idempotency;
using Feedback.Data.Recording;
using Feedback.Data.Tenants;

namespace Feedback.Api.Recording;

/// <summary>
/// Reads a group's state in the write transaction, before any decision: the tenant's settings, the clients (locked on
/// SQL Server), their episodes, the administrations and alerts of the episodes the decisions will read, the import
/// line ids and content fingerprints they will look up. A few statements whatever the group's size.
/// </summary>
sealed class StateReader(RecordingRepository recording, TenantRepository tenants, IdempotencyRepository idempotency, AdministrationRepository administrations)
{
    /// <summary>
    /// For an import: every episode of the group's clients is read whole, since a line may name any of them by its key.
    /// </summary>
    public async Task<GroupState> ReadGroupAsync(DbSession tx, long tenantId, IReadOnlyList<PreparedSubmission> group, CancellationToken ct)
    {
        var state = new GroupState(await tenants.SettingsAsync(tx, tenantId, ct));
        await ReadClientsAsync(tx, tenantId, state, [.. group.Select(p => p.Submission.ClientId).Distinct(StringComparer.Ordinal)], _ => true, ct);
        var lineIds = group.Select(p => p.Source).OfType<SubmissionSource.Import>().Select(i => i.LineId).ToList();
        if (lineIds.Count > 0)
            foreach (var (lineId, line) in await recording.ImportLinesAsync(tx, tenantId, lineIds, ct)) state.Add(lineId, line);
        await ReadContentAsync(tx, tenantId, state, group, ct);
        return state;
    }

    /// <summary>
    /// For one live submission: the client's episodes, and whole only the one it goes into (the one named, else the
    /// open one); what the request's Idempotency-Key and FHIR identifier name.
    /// </summary>
    public async Task<GroupState> ReadOneAsync(DbSession tx, long tenantId, PreparedSubmission p, CancellationToken ct)
    {
        var key = p.Source.RequestKey;
        var fhir = p.Source as SubmissionSource.Fhir;
        var state = new GroupState(await tenants.SettingsAsync(tx, tenantId, ct))
        {
            Idempotency = key is null ? null : await idempotency.FindAsync(tx, tenantId, key, ct),
            FhirIdentifierOwner = p.IdentifierSystem is null ? null
                : await administrations.FindIdByFhirIdentifierAsync(tx, tenantId, p.IdentifierSystem, fhir!.IdentifierValue!, ct),
        };
        await ReadClientsAsync(tx, tenantId, state, [p.Submission.ClientId],
            e => p.Submission.EpisodeId is { } id ? e.Id == id : e.ClosedAt is null, ct);
        await ReadContentAsync(tx, tenantId, state, [p], ct);
        return state;
    }

    /// <summary>For an episode's close or a new episode: the client's episodes, the open one whole (its close resolves its ruptures).</summary>
    public async Task<GroupState> ReadClientAsync(DbSession tx, long tenantId, string clientId, CancellationToken ct)
    {
        var state = new GroupState(await tenants.SettingsAsync(tx, tenantId, ct));
        await ReadClientsAsync(tx, tenantId, state, [clientId], e => e.ClosedAt is null, ct);
        return state;
    }

    /// <summary>The clients (locked on SQL Server) and their episodes; whole, with administrations and alerts, the episodes <paramref name="whole"/> picks.</summary>
    async Task ReadClientsAsync(DbSession tx, long tenantId, GroupState state, IReadOnlyList<string> clientIds, Func<Data.Episodes.EpisodeRow, bool> whole,
        CancellationToken ct)
    {
        foreach (var client in await recording.ClientsAsync(tx, tenantId, clientIds, ct)) state.Add(client);
        var episodes = await recording.EpisodesAsync(tx, tenantId, clientIds, ct);
        var read = episodes.Where(whole).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var episode in episodes) state.Add(new EpisodeRecord(episode, read.Contains(episode.Id)));
        if (read.Count == 0) return;
        foreach (var administration in await recording.AdministrationsAsync(tx, tenantId, read, ct))
            state.EpisodeById(administration.EpisodeId)!.Administrations.Add(administration);
        foreach (var alert in await recording.AlertsAsync(tx, tenantId, read, ct))
            state.EpisodeById(alert.EpisodeId)!.Alerts.Add(alert);
    }

    // An exact duplicate may be in any episode of the client: its fingerprint is looked up, not the episodes read.
    async Task ReadContentAsync(DbSession tx, long tenantId, GroupState state, IReadOnlyList<PreparedSubmission> group, CancellationToken ct)
    {
        foreach (var (hash, id) in await recording.ContentHashesAsync(tx, tenantId, group.Select(p => p.ContentHash), ct))
            state.AddContent(hash, id);
    }
}
