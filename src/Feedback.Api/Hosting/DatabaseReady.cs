using Dapper;
using Feedback.Data.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Feedback.Api.Hosting;

/// <summary>/health/ready: the database answers and every migration is applied. The answer carries no data.</summary>
sealed class DatabaseReady(Database database) : IHealthCheck
{
    /// <summary>An orchestrator's probe gets an answer within this, whatever holds the database (issue 11).</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(2);

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
        try
        {
            await using var session = await database.ReadAsync(ct);
            await session.Connection.ExecuteScalarAsync<int>(session.Command("SELECT 1", null, ct));
            return Migrator.IsUpgradeRequired(database.Options)
                ? HealthCheckResult.Unhealthy("migrations pending")
                : HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}
