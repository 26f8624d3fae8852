using Dapper;
using Feedback.Data.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Feedback.Api.Hosting;

/// <summary>/health/ready: the database answers and every migration is applied. The answer carries no data.</summary>
sealed class DatabaseReady(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
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
