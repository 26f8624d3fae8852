using System.Text;
using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Features.Bulk;

/// <summary>GET /v1/export/administrations (interop.md 4.2): snapshot and resume, and the filters.</summary>
public sealed class ExportResumeTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // 1,234 administrations (past two batch boundaries) of 40 clients: PHQ-9, GAD-7, ORS with decimals, SRS by client and
    // caregiver, imported; and 6 live ones, some with a clinician.
    async Task<int> SeedAsync(string prefix)
    {
        var start = app.Clock.GetUtcNow().AddDays(-400);
        var lines = new List<object>();
        for (var i = 0; i < 1234; i++)
        {
            var client = $"{prefix}-{i % 40}";
            var at = start.AddDays(i / 40 * 7).AddMinutes(i % 40);
            lines.Add((i % 4) switch
            {
                0 => Line($"{prefix}-l{i}", client, "PHQ-9", [1, 2, (i / 40) % 4, 1, 0, 1, 2, 1, 0], at, i / 40 + 1),
                1 => Line($"{prefix}-l{i}", client, "GAD-7", [1, 2, 1, (i / 40) % 4, 0, 1, 2], at.AddSeconds(1), i / 40 + 1),
                2 => Line($"{prefix}-l{i}", client, "ORS", [4.5m + (i / 40) % 5, 5.1m, 3.9m, 4.4m], at.AddSeconds(2), i / 40 + 1),
                _ => Line($"{prefix}-l{i}", client, "SRS", [9.1m, 9.4m, 9.0m, 8.5m + (i / 40) % 2], at.AddSeconds(3), i / 40 + 1, i % 8 == 3 ? "caregiver" : "client"),
            });
        }
        foreach (var chunk in lines.Chunk(700))
            Counts((await ImportAsync(app.Admin, chunk)).Summary).Created.ShouldBe(chunk.Length);
        for (var i = 0; i < 6; i++)
        {
            var body = new { instrument = "WHO-5", administeredAt = app.Clock.GetUtcNow().AddHours(-i), clinicianId = i % 2 == 0 ? "clin-7" : null, items = new[] { 3, 3, 2, 4, 3 } };
            (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf($"{prefix}-live-{i}"), body, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        return 1240;
    }

    [Fact]
    public async Task A_resumed_export_sees_the_set_of_its_snapshot_and_filters_select_by_instrument_and_receipt()
    {
        await SeedAsync("rs");
        var whole = await ExportAsync(app.Admin, "?instrument=ORS");
        whole.Rows.ShouldAllBe(r => r["instrument"]!.GetValue<string>() == "ORS");
        whole.Rows.Count.ShouldBeGreaterThan(300);

        // Administrations stored after the snapshot are not in a resumption of it.
        var later = new { instrument = "ORS", administeredAt = app.Clock.GetUtcNow(), items = new[] { 5.5, 6.5, 7.5, 8.5 } };
        (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("rs-later"), later, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Cut off after row 100: resume from its id (as sent, and as this API's base64url cursor).
        var cut = whole.Rows[99]["id"]!.GetValue<string>();
        foreach (var cursor in new[] { cut, Convert.ToBase64String(Encoding.UTF8.GetBytes(cut)).TrimEnd('=').Replace('+', '-').Replace('/', '_') })
        {
            var rest = await ExportAsync(app.Admin, $"?instrument=ORS&cursor={cursor}&snapshot={whole.Snapshot}");
            rest.Snapshot.ShouldBe(whole.Snapshot);
            rest.Rows.Select(r => r["id"]!.GetValue<string>()).ShouldBe(whole.Rows.Skip(100).Select(r => r["id"]!.GetValue<string>()));
            rest.End!["count"]!.GetValue<int>().ShouldBe(whole.Rows.Count - 100);
        }
        // A new export has a new snapshot that includes it.
        var fresh = await ExportAsync(app.Admin, "?instrument=ORS");
        fresh.Rows.Count.ShouldBe(whole.Rows.Count + 1);
        string.CompareOrdinal(fresh.Snapshot, whole.Snapshot).ShouldBeGreaterThan(0);
        // Resuming at the end: no rows, an end line that names the cursor.
        var done = await ExportAsync(app.Admin, $"?instrument=ORS&cursor={whole.Snapshot}&snapshot={whole.Snapshot}");
        (done.Rows.Count, done.End!["count"]!.GetValue<int>(), done.End["lastId"]!.GetValue<string>()).ShouldBe((0, 0, whole.Snapshot));

        // receivedAt in [from, to): the rows received after the clock moved a day on.
        app.Clock.Advance(TimeSpan.FromDays(1));
        var since = app.Clock.GetUtcNow();
        (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("rs-later"), new { instrument = "ORS", administeredAt = since, items = new[] { 1, 2, 3, 4 } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var from = Uri.EscapeDataString(since.AddSeconds(-1).ToString("O"));
        (await ExportAsync(app.Admin, $"?from={from}")).Rows.Select(r => r["score"]!["total"]!.GetValue<decimal>()).ShouldBe([10m]);
        (await ExportAsync(app.Admin, $"?to={from}&instrument=ORS")).Rows.Count.ShouldBe(fresh.Rows.Count);
        var nothing = await ExportAsync(app.Admin, "?from=2999-01-01");
        (nothing.Rows.Count, nothing.Snapshot, nothing.End!["count"]!.GetValue<int>()).ShouldBe((0, null, 0));
    }

}
