// Firely's model is nullable throughout; these tests read what the server must have filled in.
#nullable disable warnings
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Tests.Features.Fhir;

/// <summary>
/// interop.md 1.8 (3): every kind of resource the facade emits (the CapabilityStatement and the SearchParameter it points at, the Questionnaires, stored
/// responses of every instrument and rater, their Observations with feedback and subscales, Flags open and acknowledged,
/// searchset Bundles, and OperationOutcomes) passes Firely strict parsing and Medplum's validateResource.
/// </summary>
public sealed class EmittedResourcesTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_resource_the_facade_emits_passes_both_validators()
    {
        var recorder = new FhirRecorder();
        var ehr = app.ClientWithKey(app.EhrKey, recorder);
        await ehr.GetAsync($"{Fhir.Base}/metadata", Ct);
        await ehr.GetAsync($"{Fhir.Base}/SearchParameter/Flag-status", Ct);
        var bundle = await ehr.GetAsync<R4.Bundle>($"{Fhir.Base}/Questionnaire");
        bundle.Entry.Count.ShouldBe(Feedback.Clinical.Instruments.Catalogue.All.Count);

        const string client = "em-1";
        var day = 0;
        foreach (var instrument in Feedback.Clinical.Instruments.Catalogue.All)
        {
            // Read here, not through Fhir.QuestionnaireAsync's cache: this test's recorder must see every Questionnaire.
            var q = await ehr.GetAsync<R4.Questionnaire>($"{Fhir.Base}/Questionnaire/{instrument.Code}");
            await ehr.GetAsync($"{Fhir.Base}/Questionnaire?url={Uri.EscapeDataString(q.Url)}|1", Ct);
            // Two ratings per instrument, the second lower (alliance concerns, outcome changes, risk items), and a
            // therapist or caregiver form where the instrument has one.
            for (var session = 1; session <= 2; session++)
            {
                var value = session == 1 ? instrument.ItemMax : instrument.ItemMin + (instrument.ItemMax - instrument.ItemMin) / 2m;
                var items = Enumerable.Repeat<decimal?>(decimal.Round(value, instrument.Decimals), instrument.ItemCount).ToArray();
                var source = instrument.HasTherapistForm && session == 2 ? "Practitioner/dr-1" : instrument.Decimals > 0 && session == 2 ? "RelatedPerson/p-1" : null;
                var rsp = await ehr.PostAsync(Fhir.Response(q, client, items, Http.Monday.AddDays(day++), session, source, $"em-{instrument.Code}-{session}"));
                rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
                var id = Fhir.IdOf(rsp);
                await ehr.GetAsync($"{Fhir.Base}/QuestionnaireResponse/{id}", Ct);
                await ehr.GetAsync($"{Fhir.Base}/Observation?derived-from=QuestionnaireResponse/{id}", Ct);
                await ehr.GetAsync($"{Fhir.Base}/Observation/{id}-total", Ct);
            }
        }
        await ehr.GetAsync($"{Fhir.Base}/QuestionnaireResponse?subject={client}&_count=3", Ct);
        var observations = await ehr.GetAsync<R4.Bundle>($"{Fhir.Base}/Observation?subject={client}&_count=200");
        observations.Entry.Count.ShouldBe(Feedback.Clinical.Instruments.Catalogue.All.Sum(i => 2 * (1 + i.Subscales.Count)));
        await ehr.GetAsync($"{Fhir.Base}/Observation?subject={client}&_count=5", Ct);
        var flags = await ehr.GetAsync<R4.Bundle>($"{Fhir.Base}/Flag?subject={client}&_count=2");
        flags.Entry.ShouldNotBeEmpty();
        (await app.Reader.PostAsJsonAsync(ApiRoutes.AcknowledgeAlertOf(flags.Entry[0].Resource.Id), new { by = "dr-1", note = "called the client" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await ehr.GetAsync($"{Fhir.Base}/Flag/{flags.Entry[0].Resource.Id}", Ct);
        await ehr.GetAsync($"{Fhir.Base}/Flag?status=inactive", Ct);
        // v1.2: a no_change alert's Flag carries its place, session and support-v1 suggestions (sub-extensions of the alert extension)
        const string stuck = "em-stuck";
        foreach (var session in new[] { 1, 4 })
            (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(stuck), Http.Phq9([2, 1, 1, 1, 1, 1, 1, 1, 1], Http.Monday.AddDays(7 * session), session), Ct))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        var stuckFlags = await ehr.GetAsync<R4.Bundle>($"{Fhir.Base}/Flag?subject={stuck}");
        var noChange = stuckFlags.Entry.Select(e => (R4.Flag)e.Resource).Single(f => f.Code.Coding[0].Code == "no_change");
        var alertExtension = noChange.Extension.Single(e => e.Url.EndsWith("/StructureDefinition/alert"));
        alertExtension.Extension.Where(e => e.Url == "suggestion").Select(e => ((R4.Coding)e.Value).Code)
            .ShouldBe(["safety_check", "ask_about_alliance", "review_plan", "check_motivation", "check_social_support"]);
        ((R4.Coding)alertExtension.Extension.First(e => e.Url == "suggestion").Value).Display.ShouldStartWith("A self-harm item was endorsed");
        ((R4.FhirString)alertExtension.Extension.Single(e => e.Url == "suggestionsVersion").Value).Value.ShouldBe("support-v1");
        ((R4.Integer)alertExtension.Extension.Single(e => e.Url == "sessionNumber").Value).Value.ShouldBe(4);
        ((R4.Integer)alertExtension.Extension.Single(e => e.Url == "administrationOrdinal").Value).Value.ShouldBe(2);
        // Outcomes of every status the facade answers.
        await ehr.GetAsync($"{Fhir.Base}/Observation/nope", Ct);
        await ehr.GetAsync($"{Fhir.Base}/Observation", Ct);
        await ehr.PutAsync($"{Fhir.Base}/Flag/x", Fhir.Content("{}"), Ct);
        await ehr.GetAsync($"{Fhir.Base}/Flag?_format=xml", Ct);
        var refused = new FhirRecorder();
        await app.ClientWithKey(app.TabletKey, refused).GetAsync($"{Fhir.Base}/Flag", Ct);
        var anonymous = new FhirRecorder();
        await app.ClientWithKey(null, anonymous).GetAsync($"{Fhir.Base}/Flag", Ct);

        var exchanges = recorder.Exchanges.Concat(refused.Exchanges).Concat(anonymous.Exchanges).ToList();
        exchanges.Select(e => e.Status).ShouldBeSubsetOf(new[] { 200, 201, 400, 401, 403, 404, 405, 406 });
        exchanges.Select(e => e.Status).Distinct().Count().ShouldBe(8);
        var kinds = exchanges.Where(e => e.MediaType == Fhir.MediaType)
            .Select(e => JsonNode.Parse(e.ResponseBody)!["resourceType"]!.GetValue<string>()).ToHashSet();
        kinds.ShouldBe(["CapabilityStatement", "SearchParameter", "Bundle", "Questionnaire", "QuestionnaireResponse", "Observation", "Flag", "OperationOutcome"], ignoreOrder: true);
        var summary = await FhirValidators.ShouldAllBeValidAsync(exchanges);
        summary.ShouldContain(" 0 invalid; ");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
    }
}
