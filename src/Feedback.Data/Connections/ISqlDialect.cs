namespace Feedback.Data.Connections;

/// <summary>The few SQL fragments that differ between SQLite and SQL Server; everything else is shared SQL.</summary>
public interface ISqlDialect
{
    DatabaseProvider Provider { get; }
    /// <summary>"TOP (@Limit)" right after SELECT on SQL Server, empty on SQLite.</summary>
    string Top { get; }
    /// <summary>"LIMIT @Limit" at the end on SQLite, empty on SQL Server.</summary>
    string Limit { get; }
    /// <summary>"OUTPUT INSERTED.id" before VALUES on SQL Server, empty on SQLite.</summary>
    string OutputInsertedId { get; }
    /// <summary>"RETURNING id" at the end on SQLite, empty on SQL Server.</summary>
    string ReturningId { get; }
    /// <summary>
    /// "WITH (UPDLOCK, HOLDLOCK)" after a table on SQL Server: the row (or, when it does not exist yet, its key range) stays
    /// locked for update until the transaction ends, so two writers of one client run one after the other. Empty on SQLite,
    /// whose write transactions are already serial (BEGIN IMMEDIATE).
    /// </summary>
    string LockForUpdate { get; }
    /// <summary>
    /// The strings of a JSON array parameter as a one-column table named value, for "x IN (...)" over a list of any
    /// length in one statement: json_each on SQLite, OPENJSON on SQL Server. One parameter instead of one per element
    /// (Microsoft.Data.Sqlite binds each named parameter by a scan of the statement's names).
    /// </summary>
    string JsonStrings(string parameter);
    bool IsUniqueViolation(Exception exception);
}
