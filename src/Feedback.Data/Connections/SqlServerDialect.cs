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
    // Typed, so the comparison with an nvarchar key column stays a seek (OPENJSON's own value is nvarchar(max)).
    public string JsonStrings(string parameter) => $"SELECT value FROM OPENJSON({parameter}) WITH (value nvarchar(200) '$')";

    public bool IsUniqueViolation(Exception exception) =>
        exception is SqlException sql && TransientRetry.IsUniqueViolation(sql.Number);
}
