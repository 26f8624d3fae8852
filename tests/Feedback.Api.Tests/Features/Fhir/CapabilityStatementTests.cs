// Firely's model is nullable throughout; these tests read what the server must have filled in.
#nullable disable warnings
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Tests.Features.Fhir;

/// <summary>
/// The CapabilityStatement is what is served (interop.md 1.3-1.7): every search parameter the searches take is declared,
/// every declared one is taken, the definition it points at is served, and a well-formed reference to nothing finds nothing.
/// </summary>
public sealed class CapabilityStatementTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // From interop.md 1.4-1.7: each parameter a search documents, with a value of the form the spec gives it.
    static readonly Dictionary<string, (string Name, string Value)[]> Documented = new()
    {
        ["Questionnaire"] = [("url", "http://localhost/fhir/Questionnaire/PHQ-9|1"), ("_count", "2")],
        ["QuestionnaireResponse"] =
        [
            ("subject", "Patient/cap-1"), ("patient", "cap-1"), ("subject:identifier", "http://localhost/fhir/sid/client-id|cap-1"),
            ("patient:identifier", "|cap-1"), ("identifier", "|cap-response-1"), ("_count", "1"),
        ],
        ["Observation"] =
        [
            ("subject", "cap-1"), ("patient", "Patient/cap-1"), ("subject:identifier", "|cap-1"), ("patient:identifier", "|cap-1"),
            ("code", "PHQ-9:total"), ("category", "survey"), ("date", "ge2026-01-01"), ("derived-from", "QuestionnaireResponse/01ARZ3NDEKTSV4RRFFQ69G5FAV"),
            ("_sort", "date"), ("_count", "3"),
        ],
        ["Flag"] = [("subject", "cap-1"), ("patient", "cap-1"), ("subject:identifier", "|cap-1"), ("patient:identifier", "|cap-1"), ("status", "active"), ("_count", "2")],
    };

    [Fact]
    public async Task Every_documented_parameter_is_declared_and_answered_and_nothing_else_is_declared()
    {
        (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("cap-1"), Http.Phq9([2, 2, 2, 2, 2, 2, 2, 2, 2], Http.Monday, 1), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var statement = await app.Anonymous.GetAsync<R4.CapabilityStatement>($"{Fhir.Base}/metadata");
        statement.Name.ShouldBe("FeedbackFhirR4");
        var searched = statement.Rest.Single().Resource.Where(r => r.Interaction.Any(i => i.Code == R4.CapabilityStatement.TypeRestfulInteraction.SearchType)).ToList();
        searched.Select(r => r.Type).ShouldBe(Documented.Keys, ignoreOrder: true);
        foreach (var resource in searched)
        {
            var documented = Documented[resource.Type];
            // A modifier is not a parameter of its own in R4: it is named in its parameter's documentation.
            resource.SearchParam.Select(p => p.Name).ShouldBe(documented.Select(d => d.Name.Split(':')[0]).Distinct(), ignoreOrder: true, resource.Type);
            foreach (var modified in documented.Where(d => d.Name.Contains(':')))
                resource.SearchParam.Single(p => p.Name == modified.Name.Split(':')[0]).Documentation.ShouldContain(":" + modified.Name.Split(':')[1]);
            foreach (var (name, value) in documented)
            {
                // A search of client data names its client (or its one response): other parameters narrow such a search.
                var narrows = resource.Type is "QuestionnaireResponse" or "Observation" && !NamesTheTarget(name);
                var rsp = await app.Reader.GetAsync($"{Fhir.Base}/{resource.Type}?{(narrows ? "subject=cap-1&" : "")}{name}={Uri.EscapeDataString(value)}", Ct);
                rsp.StatusCode.ShouldBe(HttpStatusCode.OK, $"{resource.Type}?{name}={value}: {await rsp.Content.ReadAsStringAsync(Ct)}");
            }
            var undeclared = await app.Reader.GetAsync($"{Fhir.Base}/{resource.Type}?subject=cap-1&_lastUpdated=ge2026-01-01", Ct);
            undeclared.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await undeclared.Content.ReadAsStringAsync(Ct)).ShouldContain("_lastUpdated");
        }
    }

    static bool NamesTheTarget(string name) => name.Split(':')[0] is "subject" or "patient" or "identifier" or "derived-from";

    [Fact]
    public async Task The_definition_the_flag_status_parameter_points_at_is_served()
    {
        var statement = await app.Anonymous.GetAsync<R4.CapabilityStatement>($"{Fhir.Base}/metadata");
        var definition = statement.Rest.Single().Resource.Single(r => r.Type == "Flag").SearchParam.Single(p => p.Name == "status").Definition;
        var id = definition.Split('/')[^1];
        var parameter = await app.Reader.GetAsync<R4.SearchParameter>($"{Fhir.Base}/SearchParameter/{id}");
        (parameter.Url, parameter.Code, parameter.Type, parameter.Expression).ShouldBe((definition, "status", R4.SearchParamType.Token, "Flag.status"));
        parameter.Base.ShouldBe([R4.ResourceType.Flag]);
        statement.Rest.Single().Resource.Single(r => r.Type == "SearchParameter").Interaction.Select(i => i.Code)
            .ShouldBe([R4.CapabilityStatement.TypeRestfulInteraction.Read]);
        (await app.Reader.GetAsync($"{Fhir.Base}/SearchParameter/Observation-code", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("QuestionnaireResponse/not-one-of-ours")]
    [InlineData("QuestionnaireResponse/01ARZ3NDEKTSV4RRFFQ69G5FAV")]
    [InlineData("DocumentReference/d-1")]
    [InlineData("Observation/1")]
    public async Task A_well_formed_reference_to_a_missing_response_finds_nothing(string reference)
    {
        var bundle = await app.Reader.GetAsync<R4.Bundle>($"{Fhir.Base}/Observation?derived-from={Uri.EscapeDataString(reference)}");
        (bundle.Type, bundle.Entry.Count).ShouldBe((R4.Bundle.BundleType.Searchset, 0));
    }

    [Theory]
    [InlineData("not-a-reference")]
    [InlineData("QuestionnaireResponse/")]
    [InlineData("QuestionnaireResponse/a/b")]
    [InlineData("QuestionnaireResponse/has space")]
    public async Task A_malformed_derived_from_is_a_400_naming_it(string reference)
    {
        var rsp = await app.Reader.GetAsync($"{Fhir.Base}/Observation?derived-from={Uri.EscapeDataString(reference)}", Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await rsp.Content.ReadAsStringAsync(Ct)).ShouldContain("derived-from");
    }
}
