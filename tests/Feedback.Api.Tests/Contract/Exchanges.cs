using System.Collections.Concurrent;
using System.Text.Json;

namespace Feedback.Api.Tests.Contract;

/// <summary>One answer as the client saw it, with the document's path template it was sent to.</summary>
public sealed record Exchange(string Method, string Path, int Status, string? ContentType, Dictionary<string, string> Headers, JsonNode? Body);

/// <summary>Records every exchange of the clients it makes handlers for, for a check of the answers against the document.</summary>
public sealed class ExchangeRecorder
{
    readonly ConcurrentQueue<Exchange> recorded = new();
    static readonly string[] Templates = OpenApiDocument.PathTemplates();

    public IReadOnlyCollection<Exchange> Recorded => recorded;

    /// <summary>A handler for one HttpClient (a handler belongs to one pipeline) that records into this recorder.</summary>
    public DelegatingHandler NewHandler() => new Recording(this);

    sealed class Recording(ExchangeRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var response = await base.SendAsync(request, ct);
            await recorder.RecordAsync(request, response, ct);
            return response;
        }
    }

    async Task RecordAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        // NDJSON (the export, the import's answer): the lines as an array, each checked against the line schema.
        var body = mediaType == "application/x-ndjson"
                   ? new JsonArray([.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l))])
                   : mediaType is not null && mediaType.EndsWith("json") && text.Length > 0 ? JsonNode.Parse(text)
                   : text.Length > 0 ? JsonValue.Create(text) : null;
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value));
        recorded.Enqueue(new Exchange(request.Method.Method, TemplateOf(request.RequestUri!.AbsolutePath), (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(), headers, body));
    }

    /// <summary>The document's template for a concrete path: the one with the most literal segments that matches.</summary>
    public static string TemplateOf(string path)
    {
        var segments = path.Split('/');
        return Templates
            .Select(t => (Template: t, Parts: t.Split('/')))
            .Where(t => t.Parts.Length == segments.Length && t.Parts.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second))
            .OrderByDescending(t => t.Parts.Count(p => !p.StartsWith('{')))
            .Select(t => t.Template)
            .FirstOrDefault() ?? path;
    }

    public async Task<string> SaveAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"feedback-exchanges-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(recorded.ToArray(), new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        return file;
    }
}

/// <summary>The committed document, api-spec/openapi.json.</summary>
public static class OpenApiDocument
{
    public static string Path => System.IO.Path.Combine(Repo.Root, "api-spec", "openapi.json");

    public static string[] PathTemplates() =>
        [.. JsonNode.Parse(File.ReadAllText(Path))!["paths"]!.AsObject().Select(p => p.Key)];
}

public static class Repo
{
    public static string Root { get; } = Find();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Feedback.sln"))) return dir.FullName;
        throw new InvalidOperationException("Feedback.sln not found");
    }
}
