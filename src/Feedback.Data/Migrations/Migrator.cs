using Dapper;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Feedback.Data.Connections;
using Microsoft.Data.Sqlite;

namespace Feedback.Data.Migrations;

/// <summary>
/// Applies the numbered scripts of db/sqlite or db/sqlserver (embedded in this assembly) with DbUp,
/// which journals each applied script in a SchemaVersions table.
/// </summary>
public static class Migrator
{
    public static DatabaseUpgradeResult Upgrade(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
            PrepareSqliteFile(options.ConnectionString);
        else
        {
            EnsureDatabase.For.SqlDatabase(options.ConnectionString);
            UseRowVersioning(options.ConnectionString);
        }
        var result = Engine(options).PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed.", result.Error);
        return result;
    }

    public static bool IsUpgradeRequired(DatabaseOptions options) => Engine(options).IsUpgradeRequired();

    public static IReadOnlyList<string> ScriptNames(DatabaseProvider provider) =>
        typeof(Migrator).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix(provider), StringComparison.Ordinal)).Order().ToList();

    static string Prefix(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer ? "sqlserver/" : "sqlite/";

    static UpgradeEngine Engine(DatabaseOptions options)
    {
        UpgradeEngineBuilder builder = options.Provider == DatabaseProvider.SqlServer
            ? DeployChanges.To.SqlDatabase(options.ConnectionString)
            : DeployChanges.To.SqliteDatabase(options.ConnectionString);
        var prefix = Prefix(options.Provider);
        return builder
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
    }

    /// <summary>
    /// READ_COMMITTED_SNAPSHOT: readers see the last committed version instead of waiting for writers' locks (a worklist
    /// read never blocks a submission, nor deadlocks with it). A database property, set outside any transaction, once; it
    /// needs a moment alone with the database, hence ROLLBACK IMMEDIATE (run `migrate` in a maintenance window).
    /// </summary>
    public const string ReadCommittedSnapshotSql = """
        IF (SELECT is_read_committed_snapshot_on FROM sys.databases WHERE database_id = DB_ID()) = 0
            EXEC (N'ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE');
        """;

    static void UseRowVersioning(string connectionString)
    {
        using var connection = new Microsoft.Data.SqlClient.SqlConnection(connectionString);
        connection.Open();
        connection.Execute(ReadCommittedSnapshotSql);
    }

    // WAL is a property of the file, so it is set once here; the folder is created so a first run needs no setup.
    static void PrepareSqliteFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        connection.Execute("PRAGMA journal_mode = WAL;");
    }
}
