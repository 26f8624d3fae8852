using Microsoft.Data.SqlClient;

namespace Feedback.Data.Connections;

public sealed class SqlServerDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;
    public string Top => "TOP (@Limit)";
    public string Limit => "";
    public string OutputInsertedId => "OUTPUT INSERTED.id";
    public string ReturningId => "";
    public string LockForUpdate => "WITH (UPDLOCK, HOLDLOCK)";

    // 2601: duplicate key in a unique index; 2627: violation of a PRIMARY KEY or UNIQUE constraint.
    public bool IsUniqueViolation(Exception exception) =>
        exception is SqlException { Number: 2601 or 2627 };
}
