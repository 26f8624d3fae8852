using Feedback.Data.Tests.Contract;

namespace Feedback.Data.Tests;

/// <summary>
/// The two dialects build the same tables: every column of the migrated SQLite file exists in the db/sqlserver scripts
/// (read with ScriptDom) with the same nullability and a type of the same kind, and none is missing on either side.
/// </summary>
public sealed class DialectSchemaTests(SqliteDatabase fixture) : IClassFixture<SqliteDatabase>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Both_dialects_have_the_same_columns_with_the_same_nullability()
    {
        await using var s = await fixture.Database.ReadAsync(Ct);
        var columns = (await s.Connection.QueryAsync<(string Table, string Column, long NotNull, long Pk, string Type)>("""
            SELECT m.name, c.name, c."notnull", c.pk, c.type FROM sqlite_schema m, pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name <> 'SchemaVersions';
            """)).ToList();
        var sqlite = columns.ToDictionary(c => $"{c.Table}.{c.Column}", c => c.NotNull == 0 && c.Pk == 0);
        var schema = SqlServerSchema.After(_ => true).Columns.Where(c => !c.Key.StartsWith("schemaversions", StringComparison.OrdinalIgnoreCase)).ToList();
        var sqlserver = schema.ToDictionary(c => c.Key, c => c.Value.Nullable);

        sqlite.Keys.ShouldContain("license_attestations.attested_at");
        sqlite.Keys.ShouldContain("webhook_deliveries.lease_until");
        columns.Select(c => c.Table).Distinct().Order(StringComparer.Ordinal).ShouldBe(schema.Select(c => c.Key.Split('.')[0]).Distinct().Order(StringComparer.Ordinal));
        sqlite.Keys.Order(StringComparer.Ordinal).ShouldBe(sqlserver.Keys.Order(StringComparer.Ordinal));
        sqlite.Where(c => sqlserver[c.Key] != c.Value).Select(c => $"{c.Key}: nullable {c.Value} in SQLite").ShouldBeEmpty();
        // The same kind of value: text (and timestamps, stored as ISO text in SQLite), integer (and bit), real, bytes.
        var kinds = schema.ToDictionary(c => c.Key, c => Kind(c.Value.Type));
        columns.Where(c => Kind(c.Type) != kinds[$"{c.Table}.{c.Column}"])
            .Select(c => $"{c.Table}.{c.Column}: {c.Type} in SQLite, {schema.Single(x => x.Key == $"{c.Table}.{c.Column}").Value.Type} in SQL Server").ShouldBeEmpty();
    }

    static string Kind(string type) => type.ToUpperInvariant().Split('(')[0].Trim() switch
    {
        "TEXT" or "NVARCHAR" or "VARCHAR" or "NCHAR" or "CHAR" or "DATETIME2" or "DATETIMEOFFSET" or "DATE" or "UNIQUEIDENTIFIER" => "text",
        "INTEGER" or "INT" or "BIGINT" or "SMALLINT" or "TINYINT" or "BIT" => "integer",
        "REAL" or "FLOAT" or "DECIMAL" or "NUMERIC" => "real",
        "BLOB" or "VARBINARY" or "BINARY" => "bytes",
        var other => other,
    };
}
