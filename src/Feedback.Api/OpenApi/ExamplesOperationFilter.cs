using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Feedback.Api.OpenApi;

/// <summary>Request and response examples from api.md, so an integrator sees a real exchange.</summary>
sealed class ExamplesOperationFilter : IOperationFilter
{
    const string SubmitRequest = """
        { "instrument": "PHQ-9", "administeredAt": "2026-11-20T09:15:00Z", "sessionNumber": 3,
          "clinicianId": "clin-17", "rater": "client", "items": [2, 1, 0, 3, 2, 1, 0, 2, 0] }
        """;

    const string SubmitResponse = """
        { "id": "01JDB4E3Q8W7N2M5K9X1Z0P6RT", "clientId": "c-1001", "episodeId": "01JD9ZQ4V7C1S8H2N6M3K5B0XY",
          "instrument": "PHQ-9", "rater": "client", "sessionNumber": 3, "clinicianId": "clin-17",
          "administeredAt": "2026-11-20T09:15:00Z", "receivedAt": "2026-11-20T09:15:01Z",
          "items": [2, 1, 0, 3, 2, 1, 0, 2, 0],
          "score": { "total": 11, "prorated": false, "severity": "moderate", "clinicalRange": true, "subscales": {} },
          "rulesVersion": "alerts-v1" }
        """;

    static readonly Dictionary<string, (string? Request, string? Response)> Examples = new()
    {
        ["SubmitAdministration"] = (SubmitRequest, SubmitResponse),
        ["PutClient"] = ("""{ "ageGroup": "adolescent", "clinicianId": "clin-17" }""", null),
        ["PutTenantSettings"] = ("""{ "enabledInstruments": ["PHQ-9", "GAD-7", "ORS", "SRS"] }""", null),
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is null || !Examples.TryGetValue(operation.OperationId, out var example)) return;
        if (example.Request is not null && operation.RequestBody?.Content is { } body)
            foreach (var media in body.Values.OfType<OpenApiMediaType>()) media.Example = JsonNode.Parse(example.Request);
        if (example.Response is not null && operation.Responses is not null)
            foreach (var (code, response) in operation.Responses)
                if (code.StartsWith('2') && response.Content is { } content)
                    foreach (var media in content.Values.OfType<OpenApiMediaType>()) media.Example = JsonNode.Parse(example.Response);
    }
}
