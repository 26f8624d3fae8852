using Feedback.Api.Webhooks;
using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
using Feedback.Data.Idempotency;
using Feedback.Data.Recording;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Recording;

/// <summary>
/// Records submissions, whichever door they came in by: in one write transaction, read the state of the clients
/// concerned (<see cref="StateReader"/>), decide each submission on it (<see cref="Decider"/>, no writes), then write what
/// the decisions planned (<see cref="RecordingRepository.ApplyAsync"/>). A live request is a group of one; an import
/// decides a group of clients at once. The caller's answer goes out only after the commit.
/// </summary>
sealed class Recorder(Database database, StateReader reader, RecordingRepository recording, IdempotencyRepository idempotency,
    AdministrationRepository administrations, AlertRepository alerts, WebhookOutbox outbox, TimeProvider clock)
{
    // A unique-key race (two identical administrations, one Idempotency-Key for two clients) fails one transaction on
    // SQL Server; Database.WriteAsync runs it again, and the rerun reads what the other one wrote.
    // A FHIR identifier race fails the same way on the filtered unique index, and the rerun finds the stored identifier.
    // auditWhenSaved: the request's audit entry, written in this same transaction when the administration is saved, and
    // marked committed once that transaction has.
    public async Task<Outcome> RecordAsync(long tenantId, Submission submission, SubmissionSource source, CancellationToken ct,
        Audit.InTransactionEntry? auditWhenSaved = null)
    {
        var prepared = PreparedSubmission.Of(submission, source);
        var outcome = await database.WriteAsync(async (tx, token) =>
        {
            var now = clock.GetUtcNow();
            var state = await reader.ReadOneAsync(tx, tenantId, prepared, token);
            var (decided, changes) = Decider.Decide(state, prepared, now);
            if (decided is Outcome.Repeated repeated)
                return await ReplayAsync(tx, tenantId, submission.ClientId, repeated.AdministrationId, token);
            if (decided is IRefusal) return decided;
            state.Apply(changes);
            await ApplyAsync(tx, tenantId, state, now, token);
            if (decided is Outcome.Saved saved)
            {
                if (source.RequestKey is { } key)
                {
                    // A key stored more than 24 hours ago is free again: its old record makes way for this one.
                    if (state.Idempotency is not null) await idempotency.DeleteAsync(tx, tenantId, key, token);
                    await idempotency.InsertAsync(tx, tenantId, key, prepared.RequestHash, saved.Row.Id, now, token);
                }
                if (auditWhenSaved is not null) await auditWhenSaved.WriteAsync(tx, token);
            }
            return decided;
        }, ct);
        if (outcome is Outcome.Saved) auditWhenSaved?.Committed();
        return outcome;
    }

    /// <summary>
    /// One group of import lines (interop.md 4.3), in the order given (each client's lines in administeredAt order), in
    /// one transaction, not one per line as interop.md 4.3 has it (docs/bulk.md says why): a line's refusal changes
    /// nothing, and the transaction is all or nothing, so re-sending stays safe.
    /// </summary>
    public Task<IReadOnlyList<Outcome>> ImportAsync(long tenantId, IReadOnlyList<PreparedSubmission> lines, CancellationToken ct) =>
        database.WriteAsync<IReadOnlyList<Outcome>>(async (tx, token) =>
        {
            var state = await reader.ReadGroupAsync(tx, tenantId, lines, token);
            var outcomes = new List<Outcome>(lines.Count);
            foreach (var line in lines)
            {
                var (outcome, changes) = Decider.Decide(state, line, clock.GetUtcNow());
                if (outcome is not IRefusal) state.Apply(changes);
                outcomes.Add(outcome);
            }
            // A key's episode closed by its lines (episodeClosedAt) resolves, after them, what its close resolves.
            var now = clock.GetUtcNow();
            var closing = new Changes();
            var closedKeys = lines.Where(l => l.Source is SubmissionSource.Import { EpisodeKey: not null, EpisodeClosedAt: not null })
                .Select(l => (l.Submission.ClientId, Key: ((SubmissionSource.Import)l.Source).EpisodeKey!)).Distinct();
            foreach (var (client, key) in closedKeys)
                if (state.EpisodeByKey(client, key) is { } episode)
                    EpisodeLifecycle.ResolveClosed(closing, episode, now);
            await ApplyAsync(tx, tenantId, state, Announced(closing, now), now, token);
            return outcomes;
        }, ct);

    /// <summary>Closes the client's episode now (closing a closed one changes nothing); null when the client has no such episode.</summary>
    public Task<Data.Episodes.EpisodeRow?> CloseEpisodeAsync(long tenantId, string clientId, string episodeId, CancellationToken ct) =>
        database.WriteAsync(async (tx, token) =>
        {
            var now = clock.GetUtcNow();
            var state = await reader.ReadClientAsync(tx, tenantId, clientId, token);
            if (state.Episode(clientId, episodeId) is not { } episode) return null;
            if (episode.Row.ClosedAt is not null) return episode.Row;
            var changes = new Changes();
            EpisodeLifecycle.Close(changes, episode, now, now);
            await ApplyAsync(tx, tenantId, state, Announced(changes, now), now, token);
            return episode.Row;
        }, ct);

    /// <summary>Opens a new episode for the client now, closing its open one; a client id not seen before is created (an adult).</summary>
    public Task<Data.Episodes.EpisodeRow> OpenEpisodeAsync(long tenantId, string clientId, CancellationToken ct) =>
        database.WriteAsync(async (tx, token) =>
        {
            var now = clock.GetUtcNow();
            var state = await reader.ReadClientAsync(tx, tenantId, clientId, token);
            var changes = new Changes();
            if (state.Client(clientId) is null)
                changes.NewClient = new Data.Clients.ClientRow { ClientId = clientId, AgeGroup = Names.Of(AgeGroup.Adult), CreatedAt = now, UpdatedAt = now };
            var opened = EpisodeLifecycle.Open(state, changes, clientId, now, now);
            await ApplyAsync(tx, tenantId, state, Announced(changes, now), now, token);
            return opened.Row;
        }, ct);

    // interop.md 2.4: what a close resolved is announced; no alert replaces it.
    static Changes Announced(Changes changes, DateTimeOffset now)
    {
        foreach (var resolved in changes.Resolved) changes.Events.Add(() => WebhookEvents.Resolved(resolved, null, now));
        return changes;
    }

    Task ApplyAsync(DbSession tx, long tenantId, GroupState state, Changes changes, DateTimeOffset now, CancellationToken ct)
    {
        state.Apply(changes);
        return ApplyAsync(tx, tenantId, state, now, ct);
    }

    async Task ApplyAsync(DbSession tx, long tenantId, GroupState state, DateTimeOffset now, CancellationToken ct)
    {
        await recording.ApplyAsync(tx, tenantId, state.Plan, ct);
        if (state.Events.Count > 0)
            await outbox.QueueAsync(tx, tenantId, () => Task.FromResult<IReadOnlyList<WebhookEvent>>([.. state.Events.Select(e => e())]), now, ct);
    }

    async Task<Outcome> ReplayAsync(DbSession tx, long tenantId, string clientId, string administrationId, CancellationToken ct)
    {
        var row = await administrations.GetAsync(tx, tenantId, clientId, administrationId, ct);
        return new Outcome.Replay(row!, await alerts.ForAdministrationAsync(tx, tenantId, administrationId, ct));
    }
}
