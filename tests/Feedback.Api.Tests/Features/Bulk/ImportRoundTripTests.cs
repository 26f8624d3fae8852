using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Features.Bulk;

/// <summary>
/// A generated 50,000-line history (FEEDBACK_ROUND_TRIP_LINES to change) imported in files of
/// 5,000, then exported: every administration comes back with the items sent, the total worked out here from them
/// (PHQ-9 and GAD-7: the sum; WHO-5: the sum times 4), and feedback; the feedback of a sample of clients equals what live
/// submissions of the same answers got; re-sending every file creates nothing.
/// </summary>
public sealed class ImportRoundTripTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static int LineCount => int.TryParse(Environment.GetEnvironmentVariable("FEEDBACK_ROUND_TRIP_LINES"), out var n) ? n : 50_000;

    sealed record Generated(string LineId, string ClientId, string Instrument, int[] Items, DateTimeOffset At, int Session, string Key, DateTimeOffset? ClosedAt);

    // Weekly sessions of PHQ-9, GAD-7 and WHO-5 per client, scores falling with noise, item 9 now and then; 70% of the
    // episodes closed. Seeded: the same history every run.
    static List<Generated> History(int count, DateTimeOffset start)
    {
        var random = new Random(16);
        var lines = new List<Generated>(count);
        for (var client = 0; lines.Count < count; client++)
        {
            var sessions = random.Next(2, 9);
            var first = start.AddDays(random.Next(0, 500)).AddMinutes(random.Next(0, 600));
            DateTimeOffset? closedAt = random.NextDouble() < 0.7 ? first.AddDays(7 * sessions + 1) : null;
            var severity = random.Next(8, 25);
            for (var s = 0; s < sessions && lines.Count < count; s++)
            {
                var level = Math.Max(0, severity - s * random.Next(0, 4) + random.Next(-2, 3));
                int Item(int max, int value) => Math.Clamp(value + random.Next(-1, 2), 0, max);
                var phq = Enumerable.Range(0, 8).Select(_ => Item(3, level / 9)).Append(random.NextDouble() < 0.03 ? 1 : 0).ToArray();
                var gad = Enumerable.Range(0, 7).Select(_ => Item(3, level / 9)).ToArray();
                var who = Enumerable.Range(0, 5).Select(_ => Item(5, 5 - level / 6)).ToArray();
                foreach (var (k, instrument, items) in new[] { (0, "PHQ-9", phq), (1, "GAD-7", gad), (2, "WHO-5", who) })
                    if (lines.Count < count)
                        lines.Add(new($"rt-{lines.Count:0000000}", $"rt-c{client:000000}", instrument, items, first.AddDays(7 * s).AddMinutes(k), s + 1, "e1", closedAt));
            }
        }
        return lines;
    }

    static object ToLine(Generated g)
    {
        var line = Line(g.LineId, g.ClientId, g.Instrument, [.. g.Items.Select(i => (decimal?)i)], g.At, g.Session);
        line["episodeKey"] = g.Key;
        if (g.ClosedAt is { } closed) line["episodeClosedAt"] = closed;
        return line;
    }

    static decimal TotalOf(Generated g) => g.Instrument == "WHO-5" ? g.Items.Sum() * 4 : g.Items.Sum();

    [Fact]
    public async Task A_generated_history_round_trips_through_import_and_export_and_re_sending_it_creates_nothing()
    {
        var history = History(LineCount, app.Clock.GetUtcNow().AddDays(-900));
        var files = history.Select(ToLine).Chunk(5000).ToList();
        foreach (var file in files)
            Counts((await ImportAsync(app.Admin, file)).Summary).ShouldBe((file.Length, 0, 0, 0));

        var export = await ExportAsync(app.Admin);
        export.End!["count"]!.GetValue<int>().ShouldBe(history.Count);
        var byKey = export.Rows.ToDictionary(r => (r["clientId"]!.GetValue<string>(), r["instrument"]!.GetValue<string>(), r["administeredAt"]!.GetValue<DateTimeOffset>()));
        foreach (var g in history)
        {
            var row = byKey[(g.ClientId, g.Instrument, g.At)];
            row["items"]!.AsArray().Select(i => i!.GetValue<int>()).ShouldBe(g.Items, g.LineId);
            row["score"]!["total"]!.GetValue<decimal>().ShouldBe(TotalOf(g), g.LineId);
            (row["source"]!.GetValue<string>(), row["sessionNumber"]!.GetValue<int>()).ShouldBe(("import", g.Session), g.LineId);
            row["feedback"]!["kind"]!.GetValue<string>().ShouldBe("outcome", g.LineId);
        }

        // The same answers sent live for a sample of clients (in time order, as a clinic would have): the same feedback.
        var sample = history.GroupBy(g => g.ClientId).Where((_, i) => i % 250 == 0).ToList();
        foreach (var client in sample)
            foreach (var g in client.OrderBy(g => g.At))
            {
                var live = new { instrument = g.Instrument, administeredAt = g.At, sessionNumber = g.Session, items = g.Items };
                var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("live-" + g.ClientId), live, Ct);
                rsp.StatusCode.ShouldBe(HttpStatusCode.Created);
                var answered = await rsp.BodyAsync();
                answered["feedback"]!.ToJsonString().ShouldBe(byKey[(g.ClientId, g.Instrument, g.At)]["feedback"]!.ToJsonString(), g.LineId);
            }

        var before = await app.CountRowsAsync();
        foreach (var file in files)
            Counts((await ImportAsync(app.Admin, file)).Summary).ShouldBe((0, file.Length, 0, 0));
        (await app.CountRowsAsync()).ShouldBe(before + files.Count); // each re-sent file's audit entry, nothing else
    }
}
