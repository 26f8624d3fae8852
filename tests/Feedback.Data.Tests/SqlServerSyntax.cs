using System.Reflection;
using System.Text.RegularExpressions;
using Feedback.Data.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Feedback.Data.Tests;

/// <summary>No SQL Server runs here, so every T-SQL script and statement is at least parsed by SQL Server's own parser.</summary>
public sealed partial class SqlServerSyntax
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

    // A SQL statement in source: a string literal (raw or not, interpolated or not) that begins with a statement keyword;
    // and the declaration of a string field, to name the field a literal belongs to.
    [GeneratedRegex(@"\$*(""""""\s*|"")(WITH\s+\w+\s+AS|SELECT|INSERT|UPDATE|DELETE|MERGE|IF|DECLARE|SET|BEGIN|EXEC|ALTER|CREATE)\b")]
    private static partial Regex SqlLiteral();

    [GeneratedRegex(@"""""""[\s\S]*?""""""|""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex Literal();

    [GeneratedRegex(@"\bstring\s+(?<name>\w+)\s*=[^;]*$")]
    private static partial Regex OpenDeclaration();

    [GeneratedRegex(@"\bstring\s+(?<name>\w+)\s*\([^)]*\)\s*(?:=>|\{(?:(?!\bstring\s+\w+\s*\([^)]*\)\s*(?:=>|\{))[\s\S])*\breturn)\s*$")]
    private static partial Regex ReturnedBy();

    [Fact]
    public void Every_statement_in_the_data_layers_source_is_one_the_scan_reads()
    {
        // Only an instance field named *Sql (or *Sqls) is read above: a const, a static, a local or an inline literal would
        // escape both the parse here and the plan test, as the webhook claim once did (a const per dialect).
        var scanned = Statements(new SqlServerDialect()).Select(s => s.Name.Split('.', '[')[1]).ToHashSet(StringComparer.Ordinal);
        var missed = new List<string>();
        var literals = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(RepoFiles.Root, "src", "Feedback.Data"), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            // The same text with every literal blanked, so that the ";" of a statement does not end its declaration.
            var code = Literal().Replace(text, l => new string(' ', l.Length));
            foreach (Match m in SqlLiteral().Matches(text))
            {
                literals++;
                // The field whose declaration the literal is in: the last "string name =" before it with no ";" between.
                // or, for a literal a method returns, that method (a builder whose statements fill a *Sql or *Sqls field).
                var before = code[..m.Index];
                var name = OpenDeclaration().Match(before) is { Success: true } d ? d.Groups["name"].Value
                    : ReturnedBy().Match(before) is { Success: true } r ? r.Groups["name"].Value + "()" : "(no field)";
                if (!scanned.Contains(name) && !Elsewhere.Contains(name))
                    missed.Add($"{Path.GetFileName(file)}: {name}: {text.Substring(m.Index, Math.Min(60, text.Length - m.Index)).ReplaceLineEndings(" ")}");
            }
        }
        literals.ShouldBeGreaterThan(100);
        missed.ShouldBeEmpty();
    }

    // Statements outside the repositories, each parsed by a test of its own (The_read_committed_snapshot_switch_of_migrate_parses),
    // and the builders whose statements are stored in a scanned field: the FHIR search's searchSqls, the worklist's
    // worklistSqls, the reports' closed*Sql and stale*Sql, the write path's insert*Sqls; and the dialects' JSON list, a
    // fragment parsed inside each statement that uses it.
    static readonly string[] Elsewhere = ["ReadCommittedSnapshotSql", "SearchSql()", "WorklistSql()", "Closed()", "Stale()", "InsertRowsSql()", "JsonStrings()"];

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
