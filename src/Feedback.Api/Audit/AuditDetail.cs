using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Feedback.Api.Audit;

/// <summary>
/// What an answer held beyond its route and ids (an import's counts), recorded with its audit entry. Never client data:
/// counts, snapshot ids and cursors only; for a report or an export also the query it answered.
/// </summary>
static class AuditDetail
{
    const string Key = "feedback.audit-detail";

    /// <summary>The detail column's size (NVARCHAR(400) on SQL Server, migration 0013): a longer detail is never written.</summary>
    public const int MaxLength = 400;

    /// <summary>The longest query parameter name and value recorded, as the longest id (AuditMiddleware).</summary>
    const int MaxQueryText = 64;

    // The detail is stored, not served as HTML: "+02:00" stays readable rather than "\u002B02:00".
    static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Set(HttpContext ctx, string detail) => ctx.Items[Key] = detail;

    public static string? Of(HttpContext ctx) => ctx.Items.TryGetValue(Key, out var value) ? (string?)value : null;

    /// <summary>
    /// Reports and exports answer aggregates and bulk rows chosen by their query, so their entry records it: two reports
    /// a day apart, differenced, are then two entries that differ by their range. Only parameters the operation takes
    /// are recorded with their value (dates, instrument codes, pseudonymous clinician ids, cursors); any other is named
    /// with a null value (the request was refused, and its value could be anything). Within <see cref="MaxLength"/>: a
    /// query that does not fit is cut, and the detail then says <c>"queryTruncated": true</c>.
    /// </summary>
    public static string? WithQuery(HttpContext ctx, string route, string? detail)
    {
        if (!RecordsQuery(route) || ctx.Request.Query.Count == 0) return detail;
        var known = ctx.GetEndpoint()?.Metadata.GetMetadata<EndpointDefinition>() is { } definition
            ? RequestShapes.Of(definition.ReqDtoType).QueryNames
            : new HashSet<string>();
        var entry = detail is null ? new JsonObject() : JsonNode.Parse(detail) as JsonObject ?? new JsonObject { ["detail"] = detail };
        var query = new JsonObject();
        entry["query"] = query;
        foreach (var name in ctx.Request.Query.Keys.Order(StringComparer.Ordinal))
        {
            var key = Cut(name);
            query[key] = known.Contains(name) ? Cut(ctx.Request.Query[name].ToString()) : null;
            if (entry.ToJsonString(Compact).Length + ""","queryTruncated":true""".Length <= MaxLength) continue;
            query.Remove(key);
            entry["queryTruncated"] = true;
            break;
        }
        return entry.ToJsonString(Compact);
    }

    static bool RecordsQuery(string route) =>
        route.StartsWith(ApiRoutes.Reports + "/", StringComparison.Ordinal) || route.StartsWith(ApiRoutes.Export + "/", StringComparison.Ordinal);

    static string Cut(string s) => s.Length <= MaxQueryText ? s : s[..MaxQueryText];
}

/// <summary>Endpoint metadata: the answer is streamed, so the endpoint records its own audit entry before the first byte.</summary>
sealed class StreamedAnswer;
