namespace Feedback.Data.Connections;

public enum DatabaseProvider { Sqlite, SqlServer }

public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqliteConnectionString = "Data Source=data/feedback.db";
}
