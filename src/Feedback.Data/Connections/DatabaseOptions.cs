namespace Feedback.Data.Connections;

public enum DatabaseProvider { Sqlite, SqlServer }

public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqliteConnectionString = "Data Source=data/feedback.db";

    /// <summary>
    /// The longest a statement waits for a lock another writer holds (Database:LockTimeoutSeconds, default 5): then it
    /// fails as busy and the caller gets 503 with Retry-After, instead of an answer long after it gave up.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
