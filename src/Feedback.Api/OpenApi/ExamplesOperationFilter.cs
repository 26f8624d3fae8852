using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Feedback.Api.OpenApi;

/// <summary>Request and response examples from api.md, so an integrator sees a real exchange, feedback and alerts included.</summary>
sealed class ExamplesOperationFilter : IOperationFilter
{
    const string SubmitRequest = """
        { "instrument": "PHQ-9", "administeredAt": "2026-11-20T09:15:00Z", "sessionNumber": 8,
          "clinicianId": "clin-17", "rater": "client", "itemConvention": "response", "items": [2, 2, 2, 2, 2, 2, 2, 3, 1] }
        """;

    const string OutcomeResponse = """
        { "id": "01JDB4E3Q8W7N2M5K9X1Z0P6RT", "clientId": "c-1001", "episodeId": "01JD9ZQ4V7C1S8H2N6M3K5B0XY",
          "episode": { "id": "01JD9ZQ4V7C1S8H2N6M3K5B0XY", "opened": false, "reason": null },
          "instrument": "PHQ-9", "rater": "client", "sessionNumber": 8, "clinicianId": "clin-17",
          "administeredAt": "2026-11-20T09:15:00Z", "receivedAt": "2026-11-20T09:15:01Z",
          "items": [2, 2, 2, 2, 2, 2, 2, 3, 1], "ageGroup": "adult",
          "score": { "total": 18, "prorated": false, "severity": "moderately_severe", "clinicalRange": true, "subscales": {} },
          "feedback": { "kind": "outcome", "intakeScore": 20, "intakeProrated": false, "changeFromIntake": -2, "reliableChange": "unchanged",
                        "recovered": false,
                        "expected": { "model": "power-decay-v1.1", "session": 8, "score": 11.5, "atRisk": 14.5, "offTrack": 17.5 },
                        "deviation": 6.6, "status": "off_track" },
          "alerts": [
            { "id": "01JDB4E3QA1B2C3D4E5F6G7H8J", "clientId": "c-1001", "episodeId": "01JD9ZQ4V7C1S8H2N6M3K5B0XY",
              "administrationId": "01JDB4E3Q8W7N2M5K9X1Z0P6RT", "instrument": "PHQ-9", "rater": "client", "kind": "off_track",
              "priority": "high", "item": null,
              "message": "PHQ-9 18 at clinic session 8 is off track: 6.6 worse than expected (11.5); one reliable change is 6.", "status": "open",
              "createdAt": "2026-11-20T09:15:01Z", "acknowledgedAt": null, "acknowledgedBy": null, "note": null,
              "resolvedAt": null, "resolvedByAdministrationId": null, "rulesVersion": "alerts-v1.2", "imported": false, "resolvedReason": null,
              "sessionNumber": 8, "administrationOrdinal": 6, "reasons": [],
              "suggestions": [
                { "code": "safety_check", "text": "A self-harm item was endorsed or left unanswered recently: review risk and the safety plan first." },
                { "code": "review_plan", "text": "Review the plan together: are the goals still the client's own, does the method fit, are the frequency and length of sessions right?" },
                { "code": "check_motivation", "text": "Explore the client's readiness and hopes for change now; mixed feelings are common when progress stalls." },
                { "code": "check_social_support", "text": "Ask about support and stress outside therapy: relationships, recent life events, practical pressures." },
                { "code": "consider_referral_or_medication_review", "text": "If the review does not lead to change, consider a medication review, a consultation, or a different service or intensity." }
              ],
              "suggestionsVersion": "support-v1" },
            { "id": "01JDB4E3QB1B2C3D4E5F6G7H8K", "clientId": "c-1001", "episodeId": "01JD9ZQ4V7C1S8H2N6M3K5B0XY",
              "administrationId": "01JDB4E3Q8W7N2M5K9X1Z0P6RT", "instrument": "PHQ-9", "rater": "client", "kind": "risk_item",
              "priority": "high", "item": 9, "message": "PHQ-9 item 9 (thoughts of death or self-harm) answered 1 of 3.", "status": "open",
              "createdAt": "2026-11-20T09:15:01Z", "acknowledgedAt": null, "acknowledgedBy": null, "note": null,
              "resolvedAt": null, "resolvedByAdministrationId": null, "rulesVersion": "alerts-v1.2", "imported": false, "resolvedReason": null,
              "sessionNumber": 8, "administrationOrdinal": 6, "reasons": [], "suggestions": null, "suggestionsVersion": null }
          ],
          "model": "power-decay-v1.1", "rulesVersion": "alerts-v1.2", "source": "api" }
        """;

