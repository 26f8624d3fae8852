namespace Feedback.Api.Tests.Contract;

/// <summary>
/// Every limit the document states for a query parameter (minimum, maximum, enum, pattern, maxLength, required) is one the
/// service enforces: a value just outside it is a 400 naming that parameter. Written from the document, not the code.
/// </summary>
public sealed class DocumentedConstraints(App app) : IClassFixture<App>
{
    public sealed record Case(string Method, string Path, string Parameter, string? Value)
    {
        public override string ToString() => $"{Method} {Path} {Parameter}={Value ?? "(absent)"}";
    }

    static readonly JsonNode Document = JsonNode.Parse(File.ReadAllText(OpenApiDocument.Path))!;

    public static TheoryData<Case> Cases()
    {
        var cases = new TheoryData<Case>();
        foreach (var (path, item) in Document["paths"]!.AsObject())
        foreach (var (method, op) in item!.AsObject())
        foreach (var p in op!["parameters"]?.AsArray() ?? [])
        {
            if (p!["in"]!.GetValue<string>() != "query") continue;
            var name = p["name"]!.GetValue<string>();
            var schema = Resolve(p["schema"]!);
            if (p["required"]?.GetValue<bool>() == true) cases.Add(new Case(method.ToUpperInvariant(), path, name, null));
            if (schema["minimum"] is { } min) cases.Add(new Case(method.ToUpperInvariant(), path, name, (min.GetValue<int>() - 1).ToString()));
            if (schema["maximum"] is { } max) cases.Add(new Case(method.ToUpperInvariant(), path, name, (max.GetValue<int>() + 1).ToString()));
            if (schema["enum"] is not null) cases.Add(new Case(method.ToUpperInvariant(), path, name, "not-a-listed-value"));
            if (schema["pattern"] is not null) cases.Add(new Case(method.ToUpperInvariant(), path, name, "no spaces or !"));
            if (schema["maxLength"] is { } length) cases.Add(new Case(method.ToUpperInvariant(), path, name, new string('a', length.GetValue<int>() + 1)));
        }
        return cases;
    }

    static JsonNode Resolve(JsonNode schema) =>
        schema["allOf"]?[0]?["$ref"]?.GetValue<string>() is { } reference
            ? Document["components"]!["schemas"]![reference.Split('/')[^1]]!
            : schema;

    [Theory, MemberData(nameof(Cases))]
    public async Task A_value_outside_a_documented_limit_is_a_400_naming_the_parameter(Case c)
    {
        var path = c.Path.Replace("{clientId}", "dc-1");
        var query = new List<string>();
        if (c.Parameter != "instrument" && Document["paths"]![c.Path]![c.Method.ToLowerInvariant()]!["parameters"]!.AsArray()
                .Any(p => p!["name"]!.GetValue<string>() == "instrument" && p["required"]?.GetValue<bool>() == true))
            query.Add("instrument=PHQ-9");
        if (c.Value is not null) query.Add($"{c.Parameter}={Uri.EscapeDataString(c.Value)}");
        var client = c.Path == ApiRoutes.AuditLogPath || c.Path == ApiRoutes.ExportAdministrationsPath || c.Path.StartsWith(ApiRoutes.WebhookEndpointsPath, StringComparison.Ordinal) ? app.Admin : app.Ehr;
        var rsp = await client.GetAsync(path + (query.Count > 0 ? "?" + string.Join('&', query) : ""), TestContext.Current.CancellationToken);
        var problem = await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain(k => string.Equals(k, c.Parameter, StringComparison.OrdinalIgnoreCase), c.ToString());
    }
}
