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
    bool IsUniqueViolation(Exception exception);
}
