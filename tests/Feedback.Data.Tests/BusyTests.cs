using Feedback.Data.Migrations;
using Microsoft.Data.Sqlite;

namespace Feedback.Data.Tests;

/// <summary>While another connection holds the write lock, work fails as busy after the lock timeout.</summary>
public sealed class BusyTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "feedback-data-tests", Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 30_000)]
    public async Task A_write_while_another_process_holds_the_lock_fails_as_busy_after_the_lock_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "feedback.db");
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file};Default Timeout=1") { LockTimeout = TimeSpan.FromSeconds(1) };
        Migrator.Upgrade(options);
        var db = new Database(options);
        using var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand()) { begin.CommandText = "BEGIN EXCLUSIVE;"; begin.ExecuteNonQuery(); }
        var e = await Should.ThrowAsync<Exception>(() => db.WriteAsync((s, t) => s.Connection.ExecuteAsync(s.Command("INSERT INTO tenants (name, created_at) VALUES ('x', 'y')", null, t)), ct));
        Database.IsBusy(e).ShouldBeTrue(e.ToString());
        var e2 = await Should.ThrowAsync<Exception>(async () => { await using var tx = await db.BeginAsync(ct); });
        Database.IsBusy(e2).ShouldBeTrue(e2.ToString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
