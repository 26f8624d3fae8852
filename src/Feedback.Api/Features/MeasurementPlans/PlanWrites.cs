using Feedback.Clinical.Plans;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;
using Feedback.Data.Plans;

namespace Feedback.Api.Features.MeasurementPlans;

/// <summary>Which plan a write is for: the tenant default (both ids ""), a client's override, or an episode's.</summary>
sealed record PlanLevel(string ClientId, string EpisodeId)
{
    public static readonly PlanLevel Tenant = new("", "");
    public bool IsTenant => ClientId.Length == 0;
    public string What => IsTenant ? "the tenant's default plan" : EpisodeId.Length == 0 ? "this client's plan override" : "this episode's plan override";
    public PlanSource Source => IsTenant ? PlanSource.Tenant : EpisodeId.Length == 0 ? PlanSource.Client : PlanSource.Episode;
}

/// <summary>
/// Plan writes, one transaction each: the client row is locked first (as every write for a client), then the plan's key,
/// so two instances writing the same plan run one after the other and the version counts every PUT.
/// </summary>
sealed class PlanWrites(Database database, PlanRepository plans, ClientRepository clients, EpisodeRepository episodes, TimeProvider clock)
{
    public enum Outcome { Done, NoClient, NoEpisode, EpisodeClosed, NoOverride, PreconditionFailed }

    public sealed record Result(Outcome Outcome, PlanRow? Plan = null, string? Refusal = null);

    public Task<Result> PutAsync(long tenantId, PlanLevel level, string name, IReadOnlyList<PlanRule> rules, Preconditions conditions, CancellationToken ct) =>
        database.WriteAsync(async (tx, token) =>
        {
            if (await LocateAsync(tx, tenantId, level, token) is { } missing) return missing;
            var current = await plans.FindForWriteAsync(tx, tenantId, level.ClientId, level.EpisodeId, token);
            // An override not written yet reads as the plan it inherits: If-Match may name that one's tag (GET's answer).
            var inherited = level.IsTenant || current is { Exists: true } || conditions.IfMatch is null ? null
                : EffectivePlan.Of(await plans.ForClientAsync(tx, tenantId, level.ClientId, "", token), level.ClientId, null).ETag();
            if (conditions.Refusal(current is { Exists: true }, Preconditions.Tag(level.Source, current?.Version ?? 0), level.What, level.IsTenant, inherited) is { } refusal)
                return new Result(Outcome.PreconditionFailed, Refusal: refusal);
            var saved = new PlanRow
            {
                ClientId = level.ClientId, EpisodeId = level.EpisodeId, Name = name, RulesJson = EffectivePlan.Serialize(rules),
                Version = (current?.Version ?? 0) + 1, UpdatedAt = clock.GetUtcNow(),
            };
            await plans.SaveAsync(tx, tenantId, saved, exists: current is not null, token);
            return new Result(Outcome.Done, saved);
        }, ct);

    /// <summary>
    /// Deletes the plan; the row stays without rules and the deletion is a version of its own, so no ETag ever names two
    /// states (the tenant plan's empty state after a DELETE is read, and matched, as that new version).
    /// </summary>
    public Task<Result> DeleteAsync(long tenantId, PlanLevel level, Preconditions conditions, CancellationToken ct) =>
        database.WriteAsync(async (tx, token) =>
        {
            if (await LocateAsync(tx, tenantId, level, token) is { } missing) return missing;
            var current = await plans.FindForWriteAsync(tx, tenantId, level.ClientId, level.EpisodeId, token);
            if (current is not { Exists: true }) return new Result(Outcome.NoOverride);
            if (conditions.Refusal(true, Preconditions.Tag(level.Source, current.Version), level.What) is { } refusal)
                return new Result(Outcome.PreconditionFailed, Refusal: refusal);
            var deleted = new PlanRow { ClientId = level.ClientId, EpisodeId = level.EpisodeId, Version = current.Version + 1, UpdatedAt = clock.GetUtcNow() };
            await plans.SaveAsync(tx, tenantId, deleted, exists: true, token);
            return new Result(Outcome.Done, deleted);
        }, ct);

    // The client (locked: one writer per client) and, for an episode's override, the episode, which must be open.
    async Task<Result?> LocateAsync(DbSession tx, long tenantId, PlanLevel level, CancellationToken ct)
    {
        if (level.IsTenant) return null;
        if (await clients.FindForWriteAsync(tx, tenantId, level.ClientId, ct) is null) return new Result(Outcome.NoClient);
        if (level.EpisodeId.Length == 0) return null;
        var episode = await episodes.FindAsync(tx, tenantId, level.ClientId, level.EpisodeId, ct);
        return episode is null ? new Result(Outcome.NoEpisode)
            : episode.ClosedAt is not null ? new Result(Outcome.EpisodeClosed)
            : null;
    }
}
