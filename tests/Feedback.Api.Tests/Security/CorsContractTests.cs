using Feedback.Api.Tests.Features.Browsers;

namespace Feedback.Api.Tests.Security;

/// <summary>
/// A browser app on an allowed origin can call every operation the OpenAPI document describes, with every request
/// header the document names, and read every answer header it declares. The lists come from the served document, so
/// an operation or header added later is covered without editing this test.
/// </summary>
public sealed class CorsContractTests(CorsApp app) : IClassFixture<CorsApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Fetch's CORS-safelisted response headers are readable without being exposed (fetch.spec.whatwg.org).
    static readonly string[] SafelistedResponseHeaders = ["Cache-Control", "Content-Language", "Content-Length", "Content-Type", "Expires", "Last-Modified", "Pragma"];

    sealed record Operation(string Path, string Method, List<string> RequestHeaders);

    async Task<(List<Operation> Operations, List<string> ResponseHeaders)> DocumentAsync()
    {
        var doc = JsonNode.Parse(await app.Anonymous.GetStringAsync("/openapi/v1.json", Ct))!;
        var keyHeader = doc["components"]!["securitySchemes"]!.AsObject().Select(s => s.Value!["name"]!.GetValue<string>()).Single();
        var operations = new List<Operation>();
        var responseHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, item) in doc["paths"]!.AsObject())
            foreach (var (method, op) in item!.AsObject().Where(o => o.Key != "parameters"))
            {
                var headers = (op!["parameters"]?.AsArray() ?? []).Select(p => Resolve(doc, p!))
                    .Where(p => p["in"]!.GetValue<string>() == "header").Select(p => p["name"]!.GetValue<string>()).ToList();
                if (op["security"] is not JsonArray { Count: 0 }) headers.Add(keyHeader);
                if (op["requestBody"] is not null) headers.Add("Content-Type");
                operations.Add(new(Concrete(path), method.ToUpperInvariant(), headers));
                foreach (var (_, response) in op["responses"]!.AsObject())
                    foreach (var (name, _) in Resolve(doc, response!)["headers"]?.AsObject() ?? [])
                        responseHeaders.Add(name);
            }
        return (operations, responseHeaders.Where(h => !SafelistedResponseHeaders.Contains(h, StringComparer.OrdinalIgnoreCase)).Order().ToList());
    }

    static JsonNode Resolve(JsonNode doc, JsonNode node) =>
        node["$ref"]?.GetValue<string>() is { } reference
            ? reference.TrimStart('#', '/').Split('/').Aggregate(doc, (n, part) => n[part]!)
            : node;

    static string Concrete(string template) => System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", "x-1");

    [Fact]
    public async Task Every_operation_of_the_document_passes_a_preflight_with_its_headers()
    {
        var (operations, _) = await DocumentAsync();
        operations.Select(o => o.Method).Distinct().ShouldBe(["GET", "POST", "PUT", "DELETE"], ignoreOrder: true);
        operations.SelectMany(o => o.RequestHeaders).ShouldContain("If-Match");
        foreach (var op in operations)
        {
            var preflight = new HttpRequestMessage(HttpMethod.Options, op.Path)
            {
                Headers =
                {
                    { "Origin", CorsApp.CheckIn }, { "Access-Control-Request-Method", op.Method },
                    { "Access-Control-Request-Headers", string.Join(",", op.RequestHeaders.Select(h => h.ToLowerInvariant())) },
                },
            };
            var rsp = await app.Anonymous.SendAsync(preflight, Ct);
            ((int)rsp.StatusCode).ShouldBeInRange(200, 204, $"{op.Method} {op.Path}");
            rsp.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([CorsApp.CheckIn], $"{op.Method} {op.Path}");
            rsp.Headers.GetValues("Access-Control-Allow-Methods").SelectMany(v => v.Split(',')).Select(v => v.Trim())
                .ShouldContain(op.Method, $"{op.Method} {op.Path}");
            if (op.RequestHeaders.Count == 0) continue;
            var allowed = rsp.Headers.GetValues("Access-Control-Allow-Headers").SelectMany(v => v.Split(',')).Select(v => v.Trim()).ToList();
            foreach (var header in op.RequestHeaders)
                allowed.ShouldContain(a => a.Equals(header, StringComparison.OrdinalIgnoreCase), $"{op.Method} {op.Path}: {header}");
        }
    }

    [Fact]
    public async Task Every_answer_header_of_the_document_is_exposed_to_the_allowed_origin()
    {
        var (_, responseHeaders) = await DocumentAsync();
        responseHeaders.ShouldContain("ETag");
        var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.AlertsPath)
        {
            Headers = { { "Origin", CorsApp.CheckIn }, { "X-Api-Key", app.EhrKey } },
        };
        var rsp = await app.Anonymous.SendAsync(request, Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK);
        var exposed = rsp.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(v => v.Split(',')).Select(v => v.Trim()).ToList();
        foreach (var header in responseHeaders)
            exposed.ShouldContain(e => e.Equals(header, StringComparison.OrdinalIgnoreCase), header);
    }

    [Fact]
    public async Task A_preflight_for_a_delete_with_if_match_from_another_origin_is_refused()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, ApiRoutes.ClientPlanOf("x-1"))
        {
            Headers =
            {
                { "Origin", "https://evil.example" }, { "Access-Control-Request-Method", "DELETE" },
                { "Access-Control-Request-Headers", "x-api-key,if-match" },
            },
        };
        var rsp = await app.Anonymous.SendAsync(preflight, Ct);
        rsp.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        rsp.Headers.Contains("Access-Control-Allow-Methods").ShouldBeFalse();
    }
}
