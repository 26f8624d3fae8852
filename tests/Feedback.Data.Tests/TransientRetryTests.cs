namespace Feedback.Data.Tests;

public sealed class TransientRetryTests
{
    [Fact]
    public async Task A_transient_failure_is_retried_until_it_succeeds()
    {
        var attempts = 0;
        var pipeline = TransientRetry.Create(e => e is TimeoutException, TimeSpan.FromMilliseconds(1));
        var result = await pipeline.ExecuteAsync(_ => ++attempts < 3 ? throw new TimeoutException() : ValueTask.FromResult(42), TestContext.Current.CancellationToken);
        result.ShouldBe(42);
        attempts.ShouldBe(3);
    }

    [Fact]
    public async Task Other_failures_and_too_many_transient_ones_are_not_hidden()
    {
        var attempts = 0;
        var pipeline = TransientRetry.Create(e => e is TimeoutException, TimeSpan.FromMilliseconds(1));
        await Should.ThrowAsync<InvalidOperationException>(async () =>
            await pipeline.ExecuteAsync<int>(_ => { attempts++; throw new InvalidOperationException(); }, TestContext.Current.CancellationToken));
        attempts.ShouldBe(1);
        attempts = 0;
        await Should.ThrowAsync<TimeoutException>(async () =>
            await pipeline.ExecuteAsync<int>(_ => { attempts++; throw new TimeoutException(); }, TestContext.Current.CancellationToken));
        attempts.ShouldBe(TransientRetry.MaxRetries + 1);
    }

    [Theory]
    [InlineData(1205, true)]
    [InlineData(40613, true)]
    [InlineData(-2, true)]
    [InlineData(2627, false)]
    [InlineData(547, false)]
    public void Sql_server_error_numbers_are_classified(int number, bool transient) => TransientRetry.IsTransient(number).ShouldBe(transient);

    [Theory]
    [InlineData(1205, true)]
    [InlineData(2627, true)]
    [InlineData(2601, true)]
    [InlineData(547, false)]
    [InlineData(1222, false)]
    [InlineData(-2, false)]
    public void Sql_server_write_conflicts_that_a_rerun_of_the_whole_transaction_resolves(int number, bool conflict) =>
        TransientRetry.IsWriteConflict(number).ShouldBe(conflict);

    [Fact]
    public void Sqlite_gets_no_retries_because_its_busy_timeout_waits()
    {
        TransientRetry.For(DatabaseProvider.Sqlite).ShouldBe(Polly.ResiliencePipeline.Empty);
    }
}
