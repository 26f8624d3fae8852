using Feedback.Api.Tests.Contract;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Tests.Features.Fhir;

/// <summary>
/// interop.md 1.8 (3): emitted resources through Firely strict parsing (here) and Medplum's validateResource against the R4
/// base definitions (tests/interop/validate-fhir.mjs); each 4xx expression evaluated with npm fhirpath against the
/// request it points into.
/// </summary>
static class FhirValidators
{
    public sealed record Pointer(string Name, string RequestJson, string Expression);

    /// <summary>Validates every FHIR body of the exchanges (and every expression of their 4xx answers); returns the summary line.</summary>
    public static Task<string> ShouldAllBeValidAsync(IEnumerable<FhirRecorder.Exchange> exchanges)
    {
        var fhir = exchanges.Where(e => e.MediaType == Fhir.MediaType && e.ResponseBody.Length > 0).ToList();
        var pointers = fhir.Where(e => e.Status is >= 400 and < 500 && e.RequestBody is { Length: > 0 })
            .SelectMany(e => Fhir.Parse<R4.OperationOutcome>(e.ResponseBody).Issue.SelectMany(i => i.Expression)
                .Select(x => new Pointer($"{e.Method} {e.Url} {e.Status}", e.RequestBody!, x!)))
            .ToList();
        return ShouldAllBeValidAsync(fhir.Select(e => ($"{e.Method} {e.Url} {e.Status}", e.ResponseBody)), pointers);
    }

    public static async Task<string> ShouldAllBeValidAsync(IEnumerable<(string Name, string Json)> resources, IEnumerable<Pointer> pointers)
    {
        var list = resources.ToList();
        foreach (var (name, json) in list)
            Should.NotThrow(() => Fhir.Parse<R4.Resource>(json), $"Firely strict parsing of {name}");
        var input = new JsonObject
        {
            ["resources"] = new JsonArray([.. list.Select(r => new JsonObject { ["name"] = r.Name, ["resource"] = JsonNode.Parse(r.Json) })]),
            ["expressions"] = new JsonArray([.. pointers.Select(p => new JsonObject
            {
                ["name"] = p.Name, ["resource"] = JsonNode.Parse(p.RequestJson), ["expression"] = p.Expression,
            })]),
        };
        var file = Path.Combine(Path.GetTempPath(), $"fhir-validate-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, input.ToJsonString());
        try
        {
            await Node.EnsureInstalledAsync();
            var (exit, output) = await Node.RunAsync("node", ["--experimental-websocket", "validate-fhir.mjs", file], TimeSpan.FromMinutes(5));
            exit.ShouldBe(0, output);
            return output.Trim().Split('\n')[^1];
        }
        finally
        {
            File.Delete(file);
        }
    }
}
