namespace Feedback.Data.Tests.Contract;

/// <summary>Durability settings hold on every connection the service gets, including ones reused from the pool.</summary>
public sealed class SqliteSettingsTests(SqliteDatabase fixture) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task Every_connection_runs_wal_with_full_sync_and_foreign_keys_even_from_the_pool()
    {
        var pooled = new Database(new DatabaseOptions(DatabaseProvider.Sqlite, fixture.Database.Options.ConnectionString.Replace("Pooling=False", "Pooling=True")));
        for (var i = 0; i < 3; i++)
        {
            await using var s = await pooled.ReadAsync(TestContext.Current.CancellationToken);
            (await s.Connection.ExecuteScalarAsync<string>("PRAGMA journal_mode")).ShouldBe("wal");
            (await s.Connection.ExecuteScalarAsync<long>("PRAGMA synchronous")).ShouldBe(2); // FULL
            (await s.Connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys")).ShouldBe(1);
            (await s.Connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout")).ShouldBe(5000); // the default lock timeout, 5 s
        }
    }
}
