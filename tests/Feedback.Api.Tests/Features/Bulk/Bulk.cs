using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Features.Bulk;

/// <summary>Import and export over HTTP as an integrator calls them: NDJSON in, NDJSON or CSV out.</summary>
static class Bulk
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Runs a statement on the service's database in its own transaction (another instance's lease, an expiry).</summary>
    public static async Task SqlAsync(App app, string sql)
    {
        await using var s = await app.Services.GetRequiredService<Feedback.Data.Connections.Database>().BeginAsync(Ct);
        await using var cmd = s.Connection.CreateCommand();
        cmd.Transaction = (System.Data.Common.DbTransaction)s.Transaction!;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(Ct);
        await s.CommitAsync(Ct);
    }

    public static StringContent Ndjson(IEnumerable<object> lines) =>
        new(string.Join("\n", lines.Select(l => l as string ?? JsonSerializer.Serialize(l))) + "\n", Encoding.UTF8, "application/x-ndjson");

    /// <summary>An import line: the submit body plus lineId and clientId (and whatever else a test adds).</summary>
    public static Dictionary<string, object?> Line(string lineId, string clientId, string instrument, decimal?[] items, DateTimeOffset at,
        int? session = null, string? rater = null) => new()
    {
        ["lineId"] = lineId, ["clientId"] = clientId, ["instrument"] = instrument, ["administeredAt"] = at, ["sessionNumber"] = session,
        ["rater"] = rater, ["items"] = items,
    };

    public sealed record Imported(List<JsonNode> Results, JsonNode Summary);

    public static async Task<Imported> ImportAsync(HttpClient admin, IEnumerable<object> lines)
    {
        var rsp = await admin.PostAsync(ApiRoutes.ImportAdministrationsPath, Ndjson(lines), Ct);
        var text = await rsp.Content.ReadAsStringAsync(Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        rsp.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        var parsed = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        parsed[^1]["type"]!.GetValue<string>().ShouldBe("summary");
        return new(parsed[..^1], parsed[^1]);
    }

    public static (int Created, int Duplicate, int Conflict, int Invalid) Counts(JsonNode summary) => (
        summary["created"]!.GetValue<int>(), summary["duplicate"]!.GetValue<int>(), summary["conflict"]!.GetValue<int>(), summary["invalid"]!.GetValue<int>());

    public sealed record Exported(List<JsonNode> Rows, JsonNode? End, string? Snapshot);

    /// <summary>An NDJSON export: its administration lines, its end line (null when cut off) and its snapshot header.</summary>
    public static async Task<Exported> ExportAsync(HttpClient admin, string query = "")
    {
        var rsp = await admin.GetAsync(ApiRoutes.ExportAdministrationsPath + query, HttpCompletionOption.ResponseHeadersRead, Ct);
        var text = await rsp.Content.ReadAsStringAsync(Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        rsp.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var end = lines.Count > 0 && lines[^1]["type"]!.GetValue<string>() == "end" ? lines[^1] : null;
        var rows = end is null ? lines : lines[..^1];
        rows.ShouldAllBe(r => r["type"]!.GetValue<string>() == "administration");
        return new(rows, end, rsp.Headers.TryGetValues("X-Export-Snapshot", out var s) ? s.Single() : null);
    }

    // 1,234 administrations (past two batch boundaries) of 40 clients: PHQ-9, GAD-7, ORS with decimals, SRS by client and
    // caregiver, imported; and 6 live ones, some with a clinician.
    public static async Task<int> SeedAsync(App app, string prefix)
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
}
