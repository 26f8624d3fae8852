using System.Text;
using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Features.Export;

/// <summary>
/// A tenant moved or restored (docs/bulk.md, "Round trip"): an NDJSON export imported as it is into an empty tenant, then
/// exported from there, is the same export byte for byte, but for what the document says the receiving tenant makes
/// anew: the ids (id, episodeId, episode.id, and where feedback names another administration), receivedAt and source.
/// </summary>
public sealed class ExportImportRoundTripTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_export_imported_into_an_empty_tenant_exports_the_same_but_for_ids_and_receipt()
    {
        await SeedAsync(app, "mv");
        var day = app.Clock.GetUtcNow().AddDays(-500);
        Dictionary<string, object?> With(Dictionary<string, object?> line, params (string Key, object? Value)[] more)
        {
            foreach (var (key, value) in more) line[key] = value;
            return line;
        }
        // Beyond the seed: a key's closed episode then an open one, a stale episode (a 200-day gap), a child, a clinician.
        var extra = await ImportAsync(app.Admin, [
            With(Line("mv-k1", "mv-keyed", "PHQ-9", [2, 2, 2, 2, 2, 2, 1, 1, 0], day, 1), ("episodeKey", "2024-a"), ("episodeClosedAt", day.AddDays(30))),
            With(Line("mv-k2", "mv-keyed", "PHQ-9", [1, 1, 2, 1, 1, 1, 1, 0, 0], day.AddDays(14), 2), ("episodeKey", "2024-a"), ("episodeClosedAt", day.AddDays(30)),
                ("clinicianId", "clin-9")),
            With(Line("mv-k3", "mv-keyed", "GAD-7", [3, 3, 2, 2, 3, 1, 2], day.AddDays(60), 1), ("episodeKey", "2024-b")),
            Line("mv-s1", "mv-stale", "PHQ-9", [3, 3, 2, 2, 3, 1, 2, 2, 1], day.AddDays(10), 1),
            Line("mv-s2", "mv-stale", "PHQ-9", [1, 1, 0, 1, 0, 1, 0, 0, 0], day.AddDays(210), 1),
            With(Line("mv-c1", "mv-child", "ORS", [4.5m, 5.5m, 6.1m, 3.2m], day.AddDays(3), 1), ("ageGroup", "child")),
        ]);
        Counts(extra.Summary).ShouldBe((6, 0, 0, 0));

        var first = await ExportTextAsync(app.Admin);
        var lines = first.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1240 + 6 + 1);
        JsonNode.Parse(lines[^1])!["type"]!.GetValue<string>().ShouldBe("end");
        lines.ShouldContain(l => l.Contains("\"reason\":\"stale\"", StringComparison.Ordinal), "the seed holds a stale episode");
        lines.ShouldContain(l => l.Contains("\"episodeClosedAt\":\"", StringComparison.Ordinal), "and a closed one");

        // The export as it is, end line included, into tenant B (empty: nothing of A's is there).
        (await ExportTextAsync(app.OtherClinic)).ShouldBe("{\"type\":\"end\",\"count\":0,\"lastId\":null}\n");
        var importedAt = app.Clock.GetUtcNow();
        var moved = await ImportAsync(app.OtherClinic, lines);
        Counts(moved.Summary).ShouldBe((1246, 0, 0, 0), string.Join("\n", moved.Results.Where(r => r["status"]!.GetValue<string>() == "invalid").Take(3)));
        moved.Summary["ignored"]!.GetValue<int>().ShouldBe(1);
        moved.Results[^1]["status"]!.GetValue<string>().ShouldBe("ignored");

        var second = (await ExportTextAsync(app.OtherClinic)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        second.Length.ShouldBe(lines.Length);
        var before = lines[..^1].Select(l => (Text: l, Node: JsonNode.Parse(l)!)).ToDictionary(l => Key(l.Node));
        var after = second[..^1].Select(l => (Text: l, Node: JsonNode.Parse(l)!)).ToDictionary(l => Key(l.Node));
        after.Keys.Order().ShouldBe(before.Keys.Order());

        // The receiving tenant's ids, each to the one it stands for (administrations and episodes), and its receipt.
        var ids = new Dictionary<string, string>();
        foreach (var (key, (_, node)) in after)
        {
            ids[node["id"]!.GetValue<string>()] = before[key].Node["id"]!.GetValue<string>();
            ids[node["episodeId"]!.GetValue<string>()] = before[key].Node["episodeId"]!.GetValue<string>();
        }
        foreach (var (key, (text, node)) in after)
        {
            var (original, originalNode) = before[key];
            node["source"]!.GetValue<string>().ShouldBe("import");
            node["receivedAt"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThanOrEqualTo(importedAt);
            var normalised = new StringBuilder(text);
            foreach (var (mine, theirs) in ids) normalised.Replace(mine, theirs);
            normalised.Replace($"\"receivedAt\":\"{node["receivedAt"]!.GetValue<string>()}\"", $"\"receivedAt\":\"{originalNode["receivedAt"]!.GetValue<string>()}\"");
            normalised.Replace("\"source\":\"import\"", $"\"source\":\"{originalNode["source"]!.GetValue<string>()}\"");
            normalised.ToString().ShouldBe(original, key);
        }

        // Sent again, the export creates nothing: its ids are the line ids.
        Counts((await ImportAsync(app.OtherClinic, lines)).Summary).ShouldBe((0, 1246, 0, 0));
    }

    // What identifies an administration across tenants: its content (docs/bulk.md: the exact-duplicate rule).
    static string Key(JsonNode row) => string.Join('|', row["clientId"]!.GetValue<string>(), row["instrument"]!.GetValue<string>(),
        row["rater"]!.GetValue<string>(), row["administeredAt"]!.GetValue<string>());

    static async Task<string> ExportTextAsync(HttpClient admin)
    {
        var rsp = await admin.GetAsync(ApiRoutes.ExportAdministrationsPath, Ct);
        var text = await rsp.Content.ReadAsStringAsync(Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return text;
    }
}
