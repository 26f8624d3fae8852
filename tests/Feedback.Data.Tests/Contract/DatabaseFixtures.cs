using Feedback.Data.Migrations;

namespace Feedback.Data.Tests.Contract;

/// <summary>A fresh SQLite file, migrated by the real migrations.</summary>
public sealed class SqliteDatabase : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "feedback-data-tests", Guid.NewGuid().ToString("N"));

    public SqliteDatabase()
    {
        Database = new Database(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "feedback.db")};Pooling=False"));
        Migrator.Upgrade(Database.Options);
    }

    public Database Database { get; }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The SQL Server named by FEEDBACK_TEST_SQLSERVER, migrated; absent, every test that needs it is skipped and says so.</summary>
public sealed class SqlServerDatabase
{
    public const string Variable = "FEEDBACK_TEST_SQLSERVER";
    public const string SkipReason = "SQL Server contract tests skipped: no SQL Server here. Set " + Variable + " to a connection string to run them.";

    public SqlServerDatabase()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString)) return;
        Database = new Database(new DatabaseOptions(DatabaseProvider.SqlServer, connectionString));
        Migrator.Upgrade(Database.Options);
    }

    public Database? Database { get; }
}
