using Microsoft.Data.Sqlite;

namespace Feedback.Api.Tests.Security;

/// <summary>
/// /health/ready answers 200 on a busy but healthy instance: it never waits for the write lock, which a load balancer
/// would otherwise see as an instance to take out of rotation whenever the clinic is busy.
/// </summary>
public sealed class HealthTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readiness_answers_200_to_every_probe_while_16_writers_are_busy()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var written = 0;
        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf($"busy-{w}"),
                    Http.Phq9([1, 2, 1, 0, 1, 2, 1, 0, 0], Http.Monday.AddDays(i)), CancellationToken.None);
                if (rsp.IsSuccessStatusCode) Interlocked.Increment(ref written);
            }
        })).ToList();

        var statuses = new List<HttpStatusCode>();
        for (var probe = 0; probe < 60; probe++)
            statuses.Add((await app.Anonymous.GetAsync("/health/ready", Ct)).StatusCode);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        written.ShouldBeGreaterThan(0); // the writers were really writing while the probes ran
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readiness_answers_200_while_another_process_holds_the_write_lock()
    {
        using var holder = new WriteLockHolder(app.DatabaseFile);
        for (var probe = 0; probe < 3; probe++)
            (await app.Anonymous.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>Readiness still fails when it should: a migration pending, a database that cannot be read.</summary>
public sealed class NotReadyTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pending_migration_makes_the_instance_not_ready()
    {
        (await app.Anonymous.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var db = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False");
        db.Open();
        var (name, applied) = Scalar<(string, string)>(db, "SELECT ScriptName, Applied FROM SchemaVersions ORDER BY ScriptName DESC LIMIT 1",
            r => (r.GetString(0), r.GetString(1)));
        Execute(db, "DELETE FROM SchemaVersions WHERE ScriptName = $name", name);

        (await app.Anonymous.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        Execute(db, "INSERT INTO SchemaVersions (ScriptName, Applied) VALUES ($name, $applied)", name, applied);
        (await app.Anonymous.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_database_that_cannot_be_read_makes_the_instance_not_ready()
    {
        // The file and its WAL (which holds recent pages, the header's too) are moved aside; a file that is no database takes their place.
        SqliteConnection.ClearAllPools();
        string[] files = [app.DatabaseFile, app.DatabaseFile + "-wal", app.DatabaseFile + "-shm"];
        foreach (var file in files.Where(File.Exists)) File.Move(file, file + ".aside");
        try
        {
            // Longer than a page: SQLite reads a shorter file as an empty database.
            await File.WriteAllTextAsync(app.DatabaseFile, string.Concat(Enumerable.Repeat("not a database, but a file of its name. ", 400)), Ct);
            (await app.Anonymous.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in files) File.Delete(file);
            foreach (var file in files.Where(f => File.Exists(f + ".aside"))) File.Move(file + ".aside", file);
        }
        (await app.Anonymous.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    static T Scalar<T>(SqliteConnection db, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue();
        return read(reader);
    }

    static void Execute(SqliteConnection db, string sql, string name, string? applied = null)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$name", name);
        if (applied is not null) command.Parameters.AddWithValue("$applied", applied);
        command.ExecuteNonQuery();
    }
}
