using System.Text;
using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Features.Bulk;

/// <summary>GET /v1/export/administrations (interop.md 4.2): a tenant's whole history, NDJSON and CSV, row for row as GET answers it.</summary>
public sealed class ExportContentTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_export_holds_every_administration_as_GET_answers_it_in_NDJSON_and_CSV()
    {
        var count = await Bulk.SeedAsync(app, "ex");
        var export = await ExportAsync(app.Admin);
        export.Rows.Count.ShouldBe(count);
        export.End!["count"]!.GetValue<int>().ShouldBe(count);
        export.End["lastId"]!.GetValue<string>().ShouldBe(export.Snapshot);
        export.Rows.Select(r => r["id"]!.GetValue<string>()).ShouldBe(export.Rows.Select(r => r["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        export.Rows.Count(r => r["source"]!.GetValue<string>() == "import").ShouldBe(1234);
        export.Rows.Count(r => r["source"]!.GetValue<string>() == "api").ShouldBe(6);

        // Each line is GET's view of that administration (with feedback; a list carries no alerts) plus its type and what
        // the import needs of its episode (key and close; ExportImportRoundTripTests shows they are enough).
        foreach (var row in export.Rows.Where((_, i) => i % 37 == 0 || i >= count - 6))
        {
            var view = await (await app.Ehr.GetAsync(ApiRoutes.AdministrationOf(row["clientId"]!.GetValue<string>(), row["id"]!.GetValue<string>()), Ct)).BodyAsync();
            view.AsObject().Remove("alerts");
            var line = row.DeepClone().AsObject();
            line.Remove("type");
            line["episodeKey"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
            line.Remove("episodeKey");
            line.Remove("episodeClosedAt");
            line.ToJsonString().ShouldBe(view.ToJsonString());
        }

        var csvResponse = await app.Admin.GetAsync(ApiRoutes.ExportAdministrationsPath + "?format=csv", Ct);
        csvResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        csvResponse.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csvResponse.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        var csv = ExportTests.ParseCsv(await csvResponse.Content.ReadAsStringAsync(Ct));
        csv[0].Take(17).ShouldBe(["id", "clientId", "episodeId", "instrument", "rater", "sessionNumber", "clinicianId", "administeredAt", "receivedAt",
            "source", "total", "prorated", "severity", "clinicalRange", "status", "reliableChange", "subscales"]);
        csv[0].Skip(17).ShouldBe(Enumerable.Range(1, 45).Select(i => $"item{i}"));
        csv.Count.ShouldBe(count + 1);
        csv[^1][0].ShouldBe(csvResponse.Headers.GetValues("X-Export-Snapshot").Single(), "complete: the last id is the snapshot");
        for (var i = 0; i < count; i++)
        {
            var (row, json) = (csv[i + 1], export.Rows[i]);
            row.Count.ShouldBe(62);
            (row[0], row[1], row[3], row[4], row[9]).ShouldBe((json["id"]!.GetValue<string>(), json["clientId"]!.GetValue<string>(),
                json["instrument"]!.GetValue<string>(), json["rater"]!.GetValue<string>(), json["source"]!.GetValue<string>()));
            decimal.Parse(row[10], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(json["score"]!["total"]!.GetValue<decimal>());
            var items = json["items"]!.AsArray().Select(x => x!.GetValue<decimal>()).ToList();
            row.Skip(17).Take(items.Count).Select(x => decimal.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(items);
            row.Skip(17 + items.Count).ShouldAllBe(x => x == "");
            row[14].ShouldBe(json["feedback"]?["status"]?.GetValue<string>() ?? "");
            DateTimeOffset.Parse(row[7], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(json["administeredAt"]!.GetValue<DateTimeOffset>());
        }
        // Subscales as NAME=value;...: OQ-45.2 has them; an export of none is empty.
        csv.Skip(1).ShouldAllBe(r => r[16] == "");
    }

}
