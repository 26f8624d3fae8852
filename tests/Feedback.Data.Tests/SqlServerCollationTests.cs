namespace Feedback.Data.Tests;

/// <summary>
/// On SQL Server every id and code column compares by code point (a binary collation), as SQLite's
/// BINARY default does, so `AB1` and `ab1` are two clients in both dialects. Read from the scripts with ScriptDom.
/// </summary>
public sealed class SqlServerCollationTests
{
    const string Binary = "Latin1_General_100_BIN2";
    const string CollationScript = "0007_binary_collations.sql";

    // Free text: words for people, and JSON; never compared as an identifier. Every other character column is an id or a code.
    static readonly string[] FreeText =
    [
        "administrations.items_json", "administrations.subscales_json", "administrations.feedback_json",
        "alerts.message", "alerts.note", "alerts.reasons_json", "alerts.suggestions_json",
    ];

    static bool IsCharacter(SqlServerSchema.Column c) =>
        c.Type.StartsWith("NVARCHAR", StringComparison.OrdinalIgnoreCase) || c.Type.StartsWith("VARCHAR", StringComparison.OrdinalIgnoreCase)
        || c.Type.StartsWith("NCHAR", StringComparison.OrdinalIgnoreCase) || c.Type.StartsWith("CHAR", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Every_id_and_code_column_declares_a_binary_collation()
    {
        var schema = SqlServerSchema.After(_ => true);
        var idsAndCodes = schema.Columns.Where(c => IsCharacter(c.Value) && !FreeText.Contains(c.Key)).ToList();
        // the reader sees the schema: the columns the issue names are among them
        idsAndCodes.Select(c => c.Key).ShouldContain("clients.client_id");
        idsAndCodes.Select(c => c.Key).ShouldContain("audit_log.id");
        idsAndCodes.Select(c => c.Key).ShouldContain("alerts.clinician_id");
        idsAndCodes.Count.ShouldBeGreaterThanOrEqualTo(40);
        FreeText.ShouldAllBe(c => schema.Columns.ContainsKey(c));

        idsAndCodes.Where(c => c.Value.Collation != Binary).Select(c => $"{c.Key} ({c.Value.Collation ?? "database default"})").ShouldBeEmpty();
    }

    [Fact]
    public void The_collation_script_changes_collations_only_and_rebuilds_every_key_index_and_constraint_as_it_was()
    {
        SqlServerSchema.ScriptNames().ShouldContain(CollationScript);
        var before = SqlServerSchema.After(name => string.CompareOrdinal(name, CollationScript) < 0);
        var after = SqlServerSchema.After(name => string.CompareOrdinal(name, CollationScript) <= 0);

        before.Objects.Count.ShouldBeGreaterThanOrEqualTo(40);
        after.Objects.ShouldBe(before.Objects, ignoreOrder: true);
        after.Columns.Keys.ShouldBe(before.Columns.Keys, ignoreOrder: true);
        foreach (var (name, column) in before.Columns)
            (after.Columns[name] with { Collation = null }).ShouldBe(column with { Collation = null }, name);
    }
}
