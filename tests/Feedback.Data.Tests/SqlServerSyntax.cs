using System.Reflection;
using Feedback.Data.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Feedback.Data.Tests;

/// <summary>No SQL Server runs here, so every T-SQL script and statement is at least parsed by SQL Server's own parser.</summary>
public sealed class SqlServerSyntax
{
    static IList<ParseError> Parse(string sql)
    {
        new TSql170Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors;
    }

    public static TheoryData<string> Scripts() =>
        [.. Directory.GetFiles(Path.Combine(RepoFiles.Root, "db", "sqlserver"), "*.sql").Select(f => Path.GetFileName(f)).Order()];

    [Theory, MemberData(nameof(Scripts))]
    public void Every_sqlserver_migration_parses(string file)
    {
        var errors = Parse(File.ReadAllText(Path.Combine(RepoFiles.Root, "db", "sqlserver", file)));
        errors.Select(e => $"line {e.Line}: {e.Message}").ShouldBeEmpty();
    }

    [Fact]
    public void Every_migration_exists_in_both_dialects_under_the_same_number()
    {
        var sqlite = Migrator.ScriptNames(DatabaseProvider.Sqlite).Select(n => n["sqlite/".Length..]);
        var sqlserver = Migrator.ScriptNames(DatabaseProvider.SqlServer).Select(n => n["sqlserver/".Length..]);
        sqlite.ShouldNotBeEmpty();
        sqlite.ShouldBe(sqlserver);
    }

    public static TheoryData<string, string> RepositoryStatements()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, sql) in Statements(new SqlServerDialect()))
            data.Add(name, sql);
        return data;
    }

    [Fact]
    public void The_read_committed_snapshot_switch_of_migrate_parses() =>
        Parse(Feedback.Data.Migrations.Migrator.ReadCommittedSnapshotSql).ShouldBeEmpty();

    [Theory, MemberData(nameof(RepositoryStatements))]
    public void Every_statement_a_repository_sends_to_sql_server_parses(string name, string sql)
    {
        Parse(sql).Select(e => $"{name} line {e.Line}: {e.Message}").ShouldBeEmpty();
    }

    [Fact]
    public void The_statement_scan_finds_the_statements_of_every_repository()
    {
        var repositories = Repositories().Select(t => t.Name).ToList();
        repositories.Count.ShouldBeGreaterThanOrEqualTo(5);
        var scanned = Statements(new SqlServerDialect()).Select(s => s.Name.Split('.')[0]).Distinct();
        scanned.ShouldBe(repositories, ignoreOrder: true);
    }

    static IEnumerable<Type> Repositories() =>
        typeof(Database).Assembly.GetTypes().Where(t => t.IsClass && t.IsPublic && t.Name.EndsWith("Repository", StringComparison.Ordinal));

    /// <summary>Repositories keep each statement in a field named *Sql built from the dialect; this reads them all.</summary>
    internal static IEnumerable<(string Name, string Sql)> Statements(ISqlDialect dialect)
    {
        foreach (var type in Repositories())
        {
            var ctor = type.GetConstructors().Single();
            var instance = ctor.Invoke(ctor.GetParameters().Length == 0 ? [] : [dialect]);
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
                         .Where(f => f.FieldType == typeof(string) && f.Name.EndsWith("Sql", StringComparison.Ordinal)))
                yield return ($"{type.Name}.{field.Name}", (string)field.GetValue(instance)!);
            // A statement per shape (the worklist): a field *Sqls of shape to statement.
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
                         .Where(f => f.FieldType == typeof(IReadOnlyDictionary<string, string>) && f.Name.EndsWith("Sqls", StringComparison.Ordinal)))
                foreach (var (shape, sql) in (IReadOnlyDictionary<string, string>)field.GetValue(instance)!)
                    yield return ($"{type.Name}.{field.Name}[{shape}]", sql);
        }
    }
}
