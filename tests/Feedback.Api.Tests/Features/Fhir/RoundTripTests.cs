using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Tests.Features.Fhir;

/// <summary>
/// interop.md 1.8 (1): every clinical.md section 7 vector and every instrument, sent once through /v1 and once as
/// QuestionnaireResponses built from the served Questionnaire: the REST view of each FHIR administration equals the REST
/// one (items, score, feedback, alerts as they stand), and the stored response is a fixed point of normalisation.
/// </summary>
public sealed class RoundTripTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One submission: the day after Http.Monday, the rater (REST name) and, for REST only, the scored convention.</summary>
    public sealed record Step(string Instrument, decimal?[] Items, int Day, int? Session, string Rater = "client", decimal?[]? ScoredForRest = null);

    static Step[] Seq(params Step[] steps) => steps;
    static decimal?[] D(params double?[] v) => [.. v.Select(x => x is null ? (decimal?)null : (decimal)x.Value)];
    static decimal?[] Rep(double v, int n) => [.. Enumerable.Repeat<decimal?>((decimal)v, n)];

    // clinical.md section 7, in its order, then one vector per instrument it does not name. The last number is the total
    // of the last step by the spec's arithmetic (an independent check on top of REST = FHIR).
    public static TheoryData<string, Step[], decimal> Vectors => new()
    {
        { "phq9-14", Seq(new Step("PHQ-9", D(2, 2, 2, 2, 2, 2, 1, 1, 0), 0, 1)), 14m },
        { "phq9-25-risk", Seq(new Step("PHQ-9", D(3, 3, 3, 3, 3, 3, 3, 3, 1), 0, 1)), 25m },
        { "phq9-item9-unanswered", Seq(new Step("PHQ-9", D(0, 0, 0, 0, 0, 0, 0, 0, null), 0, 1)), 0m },
        { "core10-7", Seq(new Step("CORE-10", D(1, 4, 4, 1, 1, 0, 1, 1, 1, 1), 0, 1)), 7m },
        { "oq452-36", Seq(new Step("OQ-45.2", Rep(0, 45), 0, 1)), 36m },
        { "ors-20.7", Seq(new Step("ORS", D(5.2, 6.0, 4.4, 5.1), 0, 1)), 20.7m },
        { "phq9-off-track", Seq(new Step("PHQ-9", D(3, 3, 3, 3, 2, 2, 2, 2, 0), 0, 1), new Step("PHQ-9", D(3, 3, 2, 2, 2, 2, 2, 2, 0), 49, 8)), 18m },
        { "phq9-on-track", Seq(new Step("PHQ-9", D(3, 3, 3, 3, 2, 2, 2, 2, 0), 0, 1), new Step("PHQ-9", D(2, 2, 2, 2, 2, 1, 1, 1, 0), 7, 2)), 13m },
        { "srs-36.6", Seq(new Step("SRS", D(9.5, 9.0, 8.5, 9.6), 0, 1)), 36.6m },
        { "ors-deterioration", Seq(new Step("ORS", D(8.1, 8.1, 8.1, 8.0), 0, 1), new Step("ORS", D(6.8, 6.8, 6.8, 6.9), 7, 2)), 27.3m },
        { "ors-25.0", Seq(new Step("ORS", D(6.3, 6.2, 6.3, 6.2), 0, 1)), 25.0m },
        { "cors-child-target", Seq(new Step("CORS", D(6.8, 6.8, 6.7, 6.7), 0, 1), new Step("CORS", D(6.8, 6.8, 6.7, 6.7), 133, 20)), 27.0m },
        { "oq452-scored", Seq(new Step("OQ-45.2", Rep(0, 45), 0, 1, ScoredForRest: [.. Enumerable.Range(1, 45).Select(i => (decimal?)(new[] { 1, 12, 13, 20, 21, 24, 31, 37, 43 }.Contains(i) ? 4 : 0))])), 36m },
        { "core10-scored", Seq(new Step("CORE-10", D(1, 4, 4, 1, 1, 0, 1, 1, 1, 1), 0, 1, ScoredForRest: D(1, 0, 0, 1, 1, 0, 1, 1, 1, 1))), 7m },
        { "ors-alert-families", Seq(
            new Step("ORS", D(8.1, 8.1, 8.1, 8.0), 0, 1), new Step("ORS", D(6.8, 6.8, 6.8, 6.9), 21, 4),
            new Step("ORS", D(8.1, 8.1, 8.1, 8.0), 0, 1, "caregiver"), new Step("ORS", D(6.8, 6.8, 6.8, 6.9), 21, 4, "caregiver"),
            new Step("ORS", D(6.8, 6.8, 6.8, 6.9), 14, 3), new Step("ORS", D(8.1, 8.1, 8.1, 8.0), 28, 5)), 32.3m },
        { "srs-normal-drop", Seq(new Step("SRS", D(9.3, 9.2, 9.3, 9.2), 0, 1), new Step("SRS", D(9, 9, 9, 9), 7, 2)), 36.0m },
        { "srs-high-drop", Seq(new Step("SRS", D(9.3, 9.2, 9.3, 9.2), 0, 1), new Step("SRS", D(8, 8, 8, 8), 7, 2)), 32.0m },
        { "who5-low-item", Seq(new Step("WHO-5", D(4, 4, 4, 4, 1), 0, 1)), 68m },
        { "phq9-stale-episode", Seq(new Step("PHQ-9", D(2, 2, 2, 2, 2, 2, 1, 1, 0), 0, 1), new Step("PHQ-9", D(2, 2, 2, 2, 2, 2, 1, 1, 0), 147, null)), 14m },
        { "gad7", Seq(new Step("GAD-7", D(1, 2, 3, 0, 1, 2, 3), 0, 1)), 12m },
        { "csrs", Seq(new Step("CSRS", D(9.1, 8.7, 9.9, 7.5), 0, 1)), 35.2m },
        { "wai-sr-client-and-therapist", Seq(new Step("WAI-SR", D(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, null), 0, 1),
            new Step("WAI-SR", D(5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 4), 0, 1, "therapist")), 54m },
        { "srs-rupture", Seq(new Step("SRS", D(9.5, 9.5, 9.5, 9.5), 0, 1), new Step("SRS", D(9.5, 9.5, 9.5, 9.5), 7, 2), new Step("SRS", D(9.5, 9.5, 9.5, 9.5), 14, 3),
            new Step("SRS", D(8.5, 8.5, 8.5, 8.5), 21, 4), new Step("SRS", D(9.5, 9.5, 9.5, 9.5), 28, 5)), 38.0m },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task A_vector_sent_as_QuestionnaireResponses_reads_back_as_the_same_administrations_as_over_rest(string name, Step[] steps, decimal lastTotal)
    {
        var (restClient, fhirClient) = ($"rt-rest-{name}", $"rt-fhir-{name}");
        var restIds = new List<string>();
        var fhirIds = new List<string>();
        foreach (var step in steps)
        {
            var at = Http.Monday.AddDays(step.Day).AddHours(steps.Count(s => s.Day == step.Day && s.Rater != step.Rater && Array.IndexOf(steps, s) < Array.IndexOf(steps, step)));
            var rest = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(restClient), new
            {
                instrument = step.Instrument, administeredAt = at, sessionNumber = step.Session, rater = step.Rater,
                itemConvention = step.ScoredForRest is null ? "response" : "scored", items = step.ScoredForRest ?? step.Items,
            }, Ct);
            rest.StatusCode.ShouldBe(HttpStatusCode.Created, await rest.Content.ReadAsStringAsync(Ct));
            restIds.Add((await rest.BodyAsync())["id"]!.GetValue<string>());

            var q = await Fhir.QuestionnaireAsync(app.Ehr, step.Instrument);
            var source = step.Rater switch { "therapist" => "Practitioner/dr-1", "caregiver" => "RelatedPerson/parent-1", _ => $"Patient/{fhirClient}" };
            var created = await app.Ehr.PostAsync(Fhir.Response(q, fhirClient, step.Items, at, step.Session, source, $"{name}-{fhirIds.Count}"));
            var stored = await created.ShouldBeResourceAsync<R4.QuestionnaireResponse>(HttpStatusCode.Created);
            fhirIds.Add(Fhir.IdOf(created));
            stored.Id.ShouldBe(fhirIds[^1]);
        }

        for (var i = 0; i < steps.Length; i++)
        {
            var restView = await ViewAsync(restClient, restIds[i]);
            var fhirView = await ViewAsync(fhirClient, fhirIds[i]);
            Comparable(fhirView, fhirClient).ShouldBe(Comparable(restView, restClient), $"{name} step {i + 1}");
            (fhirView["source"]!.GetValue<string>(), restView["source"]!.GetValue<string>()).ShouldBe(("fhir", "api"));
        }
        (await ViewAsync(fhirClient, fhirIds[^1]))["score"]!["total"]!.GetValue<decimal>().ShouldBe(lastTotal);

        // Normalisation is a fixed point: the stored response sent again with a new identifier is the same administration
        // (the exact-duplicate rule names it), and sent for a minute later it stores the same items.
        var normal = await app.Ehr.GetAsync<R4.QuestionnaireResponse>($"{Fhir.Base}/QuestionnaireResponse/{fhirIds[^1]}");
        normal.Identifier = new R4.Identifier("urn:test", $"{name}-again");
        var again = await app.Ehr.PostAsync(normal);
        (await again.ShouldBeOutcomeAsync(HttpStatusCode.Conflict)).Issue[0].Diagnostics!.ShouldContain(fhirIds[^1]);
        normal.Authored = DateTimeOffset.Parse(normal.Authored!).AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var later = await (await app.Ehr.PostAsync(normal)).ShouldBeResourceAsync<R4.QuestionnaireResponse>(HttpStatusCode.Created);
        Fhir.Json(new R4.QuestionnaireResponse { Item = later.Item }).ShouldBe(Fhir.Json(new R4.QuestionnaireResponse { Item = normal.Item }));
        (await ViewAsync(fhirClient, later.Id!))["items"]!.ToJsonString().ShouldBe((await ViewAsync(fhirClient, fhirIds[^1]))["items"]!.ToJsonString());
    }

    async Task<JsonNode> ViewAsync(string clientId, string id)
    {
        var rsp = await app.Ehr.GetAsync(ApiRoutes.AdministrationOf(clientId, id), Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await rsp.BodyAsync();
    }

    // Everything but what names this client or this row: ids, the client, the receipt time; the rest must be equal.
    static string Comparable(JsonNode view, string clientId)
    {
        var copy = view.DeepClone().AsObject();
        // Where it came from differs by design (api, fhir); RoundTripTests checks it apart.
        foreach (var name in new[] { "id", "clientId", "episodeId", "episode", "receivedAt", "clinicianId", "source" }) copy.Remove(name);
        copy["feedback"]?["rupture"]?.AsObject().Remove("sinceAdministrationId");
        foreach (var alert in copy["alerts"]!.AsArray())
            foreach (var name in new[] { "id", "administrationId", "clientId", "episodeId", "createdAt", "resolvedAt", "resolvedByAdministrationId" })
                alert!.AsObject().Remove(name);
        // Alerts of one priority are listed by id, and ids are generated per row: compared in a fixed order.
        var alerts = copy["alerts"]!.AsArray().Select(a => a!.ToJsonString()).Order(StringComparer.Ordinal).ToList();
        copy["alerts"] = new JsonArray([.. alerts.Select(a => JsonNode.Parse(a))]);
        copy["episodeOpened"] = view["episode"]!["opened"]!.GetValue<bool>() + "/" + view["episode"]!["reason"];
        return copy.ToJsonString().Replace(clientId, "<client>");
    }
}
