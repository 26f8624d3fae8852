using Dapper;
using Feedback.Data.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Feedback.Api.Hosting;

/// <summary>
/// /health/ready: the database answers a read and every migration is applied. The answer carries no data.
/// Only reads: on SQLite a read never waits for the writer (WAL), on SQL Server a read sees the last committed version
/// (READ_COMMITTED_SNAPSHOT), so a busy instance stays ready. Asking DbUp instead (IsUpgradeRequired) opened a write
/// transaction (BEGIN IMMEDIATE) that queued behind the submissions and flapped readiness to 503 under ordinary load.
/// </summary>
sealed class DatabaseReady(Database database) : IHealthCheck
{
    /// <summary>An orchestrator's probe gets an answer within this, whatever holds the database.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(2);

    // DbUp's journal: one row per applied script, named as the embedded resource (Migrator.ScriptNames).
    const string AppliedSql = "SELECT ScriptName FROM SchemaVersions;";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        // The check itself is bounded by the lock timeout; the probe does not wait for it past AnswerWithin.
        var check = Task.Run(() => CheckAsync(ct), ct); // Microsoft.Data.Sqlite runs "async" calls synchronously
        return await Task.WhenAny(check, Task.Delay(AnswerWithin, ct)) == check
            ? await check
            : HealthCheckResult.Unhealthy("database busy");
    }

    async Task<HealthCheckResult> CheckAsync(CancellationToken ct)
    {
        IReadOnlyCollection<string> applied;
        try
        {
            await using var session = await database.ReadAsync(ct);
            applied = (await session.Connection.QueryAsync<string>(session.Command(AppliedSql, null, ct))).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
        return Migrator.ScriptNames(database.Options.Provider).All(applied.Contains)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("migrations pending");
    }
}
