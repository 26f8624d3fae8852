using System.Threading.Channels;
using Feedback.Data.Audit;

namespace Feedback.Api.Audit;

/// <summary>
/// Writes audit entries in batches, off the request path: one transaction per batch instead of one synchronous
/// commit per GET. Entries still queued are written on graceful shutdown, and before any read of the audit log.
/// </summary>
sealed class AuditWriter(Database database, AuditRepository audit, ILogger<AuditWriter> logger) : BackgroundService
{
    const int MaxBatch = 500;
    // Gathering entries for a moment turns a commit (and its fsync) per request into one per batch.
    static readonly TimeSpan GatherFor = TimeSpan.FromMilliseconds(50);

    readonly Channel<object> queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    sealed record Entry(long TenantId, AuditEntry Value);

    public void Record(long tenantId, AuditEntry entry) => queue.Writer.TryWrite(new Entry(tenantId, entry));

    /// <summary>Completes when everything recorded before the call is in the database.</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return queue.Writer.TryWrite(done) ? done.Task : Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(GatherFor, stoppingToken);
                await WriteAvailableAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        await WriteAvailableAsync();
    }

    async Task WriteAvailableAsync()
    {
        var batch = new List<Entry>();
        var waiting = new List<TaskCompletionSource>();
        while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
        {
            if (item is Entry e) batch.Add(e);
            else waiting.Add((TaskCompletionSource)item);
        }
        try
        {
            if (batch.Count > 0)
            {
                await using var tx = await database.BeginAsync(CancellationToken.None);
                foreach (var e in batch) await audit.InsertAsync(tx, e.TenantId, e.Value, CancellationToken.None);
                await tx.CommitAsync(CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            // Counts only: an audit entry holds client ids, which never go to a log.
            logger.LogError(ex, "Could not write {Count} audit entries.", batch.Count);
        }
        foreach (var w in waiting) w.TrySetResult();
    }
}
