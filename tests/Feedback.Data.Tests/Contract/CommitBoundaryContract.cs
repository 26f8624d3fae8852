using Feedback.Data.Tenants;

namespace Feedback.Data.Tests.Contract;

/// <summary>
/// A refusal writes nothing by structure (IRefusal): write work that wrote and then refused leaves no row, whatever it
/// wrote, and work sharing its commit keeps its own rows; on SQLite executed here, on SQL Server when configured.
/// </summary>
public abstract class CommitBoundaryContract
{
    protected abstract Database Db { get; }

    static readonly DateTimeOffset T0 = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    sealed record Refused(string Why) : IRefusal;
    sealed record Done(long TenantId);

    // A test-only job: writes a tenant, then accepts or refuses.
    Func<DbSession, CancellationToken, Task<object>> Job(string name, bool refuse) => async (tx, ct) =>
    {
        var id = await new TenantRepository(Db.Dialect).CreateAsync(tx, name, ["PHQ-9"], T0, ct);
        return refuse ? new Refused($"{name} decided after writing") : new Done(id);
    };

    async Task<bool> ExistsAsync(string name)
    {
        await using var s = await Db.ReadAsync(Ct);
        return await new TenantRepository(Db.Dialect).FindIdByNameAsync(s, name, Ct) is not null;
    }

    static string Name(string what) => $"cb-{what}-{Guid.NewGuid():N}";

    [Fact]
    public async Task Work_that_wrote_and_then_refused_leaves_nothing_and_its_caller_gets_the_refusal()
    {
        var name = Name("refused");
        (await Db.WriteAsync(Job(name, refuse: true), Ct)).ShouldBeOfType<Refused>();
        (await ExistsAsync(name)).ShouldBeFalse();

        var kept = Name("kept");
        (await Db.WriteAsync(Job(kept, refuse: false), Ct)).ShouldBeOfType<Done>();
        (await ExistsAsync(kept)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_refusal_among_concurrent_work_undoes_only_its_own_writes()
    {
        var names = Enumerable.Range(0, 12).Select(i => (Name(i % 3 == 1 ? "refused" : "kept"), Refuse: i % 3 == 1)).ToList();
        var results = await Task.WhenAll(names.Select(n => Db.WriteAsync(Job(n.Item1, n.Refuse), Ct)));
        results.Count(r => r is Refused).ShouldBe(4);
        foreach (var (name, refuse) in names)
            (await ExistsAsync(name)).ShouldBe(!refuse, name);
    }
}

public sealed class SqliteCommitBoundaryContract(SqliteDatabase fixture) : CommitBoundaryContract, IClassFixture<SqliteDatabase>
{
    protected override Database Db => fixture.Database;
}

public sealed class SqlServerCommitBoundaryContract(SqlServerDatabase fixture) : CommitBoundaryContract, IClassFixture<SqlServerDatabase>
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
