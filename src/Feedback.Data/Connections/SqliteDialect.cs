using Microsoft.Data.Sqlite;

namespace Feedback.Data.Connections;

public sealed class SqliteDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;
    public string Top => "";
    public string Limit => "LIMIT @Limit";
    public string OutputInsertedId => "";
    public string ReturningId => "RETURNING id";
    public string LockForUpdate => "";
    public string JsonStrings(string parameter) => $"SELECT value FROM json_each({parameter})";

    // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555) are extended codes of SQLITE_CONSTRAINT (19).
    public bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
}
