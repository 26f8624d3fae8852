using Microsoft.Data.Sqlite;

namespace Feedback.Data.Tests;

/// <summary>
/// The writer's connection keeps statements prepared: through Dapper, the same text run again with other
/// parameters answers for those parameters, a list of parameter sets runs each, a statement that failed leaves the next
/// run intact, multi-statement texts run whole, and the cache stays within its bound however many texts it meets.
/// A real database file, real Dapper calls.
/// </summary>
public sealed class PreparedStatementTests : IAsyncLifetime
{
    readonly string file = Path.Combine(Path.GetTempPath(), $"prepared-{Guid.NewGuid():N}.db");
    PreparedStatementConnection connection = null!;

    public async ValueTask InitializeAsync()
    {
        var sqlite = new SqliteConnection($"Data Source={file};Pooling=False");
        await sqlite.OpenAsync();
        connection = new PreparedStatementConnection(sqlite);
        await connection.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER);");
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        File.Delete(file);
    }

    const string Insert = "INSERT INTO t (name, n) VALUES (@Name, @N);";
    const string ByName = "SELECT n FROM t WHERE name = @Name;";

    [Fact]
    public async Task The_same_text_answers_for_each_calls_own_parameters()
    {
        await connection.ExecuteAsync(Insert, new { Name = "a", N = 1 });
        await connection.ExecuteAsync(Insert, new { Name = "b", N = 2 });
        (await connection.QuerySingleAsync<int>(ByName, new { Name = "a" })).ShouldBe(1);
        (await connection.QuerySingleAsync<int>(ByName, new { Name = "b" })).ShouldBe(2);
        (await connection.QuerySingleOrDefaultAsync<int?>(ByName, new { Name = "none" })).ShouldBeNull();
        (await connection.QuerySingleAsync<int>(ByName, new { Name = "a" })).ShouldBe(1);
        connection.Count.ShouldBe(3); // CREATE, INSERT, SELECT
    }

    [Fact]
    public async Task A_list_of_parameter_sets_runs_once_for_each()
    {
        (await connection.ExecuteAsync(Insert, Enumerable.Range(1, 5).Select(i => new { Name = $"n{i}", N = i }).ToList())).ShouldBe(5);
        (await connection.QueryAsync<int>("SELECT n FROM t ORDER BY n;")).ShouldBe([1, 2, 3, 4, 5]);
    }

    [Fact]
    public async Task A_statement_that_failed_runs_again_with_new_parameters()
    {
        await using var tx = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(Insert, new { Name = "x", N = 1 }, tx);
        await Should.ThrowAsync<SqliteException>(() => connection.ExecuteAsync(Insert, new { Name = "x", N = 2 }, tx)); // UNIQUE
        await connection.ExecuteAsync(Insert, new { Name = "y", N = 3 }, tx);
        await tx.CommitAsync(TestContext.Current.CancellationToken);
        (await connection.QueryAsync<string>("SELECT name || n FROM t ORDER BY name;")).ShouldBe(["x1", "y3"]);
    }

    [Fact]
    public async Task A_text_of_several_statements_runs_whole_every_time()
    {
        const string two = "INSERT INTO t (name, n) VALUES (@Name, 1); UPDATE t SET n = n + 1 WHERE name = @Name;";
        await connection.ExecuteAsync(two, new { Name = "p" });
        await connection.ExecuteAsync(two, new { Name = "q" });
        (await connection.QueryAsync<string>("SELECT name || n FROM t ORDER BY name;")).ShouldBe(["p2", "q2"]);
    }

    [Fact]
    public async Task The_cache_stays_within_its_bound_and_answers_right_after_starting_again()
    {
        for (var i = 0; i < PreparedStatementConnection.MaxStatements + 10; i++)
            (await connection.QuerySingleAsync<int>($"SELECT @X + {i};", new { X = 1 })).ShouldBe(i + 1);
        connection.Count.ShouldBeLessThanOrEqualTo(PreparedStatementConnection.MaxStatements);
        (await connection.QuerySingleAsync<int>("SELECT @X + 0;", new { X = 41 })).ShouldBe(41);
    }
}
