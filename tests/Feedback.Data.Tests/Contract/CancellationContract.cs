using Feedback.Data.Tenants;

namespace Feedback.Data.Tests.Contract;

/// <summary>
/// A caller's cancellation is honoured only until its write starts (docs/decisions.md, "A write that has started
/// finishes"): cancelled before, the caller gets OperationCanceledException and nothing is written; cancelled while the
/// work runs, the work commits and the caller gets its result. On SQLite executed here, on SQL Server when configured.
/// </summary>
public abstract class CancellationContract
{
    protected abstract Database Db { get; }

    static readonly DateTimeOffset T0 = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static string Name(string what) => $"cancel-{what}-{Guid.NewGuid():N}";

    protected Task<long> CreateTenantAsync(DbSession tx, string name, CancellationToken ct) =>
        new TenantRepository(Db.Dialect).CreateAsync(tx, name, ["PHQ-9"], T0, ct);

    protected async Task<bool> ExistsAsync(string name)
    {
        await using var s = await Db.ReadAsync(Ct);
        return await new TenantRepository(Db.Dialect).FindIdByNameAsync(s, name, Ct) is not null;
    }

    [Fact]
    public async Task A_caller_that_cancelled_before_its_write_started_gets_OperationCanceled_and_nothing_is_written()
    {
        var db = Db; // skips here, before the assertion, when the store is not configured
        var name = Name("before");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var ran = false;
        await Should.ThrowAsync<OperationCanceledException>(() => db.WriteAsync(async (tx, token) =>
        {
            ran = true;
            return await CreateTenantAsync(tx, name, token);
        }, cancelled.Token));
        ran.ShouldBeFalse();
        (await ExistsAsync(name)).ShouldBeFalse();
    }

    [Fact]
    public async Task Work_whose_caller_cancels_while_it_runs_commits_and_the_caller_gets_its_result()
    {
        var name = Name("during");
        using var caller = new CancellationTokenSource();
        var id = await Db.WriteAsync(async (tx, token) =>
        {
            await caller.CancelAsync(); // the client hangs up once the write has started
            token.IsCancellationRequested.ShouldBeFalse();
            var created = await CreateTenantAsync(tx, name, token);
            await CreateTenantAsync(tx, name + "-2", token); // a second statement after the hang-up runs too
            return created;
        }, caller.Token);
        id.ShouldBeGreaterThan(0);
        (await ExistsAsync(name)).ShouldBeTrue();
        (await ExistsAsync(name + "-2")).ShouldBeTrue();
    }
}

public sealed class SqliteCancellationContract(SqliteDatabase fixture) : CancellationContract, IClassFixture<SqliteDatabase>
{
    protected override Database Db => fixture.Database;

    // SQLite has one writer: a job queued behind another waits for it, and its caller may still cancel then.
    [Fact(Timeout = 30_000)]
    public async Task A_caller_that_cancels_while_its_job_waits_for_the_writer_is_answered_at_once_and_its_job_never_runs()
    {
        var ct = TestContext.Current.CancellationToken;
        var (first, queued) = ($"cancel-first-{Guid.NewGuid():N}", $"cancel-queued-{Guid.NewGuid():N}");
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = Db.WriteAsync(async (tx, token) =>
        {
            var id = await CreateTenantAsync(tx, first, token);
            writing.SetResult();
            await release.Task;
            return id;
        }, ct);
        await writing.Task.WaitAsync(ct);

        using var caller = new CancellationTokenSource();
        var ran = false;
        var waiting = Db.WriteAsync(async (tx, token) =>
        {
            ran = true;
            return await CreateTenantAsync(tx, queued, token);
        }, caller.Token);
        await caller.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => waiting.WaitAsync(ct));
        holder.IsCompleted.ShouldBeFalse(); // answered while the writer was still busy with the first job

        release.SetResult();
        (await holder).ShouldBeGreaterThan(0);
        // The writer is free again: a later write runs, and the cancelled job did not run before it.
        var after = $"cancel-after-{Guid.NewGuid():N}";
        await Db.WriteAsync((tx, token) => CreateTenantAsync(tx, after, token), ct);
        ran.ShouldBeFalse();
        (await ExistsAsync(first)).ShouldBeTrue();
        (await ExistsAsync(queued)).ShouldBeFalse();
        (await ExistsAsync(after)).ShouldBeTrue();
    }
}

public sealed class SqlServerCancellationContract(SqlServerDatabase fixture) : CancellationContract, IClassFixture<SqlServerDatabase>
{
    protected override Database Db
    {
        get
        {
            Assert.SkipWhen(fixture.Database is null, SqlServerDatabase.SkipReason);
            return fixture.Database!;
        }
    }
}
