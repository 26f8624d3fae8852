using System.Text;

namespace Feedback.Api.Tests.Features.Bulk;

/// <summary>Import and export over HTTP as an integrator calls them: NDJSON in, NDJSON or CSV out.</summary>
static class Bulk
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

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
}
