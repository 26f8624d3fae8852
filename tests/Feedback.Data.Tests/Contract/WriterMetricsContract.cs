using System.Diagnostics.Metrics;

namespace Feedback.Data.Tests.Contract;

/// <summary>
/// The writer's instruments (WriterMetrics) count what write work runs: each statement it executes (a list of
/// parameter sets once per set), not the group commit's own SAVEPOINT statements, so the same work counts the same on
/// both stores; one job, and one committed transaction with its duration. On SQLite executed here, on SQL Server when
/// configured.
/// </summary>
public abstract class WriterMetricsContract
{
    protected abstract Database Db { get; }

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_job_counts_each_statement_it_runs_and_one_committed_transaction()
    {
        using var meter = new WriterMeter(Db);
        var answer = await Db.WriteAsync(async (tx, token) =>
        {
            var one = await tx.Connection.ExecuteScalarAsync<int>(tx.Command("SELECT 1", null, token));
            var two = await tx.Connection.ExecuteScalarAsync<int>(tx.Command("SELECT 2", null, token));
            await tx.Connection.ExecuteAsync(tx.Command("SELECT @N", new[] { new { N = 3 }, new { N = 4 } }, token));
            return one + two;
        }, Ct);
        answer.ShouldBe(3);
        meter.Total(WriterMetrics.Statements).ShouldBe(4); // 2 single statements + 1 statement with 2 parameter sets
        meter.Total(WriterMetrics.Jobs).ShouldBe(1);
        meter.Total(WriterMetrics.Commits).ShouldBe(1);
        meter.Count(WriterMetrics.Duration).ShouldBe(1);
    }
}

/// <summary>Sums the writer's instruments of one <see cref="Database"/> (its own meter) while it lives.</summary>
sealed class WriterMeter : IDisposable
{
    readonly MeterListener listener = new();
    readonly Dictionary<string, (double Sum, long Count)> totals = [];

    public WriterMeter(Database db)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, db.Metrics.Meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
        listener.Start();
    }

    void Add(string name, double value)
    {
        lock (totals)
        {
            var (sum, count) = totals.GetValueOrDefault(name);
            totals[name] = (sum + value, count + 1);
        }
    }

    public double Total(string name) { lock (totals) return totals.GetValueOrDefault(name).Sum; }
    public long Count(string name) { lock (totals) return totals.GetValueOrDefault(name).Count; }

    public void Dispose() => listener.Dispose();
}

public sealed class SqliteWriterMetricsContract(SqliteDatabase fixture) : WriterMetricsContract, IClassFixture<SqliteDatabase>
{
    protected override Database Db => fixture.Database;
}

public sealed class SqlServerWriterMetricsContract(SqlServerDatabase fixture) : WriterMetricsContract, IClassFixture<SqlServerDatabase>
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
