using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Feedback.Data.Connections;

/// <summary>Opens connections for the configured provider, with the per-connection settings each needs.</summary>
public sealed class Database
{
    // Durability first: FULL syncs the WAL on every commit; busy_timeout lets writers queue, for a bounded time.
    string SqlitePragmas => $"PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = {(int)Options.LockTimeout.TotalMilliseconds};";

    // Reads go through a memory map of the file (up to 256 MiB) instead of a read() per page into each connection's small
    // page cache: a report over 100,000 episodes went from 1.6 s of SQL to 0.3 s. The mapped pages are the OS page cache,
    // shared and reclaimable. Writers do not map it: their statements were 18% slower with it (an import, 935 -> 770
    // lines/s). Pragmas stay with a pooled connection, so reads have a pool of their own: a connection string that
    // differs only in an explicit Cache=Private, the default (docs/performance.md).
    const long MmapBytes = 256L * 1024 * 1024;
    string SqliteReadPragmas => $"{SqlitePragmas} PRAGMA mmap_size = {MmapBytes};";
    readonly string? sqliteReadConnectionString;

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> PreparedSqliteHandles = new();
    static readonly object PreparedMarker = new();

    static Database()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    public Database(DatabaseOptions options)
    {
        Options = options;
        Dialect = options.Provider == DatabaseProvider.SqlServer ? new SqlServerDialect() : new SqliteDialect();
        retry = TransientRetry.For(options.Provider);
        groupCommit = new GroupCommit(this, sqliteWriter, Metrics);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var reads = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (reads.Cache == SqliteCacheMode.Default)
            {
                reads.Cache = SqliteCacheMode.Private;
                sqliteReadConnectionString = reads.ToString();
            }
        }
    }

    // SQLite has one writer at a time. Writers of this process queue here, in order and without sleeping, instead of
    // meeting SQLITE_BUSY and the busy handler's back-off sleeps, which made p99 latency under load ten times worse.
    readonly SemaphoreSlim sqliteWriter = new(1, 1);
    readonly GroupCommit groupCommit;
    readonly Polly.ResiliencePipeline retry;
    readonly Polly.ResiliencePipeline conflictRetry = TransientRetry.Create(TransientRetry.IsWriteConflict, TimeSpan.FromMilliseconds(20));

    public DatabaseOptions Options { get; }
    public ISqlDialect Dialect { get; }
    public WriterMetrics Metrics { get; } = new();

    /// <summary>
    /// The database did not grant a lock within <see cref="DatabaseOptions.LockTimeout"/>: SQLite busy or locked (5, 6),
    /// SQL Server lock request time-out (1222) or command time-out (-2). Nothing was written; the request may be repeated.
    /// </summary>
    public static bool IsBusy(Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } => true,
        SqlException sql => sql.Errors.Cast<SqlError>().Any(err => err.Number is 1222 or -2),
        _ => e.InnerException is { } inner && IsBusy(inner),
    };

    /// <summary>The writers of this process waited past the lock timeout for their turn: as busy as a lock another process holds.</summary>
    internal static SqliteException BusyError() =>
        new("database is locked: writers of this instance waited longer than the lock timeout for their turn", 5);

    /// <summary>
    /// Runs write work in a transaction and commits it; the work must not commit. What the work wrote is committed
    /// when it returns, and undone when it throws or returns an <see cref="IRefusal"/>. On SQLite concurrent work shares
    /// commits (see <see cref="GroupCommit"/>); on SQL Server each call has its own transaction.
    /// <para>
    /// Cancellation, the same on both stores: <paramref name="ct"/> is honoured only until the write starts, while the
    /// work waits for the writer (SQLite) or for a connection and its transaction (SQL Server); then this throws
    /// <see cref="OperationCanceledException"/> and nothing was written. Once the work has started it runs to its commit
    /// or its own failure whatever the caller does, and gets <see cref="CancellationToken.None"/>: a caller that went away
    /// learns the outcome by sending again (an Idempotency-Key replays), never from a write stopped half-way, and an
    /// aborted SQL Server command would leave its rollback to the server's attention handling rather than to this code
    /// (docs/decisions.md, "A write that has started finishes").
    /// </para>
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (Options.Provider == DatabaseProvider.Sqlite)
            return await groupCommit.RunAsync(work, ct);
        // A deadlock victim or a unique-key race was rolled back whole: running the whole transaction again is safe, and
        // a caller that cancelled meanwhile is answered before the next attempt starts, with nothing written.
        return await conflictRetry.ExecuteAsync(async token =>
        {
            await using var tx = await BeginAsync(token);
            var began = System.Diagnostics.Stopwatch.GetTimestamp();
            var sql = (SqlConnection)tx.Connection;
            sql.StatisticsEnabled = true; // counts the commands this connection runs (ExecutionCount)
            sql.ResetStatistics();
            var committed = false;
            try
            {
                var result = await work(tx, CancellationToken.None);
                if (result is IRefusal) await tx.Transaction!.RollbackAsync(CancellationToken.None);
                else await tx.CommitAsync(CancellationToken.None);
                committed = result is not IRefusal;
                return result;
            }
            finally
            {
                Metrics.StatementsRun(sql.RetrieveStatistics()["ExecutionCount"] is long n ? n : 0);
                Metrics.TransactionEnded(began, jobsRun: 1, committed);
            }
        }, ct);
    }

    /// <summary>An open connection; opening is retried on transient errors (it is always safe to repeat).</summary>
    public ValueTask<DbConnection> OpenAsync(CancellationToken ct) => retry.ExecuteAsync(token => OpenOnceAsync(forReads: false, token), ct);

    ValueTask<DbConnection> OpenForReadsAsync(CancellationToken ct) => retry.ExecuteAsync(token => OpenOnceAsync(forReads: true, token), ct);

    /// <summary>A read, repeated on transient errors; only for work that changes nothing.</summary>
    public ValueTask<T> ReadWithRetryAsync<T>(Func<DbSession, CancellationToken, Task<T>> read, CancellationToken ct) =>
        retry.ExecuteAsync(async token =>
        {
            await using var session = await ReadAsync(token);
            return await read(session, token);
        }, ct);

    async ValueTask<DbConnection> OpenOnceAsync(bool forReads, CancellationToken ct)
    {
        var mapped = forReads && sqliteReadConnectionString is not null;
        DbConnection connection = Options.Provider == DatabaseProvider.SqlServer
            ? new SqlConnection(Options.ConnectionString)
            : new SqliteConnection(mapped ? sqliteReadConnectionString : Options.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            // Pooled connections keep their settings, so each physical connection needs them once, not at every open.
            if (connection is SqliteConnection sqlite && !PreparedSqliteHandles.TryGetValue(sqlite.Handle!, out _))
            {
                await connection.ExecuteAsync(new CommandDefinition(mapped ? SqliteReadPragmas : SqlitePragmas, cancellationToken: ct));
                PreparedSqliteHandles.AddOrUpdate(sqlite.Handle!, PreparedMarker);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection with a write transaction (BEGIN IMMEDIATE on SQLite, so writers never deadlock on upgrade).</summary>
    public async Task<DbSession> BeginAsync(CancellationToken ct)
    {
        var gate = Options.Provider == DatabaseProvider.Sqlite ? sqliteWriter : null;
        if (gate is not null && !await gate.WaitAsync(Options.LockTimeout, ct)) throw BusyError();
        DbConnection? connection = null;
        try
        {
            connection = await OpenAsync(ct);
            var transaction = await connection.BeginTransactionAsync(ct);
            return new DbSession(connection, transaction, gate);
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            gate?.Release();
            throw;
        }
    }

    /// <summary>
    /// Keeps SQLite's planner statistics: a database that grew in use has none unless the service gathers them,
    /// and without them SQLite once picked a worse index for a clinician's worklist (86 ms instead of 3). PRAGMA optimize
    /// analyses only the tables whose statistics are missing or stale, within a bounded effort. No-op on SQL Server, which
    /// keeps its own (auto statistics).
    /// </summary>
    public async Task OptimizeAsync(CancellationToken ct)
    {
        if (Options.Provider != DatabaseProvider.Sqlite) return;
        await WriteAsync(async (s, token) => await s.Connection.ExecuteAsync(s.Command("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;", null, token)), ct);
    }

    /// <summary>A connection without a transaction, for reads.</summary>
    public async Task<DbSession> ReadAsync(CancellationToken ct) => new(await OpenForReadsAsync(ct), null);
}
