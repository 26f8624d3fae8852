using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace Feedback.Api.Tests.Security;

/// <summary>A service whose statements wait at most 1 s for a database lock.</summary>
public sealed class OneSecondLockApp : App
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:LockTimeoutSeconds", "1");
    }

    /// <summary>Another process's connection holding the write lock (BEGIN EXCLUSIVE) until released or disposed.</summary>
    public WriteLockHolder HoldWriteLock() => new(DatabaseFile);
}

public sealed class WriteLockHolder : IDisposable
{
    readonly SqliteConnection holder;

    public WriteLockHolder(string databaseFile)
    {
        holder = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        holder.Open();
        Execute("BEGIN EXCLUSIVE;");
    }

    public void Release() => Execute("ROLLBACK;");

    void Execute(string sql)
    {
        using var command = holder.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => holder.Dispose();
}

/// <summary>
/// While another process holds the SQLite write lock, writes end in 503 with Retry-After after a bounded
/// wait and store nothing, readiness still answers, and once the lock is gone the same request succeeds.
/// </summary>
public sealed class BoundedWaitTests(OneSecondLockApp app) : IClassFixture<OneSecondLockApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Writes_blocked_by_another_process_answer_503_with_retry_after_and_succeed_once_it_lets_go()
    {
        var ct = TestContext.Current.CancellationToken;
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("c-locked"), new { ageGroup = "adult" }, ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await app.CountRowsAsync();
        using var holder = app.HoldWriteLock();

        // the caller's own deadline: an answer must come well before it (a bounded wait, not a 116 s one)
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        var post = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("c-locked"), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]), deadline.Token);
        await post.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        post.Headers.RetryAfter!.Delta.ShouldNotBeNull();
        var episode = await app.Ehr.PostAsync(ApiRoutes.EpisodesOf("c-locked"), null, deadline.Token);
        await episode.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        var client = await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("c-locked"), new { ageGroup = "child" }, deadline.Token);
        await client.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        (await app.Anonymous.GetAsync("/health/live", deadline.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await app.Anonymous.GetAsync("/health/ready", deadline.Token); // answers (healthy or not) within 2 s
        ready.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);

        holder.Release();
        (await app.CountRowsAsync()).ShouldBe(before);
        var again = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("c-locked"), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]), Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact(Timeout = 60_000)]
    public async Task Writes_queued_behind_each_other_are_refused_together_not_one_lock_timeout_after_another()
    {
        var ct = TestContext.Current.CancellationToken;
        using var holder = app.HoldWriteLock();

        // Eight writes at once with a 1 s lock timeout: waiting one after another would take 8 s, past this deadline.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(5));
        var writes = Enumerable.Range(1, 8).Select(i => i % 2 == 0
            ? app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf($"c-queued-{i}"), new { ageGroup = "adult" }, deadline.Token)
            : app.Ehr.PostAsync(ApiRoutes.EpisodesOf($"c-queued-{i}"), null, deadline.Token));
        var answers = await Task.WhenAll(writes);

        holder.Release();
        foreach (var answer in answers)
            await answer.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
    }
}
