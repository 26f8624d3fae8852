using DbUp;
using Feedback.Data.Administrations;
using Feedback.Data.Migrations;

namespace Feedback.Data.Tests.Contract;

/// <summary>A database written before a migration keeps reading back after it: rows are made in the old shape first.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "feedback-data-tests", Guid.NewGuid().ToString("N"));
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    Database NewDatabaseUpTo(string lastScript)
    {
        Directory.CreateDirectory(folder);
        var db = new Database(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "feedback.db")};Pooling=False"));
        var result = DeployChanges.To.SqliteDatabase(db.Options.ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly,
                name => name.StartsWith("sqlite/", StringComparison.Ordinal) && string.CompareOrdinal(name, "sqlite/" + lastScript) <= 0)
            .LogToNowhere().Build().PerformUpgrade();
        result.Successful.ShouldBeTrue(result.Error?.Message);
        return db;
    }

    [Fact]
    public async Task Totals_stored_as_integers_and_reals_before_0004_read_back_as_the_same_numbers_after_it()
    {
        var db = NewDatabaseUpTo("0003_idempotency_and_audit.sql");
        await using (var s = await db.ReadAsync(Ct))
        {
            await s.Connection.ExecuteAsync("""
                INSERT INTO tenants (id, name, created_at) VALUES (1, 't', '2026-11-01 00:00:00');
                INSERT INTO clients VALUES (1, 'c-1', 'adult', NULL, '2026-11-01 00:00:00', '2026-11-01 00:00:00');
                INSERT INTO episodes (id, tenant_id, client_id, opened_at, closed_at) VALUES ('E1', 1, 'c-1', '2026-11-01 00:00:00', NULL);
                INSERT INTO administrations (id, tenant_id, client_id, episode_id, instrument, rater, administered_at, received_at,
                                             items_json, total, prorated, subscales_json, content_hash)
                VALUES ('A1', 1, 'c-1', 'E1', 'ORS', 'client', '2026-11-02 09:00:00', '2026-11-02 09:00:01', '[5,5,5,5]', 20, 0, '{}', 'h1'),
                       ('A2', 1, 'c-1', 'E1', 'ORS', 'client', '2026-11-09 09:00:00', '2026-11-09 09:00:01', '[5.2,5.5,5,5]', 20.7, 0, '{}', 'h2');
                INSERT INTO alerts VALUES ('L1', 1, 'c-1', 'E1', 'A2', 'ORS', NULL, 'off_track', 'high', 1, NULL, 'm', 'open',
                                           'alerts-v1', '2026-11-09 09:00:01', NULL, NULL, NULL, NULL);
                """);
            (await s.Connection.QueryAsync<string>("SELECT typeof(total) FROM administrations ORDER BY id")).ShouldBe(["integer", "real"]);
        }

        Migrator.Upgrade(db.Options);

        await using var read = await db.ReadAsync(Ct);
        var rows = await new AdministrationRepository(db.Dialect).ListAsync(read, 1, "c-1", null, null, AdministrationCursor.Start, 10, Ct);
        rows.Select(r => (r.Id, r.Total)).ShouldBe([("A2", 20.7m), ("A1", 20m)]);
        (await read.Connection.QueryAsync<string>("SELECT typeof(total) FROM administrations")).ShouldAllBe(t => t == "real");
        (await read.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM alerts WHERE administration_id = 'A2'")).ShouldBe(1);
        (await read.Connection.QueryAsync("PRAGMA foreign_key_check")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_total_that_is_not_a_non_negative_number_is_refused_by_the_table()
    {
        var db = NewDatabaseUpTo("9999");
        Migrator.Upgrade(db.Options);
        await using var s = await db.ReadAsync(Ct);
        await s.Connection.ExecuteAsync("""
            INSERT INTO tenants (id, name, created_at) VALUES (1, 't', '2026-11-01 00:00:00');
            INSERT INTO clients VALUES (1, 'c-1', 'adult', NULL, '2026-11-01 00:00:00', '2026-11-01 00:00:00');
            INSERT INTO episodes (id, tenant_id, client_id, opened_at, closed_at) VALUES ('E1', 1, 'c-1', '2026-11-01 00:00:00', NULL);
            """);
        foreach (var total in new[] { "'abc'", "-1" })
            await Should.ThrowAsync<Microsoft.Data.Sqlite.SqliteException>(() => s.Connection.ExecuteAsync($$"""
                INSERT INTO administrations (id, tenant_id, client_id, episode_id, instrument, rater, administered_at, received_at,
                                             items_json, total, prorated, subscales_json, content_hash)
                VALUES ('A1', 1, 'c-1', 'E1', 'ORS', 'client', '2026-11-02 09:00:00', '2026-11-02 09:00:01', '[]', {{total}}, 0, '{}', 'h1');
                """));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
