using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Feedback.Data.Connections;

/// <summary>
/// What the writer does, as instruments of the meter "Feedback.Data" (dotnet-counters, OpenTelemetry): statements run by
/// <see cref="Database.WriteAsync{T}"/> work, write jobs run (its calls), write transactions committed, and how long each
/// write transaction held the writer, from its begin to its commit or rollback. A transaction on SQLite commits many jobs
/// (<see cref="GroupCommit"/>); on SQL Server each job has its own. The group commit's SAVEPOINT statements are not
/// counted, so a job's statements are the same number on both stores. One meter per <see cref="Database"/>, so that a
/// listener in a process holding several (the tests) can tell one database's writes from another's.
/// </summary>
public sealed class WriterMetrics
{
    public const string MeterName = "Feedback.Data";
    public const string Statements = "feedback.data.write.statements";
    public const string Jobs = "feedback.data.write.jobs";
    public const string Commits = "feedback.data.write.commits";
    public const string Duration = "feedback.data.write.duration";

    readonly Counter<long> statements;
    readonly Counter<long> jobs;
    readonly Counter<long> commits;
    readonly Histogram<double> duration;

    public WriterMetrics()
    {
        Meter = new Meter(MeterName);
        statements = Meter.CreateCounter<long>(Statements, "{statement}", "Statements run inside write transactions");
        jobs = Meter.CreateCounter<long>(Jobs, "{job}", "Write jobs run to their end (committed, refused or failed)");
        commits = Meter.CreateCounter<long>(Commits, "{transaction}", "Write transactions committed");
        duration = Meter.CreateHistogram<double>(Duration, "ms", "Time a write transaction held the writer, begin to commit or rollback");
    }

    public Meter Meter { get; }

    internal void StatementRun() => statements.Add(1);

    internal void StatementsRun(long count)
    {
        if (count > 0) statements.Add(count);
    }

    /// <summary>A write transaction ended; <paramref name="began"/> is its <see cref="Stopwatch.GetTimestamp"/> at BEGIN.</summary>
    internal void TransactionEnded(long began, int jobsRun, bool committed)
    {
        duration.Record(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        if (jobsRun > 0) jobs.Add(jobsRun);
        if (committed) commits.Add(1);
    }
}
