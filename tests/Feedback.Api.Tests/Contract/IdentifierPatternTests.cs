using System.Text;
using Feedback.Api.Shared;

namespace Feedback.Api.Tests.Contract;

/// <summary>
/// Every pattern in api-spec/openapi.json, with a trailing newline: "$" ends the input in the document (ECMA-262), but in
/// .NET it also matches before a final "\n" (IdPatterns). Each parameter and body property that states a pattern is sent
/// over HTTP with a valid value plus "\n" and must be a 400 (or an invalid import line) naming it; the one header
/// (Idempotency-Key) cannot carry a newline over HTTP, so the server's rule for it is checked.
/// </summary>
public sealed class IdentifierPatternTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string Ulid = "01JD0000000000000000000000";

    // A valid value of each pattern the document states; a new pattern needs one here.
    static readonly Dictionary<string, string> Samples = new()
    {
        ["^[A-Za-z0-9._:-]{1,64}$"] = "c-1",
        ["^[A-Za-z0-9._:-]{1,128}$"] = "line-1",
        ["^[0-9A-Za-z]{26}$"] = Ulid,
        ["^[0-9A-HJKMNP-TV-Z]{26}$"] = Ulid,
        ["^[0-9]{4}-[0-9]{2}-[0-9]{2}$"] = "2026-01-01",
        [@"^[\x21-\x7E]{1,128}$"] = "key-1",
    };

    sealed record Use(string Method, string Path, string In, string Name, string Pattern, string? MediaType = null)
    {
        public override string ToString() => $"{Method} {Path} {In} {Name}";
    }

    [Fact]
    public async Task Every_pattern_in_the_document_refuses_a_value_with_a_trailing_newline()
    {
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath(), Ct))!;
        var uses = Uses(doc).ToList();
        uses.Count.ShouldBe(CountPatterns(doc), "every pattern of the document is a parameter's or a request body's");
        uses.Count.ShouldBeGreaterThanOrEqualTo(44);

        var failures = new List<string>();
        foreach (var use in uses)
        {
            Samples.ShouldContainKey(use.Pattern, $"{use}: give the new pattern a valid sample");
            var sample = Samples[use.Pattern];
            // The one anchoring rule: the server's regex for the document's pattern takes the sample, not with "\n".
            IdPatterns.IsMatch(use.Pattern, sample).ShouldBeTrue(use.ToString());
            IdPatterns.IsMatch(use.Pattern, sample + "\n").ShouldBeFalse(use.ToString());
            try
            {
                await RefusedAsync(doc, use, sample + "\n");
            }
            catch (ShouldAssertException e)
            {
                failures.Add(e.Message);
            }
        }
        failures.ShouldBeEmpty(string.Join("\n\n", failures));
    }

    async Task RefusedAsync(JsonNode doc, Use use, string value)
    {
        if (use.In == "header")
        {
            use.Name.ShouldBe("Idempotency-Key");
            Feedback.Api.Recording.IdempotencyKeys.IsValid(value).ShouldBeFalse();
            return;
        }
        var url = Fill(use.Path, use.In == "path" ? use.Name : null, value);
        if (use.In == "query") url += $"?{use.Name}={Uri.EscapeDataString(value)}";
        var request = new HttpRequestMessage(new HttpMethod(use.Method.ToUpperInvariant()), url);
        if (use.In == "body" && use.MediaType == "application/x-ndjson")
        {
            var line = new Dictionary<string, object?>
            {
                ["lineId"] = "pattern-1", ["clientId"] = "pattern-c", ["instrument"] = "PHQ-9", ["administeredAt"] = DateTimeOffset.UtcNow.AddDays(-1),
                ["items"] = new[] { 1, 1, 1, 1, 1, 1, 1, 1, 0 }, [use.Name] = value,
            };
            request.Content = new StringContent(JsonSerializer.Serialize(line) + "\n", Encoding.UTF8, "application/x-ndjson");
            var rsp = await app.OtherClinic.SendAsync(request, Ct);
            var text = await rsp.Content.ReadAsStringAsync(Ct);
            rsp.StatusCode.ShouldBe(HttpStatusCode.OK, $"{use}: {text}");
            var result = JsonNode.Parse(text.Split('\n')[0])!;
            result["status"]!.GetValue<string>().ShouldBe("invalid", $"{use}: {text}");
            result["errors"]![use.Name].ShouldNotBeNull($"{use}: {text}");
            return;
        }
        if (use.In == "body")
            request.Content = new StringContent(new JsonObject { [use.Name] = value }.ToJsonString(), Encoding.UTF8, "application/json");
        else if (use.Method is "post" or "put")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json"); // a body, so that the parameter is judged
        var answer = await app.OtherClinic.SendAsync(request, Ct);
        var problem = await answer.Content.ReadAsStringAsync(Ct);
        answer.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{use}: {problem}");
        var node = JsonNode.Parse(problem)!;
        // A read or a delete of what no valid id names may be a 404 of that id (nothing is looked up under another id).
        if (answer.StatusCode == HttpStatusCode.NotFound && use.In == "path" && use.Method is "get" or "delete")
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{use}: 404");
            return;
        }
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{use}: {problem}");
        node["errors"]!.AsObject().Select(e => e.Key).ShouldContain(k => string.Equals(k, use.Name, StringComparison.OrdinalIgnoreCase), $"{use}: {problem}");
    }

    // Path parameters get a valid value (a client id, an id this API gives), the one under test the value tried.
    static string Fill(string path, string? name, string value)
    {
        var filled = new StringBuilder();
        foreach (var segment in path.Split('/'))
        {
            if (filled.Length > 0 || segment.Length > 0) filled.Append('/');
            if (!segment.StartsWith('{')) filled.Append(segment);
            else if (segment[1..^1] == name) filled.Append(Uri.EscapeDataString(value));
            else filled.Append(segment == "{clientId}" ? "c-1" : Ulid);
        }
        return filled.ToString().TrimStart('/').Insert(0, "/");
    }

    static IEnumerable<Use> Uses(JsonNode doc)
    {
        var schemas = doc["components"]!["schemas"]!.AsObject();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        foreach (var (method, op) in item!.AsObject())
        {
            foreach (var p in op!["parameters"]?.AsArray() ?? [])
                if (p!["schema"]?["pattern"] is { } pattern)
                    yield return new(method, path, p["in"]!.GetValue<string>(), p["name"]!.GetValue<string>(), pattern.GetValue<string>());
            foreach (var (mediaType, media) in op["requestBody"]?["content"]?.AsObject() ?? [])
                foreach (var (name, pattern) in Properties(media!["schema"]!, schemas, []))
                    yield return new(method, path, "body", name, pattern, mediaType);
        }
    }

    // A body's properties that state a pattern, through $ref (top-level properties: ids are never nested in a request).
    static IEnumerable<(string Name, string Pattern)> Properties(JsonNode schema, JsonObject schemas, HashSet<string> seen)
    {
        if (schema["$ref"] is { } reference)
        {
            var name = reference.GetValue<string>().Split('/')[^1];
            return seen.Add(name) ? Properties(schemas[name]!, schemas, seen) : [];
        }
        return (schema["properties"]?.AsObject() ?? []).SelectMany(p => p.Value!["pattern"] is { } pattern
            ? [(p.Key, pattern.GetValue<string>())]
            : p.Value["$ref"] is not null ? Properties(p.Value, schemas, seen) : []);
    }

    static int CountPatterns(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(p => p.Key == "pattern" && p.Value is JsonValue ? 1 : CountPatterns(p.Value)),
        JsonArray a => a.Sum(CountPatterns),
        _ => 0,
    };

    static string CommittedPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Feedback.sln"))) return Path.Combine(dir.FullName, "api-spec", "openapi.json");
        throw new InvalidOperationException("Feedback.sln not found");
    }
}
