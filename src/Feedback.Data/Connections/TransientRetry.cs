using Microsoft.Data.SqlClient;
using Polly;
using Polly.Retry;

namespace Feedback.Data.Connections;

/// <summary>
/// Retries of idempotent database work (opening a connection, reads) on SQL Server's transient errors, with Polly.
/// Writes are never retried here: a commit whose answer was lost may have happened.
/// </summary>
public static class TransientRetry
{
    public const int MaxRetries = 3;
    static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);

    // Azure SQL / SQL Server transient errors (Microsoft's "Troubleshoot transient connection errors" list),
    // plus deadlock victim 1205 and client timeout -2.
    static readonly HashSet<int> TransientNumbers =
        [-2, 20, 64, 233, 1205, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40540, 40613, 42108, 42109, 49918, 49919, 49920];

    public static bool IsTransient(int sqlErrorNumber) => TransientNumbers.Contains(sqlErrorNumber);

    /// <summary>
    /// A write transaction that failed this way was rolled back whole and may be run again from the start: a deadlock
    /// victim (1205), or a unique key another transaction inserted first (2627 constraint, 2601 index), which the run
    /// again reads and answers (a second Idempotency-Key insert for two clients, say, then answers 409, not 500).
    /// </summary>
    public static bool IsWriteConflict(int sqlErrorNumber) => sqlErrorNumber == 1205 || IsUniqueViolation(sqlErrorNumber);

    /// <summary>2601: duplicate key in a unique index; 2627: violation of a PRIMARY KEY or UNIQUE constraint.</summary>
    public static bool IsUniqueViolation(int sqlErrorNumber) => sqlErrorNumber is 2601 or 2627;

    public static bool IsWriteConflict(Exception e) => e is SqlException sql && sql.Errors.Cast<SqlError>().Any(err => IsWriteConflict(err.Number));

    public static bool IsTransient(Exception e) => e is SqlException sql && sql.Errors.Cast<SqlError>().Any(err => IsTransient(err.Number));

    public static ResiliencePipeline Create(Func<Exception, bool> isTransient, TimeSpan? firstDelay = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle(isTransient),
                MaxRetryAttempts = MaxRetries,
                Delay = firstDelay ?? FirstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();

    /// <summary>The pipeline for a provider: SQL Server's transient errors, nothing for SQLite (its busy timeout waits instead).</summary>
    public static ResiliencePipeline For(DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer ? Create(IsTransient) : ResiliencePipeline.Empty;
}
