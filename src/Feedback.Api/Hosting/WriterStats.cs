using System.Diagnostics.Metrics;

namespace Feedback.Api.Hosting;

/// <summary>
/// With FEEDBACK_WRITER_STATS=1, prints the writer's totals since start (<see cref="WriterMetrics"/>) to standard output:
/// each second in which they changed, and at shutdown. Counts only, nothing of a request. For bench/writer-cost.sh,
/// which reads the line between its phases; dotnet-counters or OpenTelemetry read the same meter without it.
/// </summary>
sealed class WriterStats(Database database) : BackgroundService
{
    public const string Variable = "FEEDBACK_WRITER_STATS";

    readonly MeterListener listener = new();
    long statements, jobs, commits, busyMicroseconds;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, database.Metrics.Meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == WriterMetrics.Statements) Interlocked.Add(ref statements, value);
            else if (instrument.Name == WriterMetrics.Jobs) Interlocked.Add(ref jobs, value);
            else if (instrument.Name == WriterMetrics.Commits) Interlocked.Add(ref commits, value);
        });
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => Interlocked.Add(ref busyMicroseconds, (long)(value * 1000)));
        listener.Start();
        var printed = "";
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                printed = PrintIfChanged(printed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        PrintIfChanged("");
        listener.Dispose();
    }

    string PrintIfChanged(string printed)
    {
        var line = $"writer-stats jobs={Interlocked.Read(ref jobs)} commits={Interlocked.Read(ref commits)} "
            + $"statements={Interlocked.Read(ref statements)} busy_ms={Interlocked.Read(ref busyMicroseconds) / 1000.0:F1}";
        if (line != printed) Console.Out.WriteLine(line);
        return line;
    }
}
