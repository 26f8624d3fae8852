using System.Threading.Channels;

namespace Feedback.Data.Connections;

/// <summary>
/// Group commit for SQLite: write jobs that arrive while one transaction is running are run in the next transaction
/// together, each inside its own SAVEPOINT, and share one COMMIT (one fsync of the WAL under synchronous=FULL).
/// A job's caller is answered only after that COMMIT, so nothing is acknowledged before it is durable; a job that
/// throws, or returns an <see cref="IRefusal"/>, is rolled back to its savepoint alone and its caller gets the exception
/// or the refusal. A caller that cancels while its job waits (for the writer, or in the queue) gets an
/// <see cref="OperationCanceledException"/> at once and its job never runs; once the job has started it runs to its
/// commit or its own failure, whatever the caller does (docs/decisions.md, "A write that has started finishes").
/// </summary>
sealed class GroupCommit(Database database, SemaphoreSlim writerGate, WriterMetrics metrics)
{
    const int MaxJobsPerCommit = 64;

    readonly Channel<Job> jobs = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    int running;
    // The writer keeps one connection open between commits. A pooled one was often another physical connection, whose page
    // cache the other's writes had made stale: SQLite then refetched every page into fresh memory, and the page faults
    // were a quarter of an import's time (perf, docs/performance.md). Only the drain loop uses it, one batch at a time.
    PreparedStatementConnection? connection;
    // Jobs written and not yet read (a single-reader channel cannot count them itself).
    int waiting;

    abstract class Job
    {
        /// <summary>
        /// True when the job is to run now: its caller has not cancelled. From then on the caller's token is ignored.
        /// False when the caller cancelled while the job waited: it was answered then, and the job is skipped.
        /// </summary>
        public abstract bool TryStart();
        /// <summary>False when what the job wrote is to be undone (it refused).</summary>
        public abstract Task<bool> RunAsync(DbSession session);
        public abstract void Complete();
        public abstract void Fail(Exception e);
    }

    sealed class Job<T> : Job
    {
        const int Waiting = 0, Started = 1, Cancelled = 2;
        readonly Func<DbSession, CancellationToken, Task<T>> work;
        readonly TaskCompletionSource<T> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly CancellationTokenRegistration cancellation;
        int state;
        T? result;
        Exception? error;
        public Task<T> Task => done.Task;

        public Job(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct)
        {
            this.work = work;
            cancellation = ct.UnsafeRegister(static (job, token) => ((Job<T>)job!).Cancel(token), this);
        }

        void Cancel(CancellationToken token)
        {
            if (Interlocked.CompareExchange(ref state, Cancelled, Waiting) == Waiting) done.TrySetCanceled(token);
        }

        public override bool TryStart()
        {
            cancellation.Unregister();
            return Interlocked.CompareExchange(ref state, Started, Waiting) == Waiting;
        }

        public override async Task<bool> RunAsync(DbSession session)
        {
            try { result = await work(session, CancellationToken.None); }
            catch (Exception e) { error = e; throw; }
            return result is not IRefusal;
        }

        public override void Complete()
        {
            if (error is not null) done.TrySetException(error);
            else done.TrySetResult(result!);
        }

        public override void Fail(Exception e)
        {
            cancellation.Unregister();
            done.TrySetException(e);
        }
    }

    public Task<T> RunAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return Task.FromCanceled<T>(ct);
        var job = new Job<T>(work, ct);
        Interlocked.Increment(ref waiting);
        jobs.Writer.TryWrite(job);
        if (Interlocked.CompareExchange(ref running, 1, 0) == 0)
            _ = Task.Run(DrainAsync);
        return job.Task;
    }

    async Task DrainAsync()
    {
        while (true)
        {
            while (jobs.Reader.TryPeek(out _))
                await CommitBatchAsync();
            Volatile.Write(ref running, 0);
            // A job written after the last TryPeek but before the flag was cleared would wait for nobody: look again.
            if (!jobs.Reader.TryPeek(out _) || Interlocked.CompareExchange(ref running, 1, 0) != 0) return;
        }
    }

    bool TryTake(out Job job)
    {
        if (!jobs.Reader.TryRead(out job!)) return false;
        Interlocked.Decrement(ref waiting);
        return true;
    }

    // Fails the jobs that were waiting when the failed attempt began, not those written during its wait: the lock may
    // have gone just before the wait ended, and a job sent then gets an attempt of its own (a read sent the moment a
    // lock was released was answered 503 in CI).
    void FailWaiting(Exception e, int count)
    {
        for (var i = 0; i < count && TryTake(out var job); i++) job.Fail(e);
    }

    async Task CommitBatchAsync()
    {
        var batch = new List<Job>();
        var waitingAtStart = Volatile.Read(ref waiting);
        if (!await writerGate.WaitAsync(database.Options.LockTimeout))
        {
            // Another writer of this process (a CLI command, start-up) holds the gate past the lock timeout.
            FailWaiting(Database.BusyError(), waitingAtStart);
            return;
        }
        var began = 0L;
        try
        {
            connection ??= await OpenAsync();
            began = System.Diagnostics.Stopwatch.GetTimestamp();
            await using var transaction = await connection.BeginTransactionAsync();
            var session = new DbSession(connection, transaction);
            while (batch.Count < MaxJobsPerCommit && TryTake(out var job))
            {
                if (!job.TryStart()) continue;
                batch.Add(job);
                connection.RunUncounted("SAVEPOINT job", transaction);
                bool keep;
                try { keep = await job.RunAsync(session); }
                catch { keep = false; }
                if (!keep) connection.RunUncounted("ROLLBACK TO job", transaction);
                connection.RunUncounted("RELEASE job", transaction);
            }
            await transaction.CommitAsync();
            metrics.TransactionEnded(began, batch.Count, committed: true);
            foreach (var job in batch) job.Complete();
        }
        catch (Exception e)
        {
            if (batch.Count > 0) metrics.TransactionEnded(began, batch.Count, committed: false);
            // A connection that failed mid-batch is not trusted with the next one.
            await DropConnectionAsync();
            // No transaction (the database stayed locked past the lock timeout): the jobs waiting for it fail now with
            // that error rather than wait for the next attempt, and the next attempt without end.
            if (batch.Count == 0) FailWaiting(e, waitingAtStart);
            foreach (var job in batch) job.Fail(e);
        }
        finally
        {
            writerGate.Release();
        }
    }

    // Its statements stay prepared from one batch to the next (PreparedStatementConnection).
    async Task<PreparedStatementConnection> OpenAsync()
    {
        var opened = await database.OpenAsync(CancellationToken.None);
        return new PreparedStatementConnection((Microsoft.Data.Sqlite.SqliteConnection)opened, metrics);
    }

    async Task DropConnectionAsync()
    {
        if (connection is null) return;
        try { await connection.DisposeAsync(); }
        catch (Exception) { /* already broken */ }
        connection = null;
    }
}
