namespace Feedback.Data.Connections;

/// <summary>
/// The result of write work that refused: whatever the work wrote before it decided to refuse is undone, by the commit
/// boundary rather than by the work's care (<see cref="Database.WriteAsync{T}"/>): rolled back to the job's savepoint on
/// SQLite, the transaction rolled back on SQL Server. A write meant to outlive a refusal is not a refusal's.
/// </summary>
public interface IRefusal;
