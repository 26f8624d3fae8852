using System.Text;
using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Features.Bulk;

/// <summary>GET /v1/export/administrations (interop.md 4.2): snapshot and resume, and the filters.</summary>
public sealed class ExportResumeTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_resumed_export_sees_the_set_of_its_snapshot_and_filters_select_by_instrument_and_receipt()
    {
        await Bulk.SeedAsync(app, "rs");
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
