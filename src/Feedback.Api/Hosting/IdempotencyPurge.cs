using Feedback.Data.Idempotency;

namespace Feedback.Api.Hosting;

/// <summary>
/// Deletes Idempotency-Key records past their 24 h window, hourly and once shortly after start (they were
/// never deleted). Several instances may purge at once: each deletes what is expired, in small batches.
/// </summary>
sealed class IdempotencyPurge(Database database, IdempotencyRepository idempotency, TimeProvider clock, ILogger<IdempotencyPurge> logger)
    : BackgroundService
{
    static readonly TimeSpan Every = TimeSpan.FromHours(1);
    static readonly TimeSpan FirstAfter = TimeSpan.FromMinutes(1);
    const int Batch = 1000;

    /// <summary>Purges every record older than the window, batch by batch; returns how many were deleted.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - Recording.IdempotencyKeys.Window;
        var total = 0;
        while (true)
        {
            var deleted = await database.WriteAsync((tx, token) => idempotency.PurgeExpiredAsync(tx, cutoff, Batch, token), ct);
            total += deleted;
            if (deleted < Batch) return total;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstAfter, clock, stoppingToken);
            while (true)
            {
                try { await PurgeOnceAsync(stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Purging expired idempotency records failed; trying again in an hour.");
                }
                await Task.Delay(Every, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
