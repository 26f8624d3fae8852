using System.Diagnostics;
using Feedback.Api.Tests.Features.Bulk;
using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Recording;

/// <summary>A live window longer than the seeded history: every imported alert is live-like, so all of it compares.</summary>
public sealed class ManyLinesApp : DifferentialApp
{
    public override int LiveWindowHours => 5 * 365 * 24;
}

/// <summary>
/// The import stores what live submissions store (interop.md 4.3: "as if sent live"): 20,000 seeded lines go to one tenant
/// through POST /v1/import/administrations, in chronological files of 5,000 as an integrator exports them, and to another
/// through one POST /v1/clients/{clientId}/administrations each (16 clients at a time, each client's in administeredAt
/// order). Then every stored column of administrations, alerts, episodes and clients, and every queued webhook event,
/// must be equal, bar what docs/bulk.md says differs (<see cref="Normalised"/>).
/// The clock is frozen for the whole test: every "now" of both paths is the same instant, so received_at, resolved_at and
/// the events' times compare as they are, and the live window is one fixed instant. The window here is longer than the
/// history, so the import's alerts stay open as live ones do and their statuses, resolutions and alert.created and
/// alert.resolved events all compare; MixedHistoryDifferentialTests covers the window's edge and history alerts.
/// </summary>
public sealed class ImportLiveDifferentialTests(ManyLinesApp app) : IClassFixture<ManyLinesApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    const int Lines = 20_000;

    [Fact]
    public async Task Twenty_thousand_imported_lines_store_every_field_that_one_post_per_line_stores()
    {
        app.Clock.Freeze();
        var now = app.Clock.GetUtcNow();
        var history = Seeded(now);
        history.Count.ShouldBe(Lines);
        history.Select(s => s.ClientId).Distinct().Count().ShouldBeGreaterThan(2_000);

        // One after the other: at once, the POSTs wait behind the import's transactions for the one SQLite writer.
        TimeSpan[] times = [await ImportAsync(history), await PostAsync(history)];

        var clock = Stopwatch.StartNew();
        var imported = await Stored.ReadAsync(app.DatabaseFile, DifferentialApp.ImportTenant);
        var diff = new Differential { ImportedAt = now, LiveSince = now - TimeSpan.FromHours(app.LiveWindowHours) }
            .Compare(imported, await Stored.ReadAsync(app.DatabaseFile, DifferentialApp.LiveTenant));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"import {times[0].TotalSeconds:0.0} s, {Lines} POSTs {times[1].TotalSeconds:0.0} s, comparison {clock.Elapsed.TotalSeconds:0.0} s; paired "
            + string.Join(", ", diff.Paired.Select(p => $"{p.Key} {p.Value}")));

        diff.Differences.ShouldBeEmpty($"{diff.Differences.Count} differences, the first: {string.Join("\n", diff.Differences.Take(30))}");
        // Nothing was compared by accident: every row paired, and the history raises every kind of alert it can.
        diff.Paired["administrations"].ShouldBe(Lines);
        diff.Paired["clients"].ShouldBe(history.Select(s => s.ClientId).Distinct().Count());
        diff.Paired["episodes"].ShouldBeGreaterThan(diff.Paired["clients"], "returning clients open a second episode (stale-episode guard)");
        diff.Paired["alerts"].ShouldBeGreaterThan(2_000);
        diff.Paired["webhook_deliveries"].ShouldBeGreaterThan(diff.Paired["alerts"], "every alert announced, and the replaced ones resolved");
        diff.AdministrationEventsLeftOut.ShouldBe(Lines);
        (diff.HistoryAlerts, diff.HistoryEventsLeftOut).ShouldBe((0, 0));
        var kinds = imported["alerts"].Select(a => (string)a["kind"]!).ToHashSet();
        string[] expected = ["risk_item", "risk_item_unanswered", "substance_use", "off_track", "at_risk", "reliable_deterioration",
            "wellbeing_low_item", "alliance_concern", "alliance_discrepancy", "alliance_rupture", "early_alliance_risk"];
        expected.Except(kinds).ShouldBeEmpty();
    }

    // An integrator's export: the clinic's history in time order (ties in the order generated), 5,000 lines a file.
    async Task<TimeSpan> ImportAsync(List<Submission> history)
    {
        var clock = Stopwatch.StartNew();
        var chronological = history.Select((s, i) => (s, i)).OrderBy(x => x.s.At).ThenBy(x => x.i).Select(x => x.s).ToList();
        foreach (var (file, n) in chronological.Chunk(5_000).Select((f, n) => (f, n)))
        {
            var result = await Bulk.ImportAsync(app.OtherClinic, file.Select((s, i) => (object)s.Line($"dl-{n}-{i:0000}")));
            Counts(result.Summary).ShouldBe((file.Length, 0, 0, 0));
        }
        return clock.Elapsed;
    }

    // One POST per administration, 16 clients at a time, each client's in administeredAt order.
    async Task<TimeSpan> PostAsync(List<Submission> history)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(history.GroupBy(s => s.ClientId), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (client, ct) =>
        {
            foreach (var s in client.OrderBy(s => s.At))
            {
                var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(s.ClientId), s.Body(), ct);
                if (rsp.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"{rsp.StatusCode}: {await rsp.Content.ReadAsStringAsync(ct)}");
            }
        });
        return clock.Elapsed;
    }

    // A clinic's history, deterministic: about 2,300 clients of four kinds of practice, one course of 1-5 weekly sessions,
    // a quarter of them back for a second course after 100-200 days (past the 90-day stale-episode guard), 80 % with clinic
    // session numbers, 70 % with a clinician. Symptoms follow a course with noise (some get worse), a few answers are
    // missing, some risk items are answered, alliance ratings sometimes dip, and therapists sometimes rate the alliance
    // higher than their clients.
    static List<Submission> Seeded(DateTimeOffset now)
    {
        var rng = new Random(29);
        // Times of day from midnight, so that which administrations share a UTC date (same-session pairs without session
        // numbers, clinical.md section 6) does not depend on when the test runs.
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var all = new List<Submission>();
        for (var c = 0; all.Count < Lines; c++)
        {
            var client = $"dc-{c:00000}";
            var clinician = rng.NextDouble() < 0.7 ? $"clin-{rng.Next(40)}" : null;
            var numbered = rng.NextDouble() < 0.8;
            var caregiver = c % 12 == 1;
            var scored = rng.NextDouble() < 0.5;
            var courses = rng.NextDouble() < 0.25 ? new[] { rng.Next(1, 6), rng.Next(1, 4) } : [rng.Next(1, 6)];
            var at = midnight.AddDays(-rng.Next(310, 720)).AddMinutes(rng.Next(0, 600));
            foreach (var sessions in courses)
            {
                var severity = 0.3 + rng.NextDouble() * 0.6;
                var change = -0.06 + rng.NextDouble() * 0.16;
                var alliance = 0.72 + rng.NextDouble() * 0.26;
                var therapistBias = -0.2 + rng.NextDouble() * 0.45;
                for (var s = 1; s <= sessions; s++)
                {
                    var level = Math.Clamp(severity - change * (s - 1) + (rng.NextDouble() - 0.5) * 0.16, 0, 1);
                    var rating = Math.Clamp(alliance - (rng.NextDouble() < 0.15 ? 0.15 + rng.NextDouble() * 0.15 : 0) + (rng.NextDouble() - 0.5) * 0.06, 0, 1);
                    var minute = 0;
                    void Add(string instrument, decimal?[] items, string? rater = null, string? convention = null) =>
                        all.Add(new Submission(client, instrument, at.AddMinutes(minute++), items)
                            { Session = numbered ? s : null, Rater = rater, ClinicianId = clinician, ItemConvention = convention });
                    switch (c % 4)
                    {
                        case 0:
                            Add("PHQ-9", Worse(rng, 9, 3, level, missing: 2, risk: 9));
                            Add("GAD-7", Worse(rng, 7, 3, level, missing: 1));
                            break;
                        case 1:
                            Add("ORS", Better(rng, 4, level));
                            Add("SRS", Alliance(rng, rating));
                            if (caregiver)
                            {
                                Add("ORS", Better(rng, 4, level), "caregiver");
                                Add("SRS", Alliance(rng, rating), "caregiver");
                            }
                            break;
                        case 2:
                            Add("PHQ-9", Worse(rng, 9, 3, level, missing: 2, risk: 9));
                            Add("WAI-SR", Likert(rng, rating, 0.03));
                            Add("WAI-SR", Likert(rng, rating + therapistBias, 0), "therapist");
                            break;
                        default:
                            Add("WHO-5", [.. Worse(rng, 5, 5, level, missing: 0).Select(i => 5 - i)]);
                            if (c % 8 == 3) Add("OQ-45.2", Worse(rng, 45, 4, level * 0.9, missing: 3, risk: 8), convention: scored ? "scored" : null);
                            else Add("CORE-10", Worse(rng, 10, 4, level, missing: 1, risk: 6), convention: scored ? "scored" : null);
                            break;
                    }
                    at = at.AddDays(7).AddMinutes(rng.Next(-90, 90));
                }
                at = at.AddDays(rng.Next(100, 200));
            }
        }
        return all.Take(Lines).ToList();
    }

    // Items of a symptom measure (0..max, higher is worse) around a level of 0-1, a few unanswered, the risk item
    // (1-based) now and then above 0; OQ-45.2's substance items follow the level like the others.
    static decimal?[] Worse(Random rng, int count, int max, double level, int missing, int risk = 0)
    {
        var items = new decimal?[count];
        for (var i = 0; i < count; i++)
            items[i] = Math.Clamp((int)Math.Round(level * max + (rng.NextDouble() - 0.5) * 2), 0, max);
        if (risk > 0) items[risk - 1] = rng.NextDouble() < 0.08 ? rng.Next(1, max + 1) : 0;
        if (missing > 0 && rng.NextDouble() < 0.06) items[rng.Next(count)] = null;
        if (risk > 0 && rng.NextDouble() < 0.01) items[risk - 1] = null;
        return items;
    }

    // ORS: four 10 cm lines read to one decimal, higher is better.
    static decimal?[] Better(Random rng, int count, double level) =>
        [.. Enumerable.Range(0, count).Select(_ => (decimal?)Math.Round((decimal)Math.Clamp((1 - level) * 10 + (rng.NextDouble() - 0.5) * 2.4, 0, 10), 1))];

    // SRS: four lines near the ceiling, as alliance ratings are.
    static decimal?[] Alliance(Random rng, double rating) =>
        [.. Enumerable.Range(0, 4).Select(_ => (decimal?)Math.Round((decimal)Math.Clamp(rating * 10 + (rng.NextDouble() - 0.5) * 0.8, 0, 10), 1))];

    // WAI-SR: twelve items 1-5.
    static decimal?[] Likert(Random rng, double rating, double missing)
    {
        var items = Enumerable.Range(0, 12).Select(_ => (decimal?)Math.Clamp((int)Math.Round(1 + 4 * rating + (rng.NextDouble() - 0.5) * 1.2), 1, 5)).ToArray();
        if (rng.NextDouble() < missing) items[rng.Next(12)] = null;
        return items;
    }
}