    const string AllianceResponse = """
        { "id": "01JDB4F0K2M4P6R8T0V2X4Z6B8", "clientId": "c-1001", "episodeId": "01JD9ZQ4V7C1S8H2N6M3K5B0XY",
          "episode": { "id": "01JD9ZQ4V7C1S8H2N6M3K5B0XY", "opened": false, "reason": null },
          "instrument": "SRS", "rater": "client", "sessionNumber": 2, "clinicianId": "clin-17",
          "administeredAt": "2026-11-20T10:05:00Z", "receivedAt": "2026-11-20T10:05:02Z",
          "items": [8.1, 8.0, 7.9, 8.2], "ageGroup": "adult",
          "score": { "total": 32.2, "prorated": false, "severity": null, "clinicalRange": null, "subscales": {} },
          "feedback": { "kind": "alliance", "previousScore": 38.1, "changeFromPrevious": -5.9, "concern": true,
                        "reasons": ["below_cutoff", "item_below_9", "drop"] },
          "alerts": [
            { "id": "01JDB4F0K3M4P6R8T0V2X4Z6B9", "clientId": "c-1001", "episodeId": "01JD9ZQ4V7C1S8H2N6M3K5B0XY",
              "administrationId": "01JDB4F0K2M4P6R8T0V2X4Z6B8", "instrument": "SRS", "rater": "client", "kind": "alliance_concern",
              "priority": "high", "item": null,
              "message": "SRS 32.2 at clinic session 2: at or below 36; an item below 9; fell 5.9 since last time. Talk about how the work together is going.",
              "status": "open", "createdAt": "2026-11-20T10:05:02Z", "acknowledgedAt": null, "acknowledgedBy": null, "note": null,
              "resolvedAt": null, "resolvedByAdministrationId": null, "rulesVersion": "alliance-v2.1", "imported": false, "resolvedReason": null,
              "sessionNumber": 2, "administrationOrdinal": 2, "reasons": ["below_cutoff", "item_below_9", "drop"], "suggestions": null,
              "suggestionsVersion": null }
          ],
          "model": null, "rulesVersion": "alliance-v2.1", "source": "api" }
        """;

    static readonly Dictionary<string, (string? Request, (string Name, string Json)[] Responses)> Examples = new()
    {
        ["SubmitAdministration"] = (SubmitRequest, [("outcome", OutcomeResponse), ("alliance", AllianceResponse)]),
        ["PutClient"] = ("""{ "ageGroup": "adolescent", "clinicianId": "clin-17" }""", []),
        ["PutTenantSettings"] = ("""{ "enabledInstruments": ["PHQ-9", "GAD-7", "ORS", "SRS"], "staleEpisodeDays": 90 }""", []),
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is null || !Examples.TryGetValue(operation.OperationId, out var example)) return;
        if (example.Request is not null && operation.RequestBody?.Content is { } body)
            foreach (var media in body.Values.OfType<OpenApiMediaType>()) media.Example = JsonNode.Parse(example.Request);
        if (example.Responses.Length == 0 || operation.Responses is null) return;
        foreach (var (code, response) in operation.Responses)
            if (code.StartsWith('2') && response.Content is { } content)
                foreach (var media in content.Values.OfType<OpenApiMediaType>())
                    media.Examples = example.Responses.ToDictionary(r => r.Name,
                        r => (IOpenApiExample)new OpenApiExample { Summary = $"An {r.Name} instrument", Value = JsonNode.Parse(r.Json) });
    }
}
