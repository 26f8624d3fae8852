namespace Feedback.Api.Hosting;

/// <summary>
/// Keeps SQLite's planner statistics current (<see cref="Database.OptimizeAsync"/>): shortly after start and
/// then every 6 hours, as SQLite recommends for long-lived connections. Bounded work; a failure is logged and retried.
/// </summary>
sealed class PlannerStatistics(Database database, TimeProvider clock, ILogger<PlannerStatistics> logger) : BackgroundService
{
    static readonly TimeSpan Every = TimeSpan.FromHours(6);
    static readonly TimeSpan FirstAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstAfter, clock, stoppingToken);
            while (true)
            {
                try { await database.OptimizeAsync(stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Gathering planner statistics failed; trying again in 6 hours.");
                }
                await Task.Delay(Every, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
