using System.Diagnostics.Metrics;
using Feedback.Data.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Recording;

/// <summary>A service with no background writer of its own (no webhook worker), so every write the meter sees is a request's.</summary>
public sealed class QuietWriterApp : App
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:Enabled", "false");
    }
}

/// <summary>
/// The writer's instruments (meter "Feedback.Data", <see cref="WriterMetrics"/>) count every POST through the real
/// service: N POSTs run at least N statements in at least N write jobs, and two POSTs of the same shape (an intake for
/// a new client, then a second administration for each) run the same number of statements. Counts only, no timings.
/// </summary>
public sealed class WriterMetricsTests(QuietWriterApp app) : IClassFixture<QuietWriterApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    Database Db => app.Services.GetRequiredService<Database>();

    async Task PostAsync(string client, DateTimeOffset at, int?[] items)
    {
        var rsp = await app.Ehr.PostAsJsonAsync($"/v1/clients/{client}/administrations", Http.Phq9(items, at), Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task N_posts_run_at_least_N_statements_in_at_least_N_write_jobs()
    {
        const int n = 12;
        using var meter = new WriterMeter(Db);
        for (var i = 0; i < n; i++)
            await PostAsync($"wm-many-{i % 3}", Http.Monday.AddDays(7 * i), [2, 2, 1, 1, 2, 1, 1, 0, 0]);
        meter.Total(WriterMetrics.Statements).ShouldBeGreaterThanOrEqualTo(n);
        meter.Total(WriterMetrics.Jobs).ShouldBeGreaterThanOrEqualTo(n);
        meter.Total(WriterMetrics.Commits).ShouldBeGreaterThanOrEqualTo(1);
        meter.Count(WriterMetrics.Duration).ShouldBe((long)meter.Total(WriterMetrics.Commits)); // one duration per committed transaction
    }

    [Fact]
    public async Task Two_posts_of_the_same_shape_run_the_same_number_of_statements()
    {
        using var meter = new WriterMeter(Db);
        async Task<double> StatementsOf(Func<Task> post)
        {
            var before = meter.Total(WriterMetrics.Statements);
            await post();
            return meter.Total(WriterMetrics.Statements) - before;
        }
        int?[] intake = [2, 2, 2, 2, 2, 2, 1, 1, 0], later = [1, 1, 1, 1, 1, 1, 1, 0, 0];
        var intakeX = await StatementsOf(() => PostAsync("wm-shape-x", Http.Monday, intake));
        var intakeY = await StatementsOf(() => PostAsync("wm-shape-y", Http.Monday, intake));
        var secondX = await StatementsOf(() => PostAsync("wm-shape-x", Http.Monday.AddDays(7), later));
        var secondY = await StatementsOf(() => PostAsync("wm-shape-y", Http.Monday.AddDays(7), later));
        intakeX.ShouldBeGreaterThan(0);
        intakeY.ShouldBe(intakeX);
        secondX.ShouldBeGreaterThan(0);
        secondY.ShouldBe(secondX);
    }

    /// <summary>Sums the writer's instruments of one database (its own meter) while it lives.</summary>
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
}
