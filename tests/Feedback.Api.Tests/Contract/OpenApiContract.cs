namespace Feedback.Api.Tests.Contract;

/// <summary>api-spec/openapi.json is the committed contract: it must equal what the running service serves.</summary>
public sealed class OpenApiContract(App app) : IClassFixture<App>
{
    const string UpdateVariable = "FEEDBACK_UPDATE_OPENAPI";

    static string CommittedPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Feedback.sln"))) return Path.Combine(dir.FullName, "api-spec", "openapi.json");
        throw new InvalidOperationException("Feedback.sln not found");
    }

    static string Normalise(string json) => JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    [Fact]
    public async Task The_committed_document_equals_the_served_one()
    {
        var served = Normalise(await app.Anonymous.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var path = CommittedPath();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            await File.WriteAllTextAsync(path, served, TestContext.Current.CancellationToken);
        File.Exists(path).ShouldBeTrue($"{path} is missing. Regenerate: {UpdateVariable}=1 dotnet test Feedback.sln");
        var committed = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        committed.ShouldBe(served, $"api-spec/openapi.json differs from the served document. If the change is intended, regenerate it: {UpdateVariable}=1 dotnet test Feedback.sln");
    }

    [Fact]
    public async Task Every_operation_has_an_id_the_key_requirement_and_problem_answers()
    {
        var doc = JsonNode.Parse(await app.Anonymous.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;
        doc["components"]!["securitySchemes"]!["ApiKey"]!["name"]!.GetValue<string>().ShouldBe("X-Api-Key");
        foreach (var (path, item) in doc["paths"]!.AsObject())
        foreach (var (method, op) in item!.AsObject())
        {
            op!["operationId"].ShouldNotBeNull($"{method} {path}");
            op["security"]!.AsArray().Count.ShouldBe(1);
            op["responses"]!["401"]!["content"]!["application/problem+json"].ShouldNotBeNull();
            foreach (var name in path.Split('/').Where(s => s.StartsWith('{')))
                op["parameters"]!.AsArray().ShouldContain(p => "{" + p!["name"]!.GetValue<string>() + "}" == name && p["in"]!.GetValue<string>() == "path");
        }
    }

    [Fact]
    public async Task The_docs_page_is_served()
    {
        var rsp = await app.Anonymous.GetAsync("/docs/index.html", TestContext.Current.CancellationToken);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await rsp.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("swagger", Case.Insensitive);
    }
}
