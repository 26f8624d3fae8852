using Feedback.Data.Tests.Contract;

namespace Feedback.Data.Tests;

/// <summary>
/// The two dialects build the same tables: every column of the migrated SQLite file exists in the db/sqlserver scripts
/// (read with ScriptDom) with the same nullability, and none is missing on either side.
/// </summary>
public sealed class DialectSchemaTests(SqliteDatabase fixture) : IClassFixture<SqliteDatabase>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Both_dialects_have_the_same_columns_with_the_same_nullability()
    {
        await using var s = await fixture.Database.ReadAsync(Ct);
        var sqlite = (await s.Connection.QueryAsync<(string Table, string Column, long NotNull, long Pk)>("""
            SELECT m.name, c.name, c."notnull", c.pk FROM sqlite_schema m, pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name <> 'SchemaVersions';
            """)).ToDictionary(c => $"{c.Table}.{c.Column}", c => c.NotNull == 0 && c.Pk == 0);
        var sqlserver = SqlServerSchema.After(_ => true).Columns.Where(c => !c.Key.StartsWith("schemaversions", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(c => c.Key, c => c.Value.Nullable);

        sqlite.Keys.ShouldContain("license_attestations.attested_at");
        sqlite.Keys.Order(StringComparer.Ordinal).ShouldBe(sqlserver.Keys.Order(StringComparer.Ordinal));
        sqlite.Where(c => sqlserver[c.Key] != c.Value).Select(c => $"{c.Key}: nullable {c.Value} in SQLite").ShouldBeEmpty();
    }
}
