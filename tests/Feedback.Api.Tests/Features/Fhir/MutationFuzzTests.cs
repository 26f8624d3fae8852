// Firely's model is nullable throughout; these tests read what the server must have filled in.
#nullable disable warnings
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Tests.Features.Fhir;

/// <summary>
/// interop.md 1.8 (5): 2,000 seeded mutations of valid QuestionnaireResponses (elements dropped, duplicated and retyped,
/// wrong codes, huge strings, renamed properties) get only 2xx or 4xx; each 4xx is an OperationOutcome whose expressions
/// find their node, and writes no row.
/// </summary>
public sealed class MutationFuzzTests(App app) : IClassFixture<App>
{
    const int Mutations = 2000;
    const int Seed = 20261124;

    [Fact]
    public async Task Two_thousand_mutated_responses_get_only_2xx_or_4xx_and_a_4xx_writes_nothing()
    {
        var recorder = new FhirRecorder();
        var ehr = app.ClientWithKey(app.EhrKey, recorder);
        var random = new Random(Seed);
        var seeds = new List<JsonNode>();
        foreach (var instrument in Feedback.Clinical.Instruments.Catalogue.All)
        {
            var q = await Fhir.QuestionnaireAsync(ehr, instrument.Code);
            var items = Enumerable.Range(0, instrument.ItemCount).Select(i => (decimal?)(instrument.ItemMin + i % (instrument.ItemMax - instrument.ItemMin + 1))).ToArray();
            var qr = Fhir.Response(q, "fz-seed", items, Http.Monday, 2, "Patient/fz-seed", "fz-id");
            qr.Author = new R4.ResourceReference("Practitioner/dr-9");
            qr.Encounter = new R4.ResourceReference("Encounter/e-1");
            seeds.Add(JsonNode.Parse(Fhir.Json(qr))!);
        }

        var statuses = new Dictionary<int, int>();
        for (var n = 0; n < Mutations; n++)
        {
            var body = seeds[random.Next(seeds.Count)].DeepClone();
            body["subject"]!["reference"] = $"Patient/fz-{n % 50}";
            body["identifier"]!["value"] = $"fz-{n}";
            body["authored"] = Http.Monday.AddMinutes(n).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
            var mutations = 1 + random.Next(3);
            for (var m = 0; m < mutations; m++) Mutate(body, random);
            var text = random.Next(50) == 0 ? body.ToJsonString()[..random.Next(body.ToJsonString().Length)] : body.ToJsonString();

            var before = await app.CountRowsAsync();
            var rsp = await ehr.PostAsync(text);
            var status = (int)rsp.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            status.ShouldBeInRange(200, 499, $"mutation {n}: {text[..Math.Min(text.Length, 2000)]}\n{await rsp.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            if (status >= 400)
            {
                await rsp.ShouldBeOutcomeAsync((HttpStatusCode)status);
                (await app.CountRowsAsync()).ShouldBe(before, $"mutation {n} answered {status} but wrote");
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"fhir fuzz: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}");
        statuses.Keys.ShouldContain(201);
        statuses.Keys.ShouldContain(400);
        statuses.Keys.ShouldContain(422);

        var summary = await FhirValidators.ShouldAllBeValidAsync(recorder.Exchanges);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
    }

    static readonly string[] Codes = ["LA6574-3", "LA6568-5", "asked-declined", "completed", "in-progress", "PHQ-9", "x", "", "🙂", "Patient/a_b", "\u0000"];

    static void Mutate(JsonNode root, Random random)
    {
        var nodes = new List<(JsonNode Parent, string? Name, int Index)>();
        Collect(root, nodes);
        var (parent, name, index) = nodes[random.Next(nodes.Count)];
        JsonNode? Current() => name is not null ? parent[name] : parent[index];
        void Set(JsonNode? value) { if (name is not null) parent[name] = value; else parent[index] = value; }
        switch (random.Next(9))
        {
            case 0: // drop
                if (name is not null) parent.AsObject().Remove(name); else parent.AsArray().RemoveAt(index);
                break;
            case 1: // duplicate
                if (name is not null) parent[name + (random.Next(2) == 0 ? "" : "X")] = Current()?.DeepClone(); else parent.AsArray().Add(Current()?.DeepClone());
                break;
            case 2: // retype
                Set(random.Next(6) switch
                {
                    0 => JsonValue.Create("11"), 1 => JsonValue.Create(11), 2 => JsonValue.Create(true), 3 => new JsonObject(), 4 => new JsonArray(), _ => null,
                });
                break;
            case 3: // wrong code or reference
                Set(JsonValue.Create(Codes[random.Next(Codes.Length)]));
                break;
            case 4: // huge string
                Set(JsonValue.Create(new string('é', random.Next(2) == 0 ? 5_000 : 40_000)));
                break;
            case 5: // numbers at and past the edges
                Set(JsonValue.Create(new[] { -1m, 0m, 0.05m, 3.5m, 10.1m, 1e27m, 2147483648m, 46m }[random.Next(8)]));
                break;
            case 6: // a renamed property
                if (name is not null) { var v = Current(); parent.AsObject().Remove(name); parent[name.ToUpperInvariant()] = v; }
                break;
            case 7: // another resource type or status
                root[random.Next(2) == 0 ? "resourceType" : "status"] = new[] { "Observation", "Patient", "amended", "stopped", "entered-in-error" }[random.Next(5)];
                break;
            default: // deep nesting
                Set(new JsonObject { ["linkId"] = "g", ["item"] = new JsonArray(Current()?.DeepClone() ?? JsonValue.Create(1)) });
                break;
        }
    }

    static void Collect(JsonNode node, List<(JsonNode, string?, int)> into)
    {
        if (node is JsonObject o)
            foreach (var (k, v) in o.ToList())
            {
                into.Add((o, k, -1));
                if (v is not null) Collect(v, into);
            }
        else if (node is JsonArray a)
            for (var i = 0; i < a.Count; i++)
            {
                into.Add((a, null, i));
                if (a[i] is { } child) Collect(child, into);
            }
    }
}
