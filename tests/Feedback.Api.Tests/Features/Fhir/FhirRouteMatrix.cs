// Firely's model is nullable throughout; these tests read what the server must have filled in.
#nullable disable warnings
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Tests.Features.Fhir;

/// <summary>
/// interop.md 1.3 and 1.8 (4): every /fhir/r4 route with its scope; the CapabilityStatement lists exactly what is mapped;
/// keys without the scope get 403, no key 401, another tenant's resources are 404 and never appear in its searches;
/// every client-data read is audited with its client.
/// </summary>
public sealed class FhirRouteMatrix(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // (method, template, scope): "none" needs no key, "any" any key.
    static readonly (string Method, string Template, string Scope)[] Routes =
    [
        ("GET", "fhir/r4/metadata", "none"),
        ("GET", "fhir/r4/Questionnaire", "any"),
        ("GET", "fhir/r4/Questionnaire/{id}", "any"),
        ("POST", "fhir/r4/QuestionnaireResponse", "submit"),
        ("GET", "fhir/r4/QuestionnaireResponse", "read"),
        ("GET", "fhir/r4/QuestionnaireResponse/{id}", "read"),
        ("GET", "fhir/r4/Observation", "read"),
        ("GET", "fhir/r4/Observation/{id}", "read"),
        ("GET", "fhir/r4/Flag", "read"),
        ("GET", "fhir/r4/Flag/{id}", "read"),
        ("GET", "fhir/r4/SearchParameter/{id}", "any"),
    ];

    static IEnumerable<string> Mapped(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("fhir/r4/") == true && !e.RoutePattern.RawText.Contains("{**"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText!.TrimStart('/')}"))
            .Order();

    [Fact]
    public async Task The_matrix_and_the_capability_statement_list_exactly_the_mapped_fhir_routes()
    {
        var mapped = Mapped(app.Services).ToList();
        mapped.ShouldBe(Routes.Select(r => $"{r.Method} {r.Template}").Order());

        var statement = await app.Anonymous.GetAsync<R4.CapabilityStatement>($"{Fhir.Base}/metadata");
        (statement.Status, statement.Kind, statement.FhirVersion).ShouldBe((R4.PublicationStatus.Active, R4.CapabilityStatementKind.Instance, R4.FHIRVersion.N4_0_1));
        statement.Format.ShouldBe(["application/fhir+json"]);
        statement.Software.Name.ShouldBe("Feedback");
        statement.Implementation.Url.ShouldBe("http://localhost/fhir/r4");
        var rest = statement.Rest.Single();
        rest.Mode.ShouldBe(R4.CapabilityStatement.RestfulCapabilityMode.Server);
        rest.Security.Description.ShouldContain("X-Api-Key");
        var declared = rest.Resource.SelectMany(r => r.Interaction.Select(i => i.Code switch
        {
            R4.CapabilityStatement.TypeRestfulInteraction.Read => $"GET fhir/r4/{r.Type}/{{id}}",
            R4.CapabilityStatement.TypeRestfulInteraction.SearchType => $"GET fhir/r4/{r.Type}",
            R4.CapabilityStatement.TypeRestfulInteraction.Create => $"POST fhir/r4/{r.Type}",
            var other => $"unexpected {other}",
        })).Append("GET fhir/r4/metadata").Order();
        declared.ShouldBe(mapped);
        rest.Resource.ShouldAllBe(r => r.Versioning == R4.CapabilityStatement.ResourceVersionPolicy.NoVersion && r.ReadHistory == false && r.UpdateCreate == false);
        rest.Resource.Single(r => r.Type == "QuestionnaireResponse").ConditionalCreate.ShouldBe(true);
        rest.Resource.Single(r => r.Type == "Observation").SearchParam.Select(p => p.Name).ShouldBe(["subject", "patient", "code", "category", "date", "derived-from", "_sort", "_count"]);
        rest.Resource.Single(r => r.Type == "Flag").SearchParam.Single(p => p.Name == "status").Definition.ShouldBe("http://localhost/fhir/SearchParameter/Flag-status");
        rest.Operation.ShouldBeEmpty();
        rest.Interaction.ShouldBeEmpty(); // no batch or transaction
    }

    async Task<(string ClientId, string ResponseId, string FlagId)> TenantADataAsync()
    {
        var clientId = "fiso-" + Guid.NewGuid().ToString("N")[..8];
        var q = await Fhir.QuestionnaireAsync(app.Ehr, "PHQ-9");
        var rsp = await app.Ehr.PostAsync(Fhir.Response(q, clientId, [1, 2, 1, 2, 1, 2, 1, 2, 1], Http.Monday, 1));
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = Fhir.IdOf(rsp);
        var flags = await app.Reader.GetAsync<R4.Bundle>($"{Fhir.Base}/Flag?subject={clientId}");
        return (clientId, id, flags.Entry.Single().Resource.Id);
    }

    static IEnumerable<string> Reads((string ClientId, string ResponseId, string FlagId) d) =>
    [
        $"{Fhir.Base}/QuestionnaireResponse/{d.ResponseId}", $"{Fhir.Base}/QuestionnaireResponse?subject={d.ClientId}",
        $"{Fhir.Base}/Observation/{d.ResponseId}-total", $"{Fhir.Base}/Observation?subject={d.ClientId}",
        $"{Fhir.Base}/Flag/{d.FlagId}", $"{Fhir.Base}/Flag?subject={d.ClientId}",
    ];

    [Fact]
    public async Task Scopes_hold_on_every_route_a_submit_key_creates_but_reads_only_questionnaires()
    {
        var data = await TenantADataAsync();
        var q = await Fhir.QuestionnaireAsync(app.Tablet, "GAD-7");
        var created = await app.Tablet.PostAsync(Fhir.Response(q, data.ClientId, [1, 1, 1, 1, 1, 1, 1], Http.Monday.AddDays(1), 2));
        var body = await created.ShouldBeResourceAsync<R4.QuestionnaireResponse>(HttpStatusCode.Created);
        body.Author.ShouldBeNull(); // the clinician stored for the client is not shown to a submit-only key
        foreach (var url in Reads(data))
        {
            await (await app.Tablet.GetAsync(url, Ct)).ShouldBeOutcomeAsync(HttpStatusCode.Forbidden);
            await (await app.Admin.GetAsync(url, Ct)).ShouldBeOutcomeAsync(HttpStatusCode.Forbidden);
            await (await app.Anonymous.GetAsync(url, Ct)).ShouldBeOutcomeAsync(HttpStatusCode.Unauthorized);
            (await app.Reader.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await app.Tablet.GetAsync($"{Fhir.Base}/Questionnaire/PHQ-9", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Admin.GetAsync($"{Fhir.Base}/Questionnaire", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.Reader.PostAsync(Fhir.Response(q, data.ClientId, [1, 1, 1, 1, 1, 1, 1], Http.Monday.AddDays(2), 3))).ShouldBeOutcomeAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous.GetAsync($"{Fhir.Base}/Questionnaire", Ct)).ShouldBeOutcomeAsync(HttpStatusCode.Unauthorized);
        (await app.Anonymous.GetAsync($"{Fhir.Base}/metadata", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_tenants_responses_observations_and_flags_are_404_and_its_searches_never_find_them()
    {
        var data = await TenantADataAsync();
        foreach (var url in Reads(data))
        {
            var rsp = await app.OtherClinic.GetAsync(url, Ct);
            if (url.Contains('?'))
                (await rsp.ShouldBeResourceAsync<R4.Bundle>()).Entry.ShouldBeEmpty();
            else
                await rsp.ShouldBeOutcomeAsync(HttpStatusCode.NotFound);
        }
        (await app.OtherClinic.GetAsync<R4.Bundle>($"{Fhir.Base}/Flag?_count=200")).Entry.ShouldNotContain(e => e.Resource.Id == data.FlagId);
        (await app.OtherClinic.GetAsync<R4.Bundle>($"{Fhir.Base}/Observation?derived-from=QuestionnaireResponse/{data.ResponseId}")).Entry.ShouldBeEmpty();
        // The same identifier in another tenant is another response: identifiers are unique per tenant.
        var q = await Fhir.QuestionnaireAsync(app.Ehr, "PHQ-9");
        var shared = Fhir.Response(q, "fiso-shared", [0, 0, 0, 0, 0, 0, 0, 0, 0], Http.Monday, 1, identifier: "shared-1");
        (await app.Ehr.PostAsync(shared)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await app.OtherClinic.PostAsync(shared)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Client_data_reads_and_the_create_are_audited_with_their_client_and_the_catalogue_is_not()
    {
        var data = await TenantADataAsync();
        foreach (var url in Reads(data)) await app.Reader.GetAsync(url, Ct);
        await app.Reader.GetAsync($"{Fhir.Base}/Questionnaire/PHQ-9", Ct);
        var db = app.Services.GetRequiredService<Feedback.Data.Connections.Database>();
        await using var s = await db.ReadAsync(Ct);
        await using var cmd = s.Connection.CreateCommand();
        cmd.CommandText = "SELECT method, route, client_id, status FROM audit_log WHERE route LIKE 'fhir/%'";
        var rows = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {(reader.IsDBNull(2) ? "-" : reader.GetString(2))} {reader.GetInt64(3)}");
        rows.ShouldContain($"POST fhir/r4/QuestionnaireResponse {data.ClientId} 201", string.Join("\n", rows.Where(r => r.StartsWith("POST"))));
        foreach (var route in new[] { "fhir/r4/QuestionnaireResponse/{id}", "fhir/r4/QuestionnaireResponse", "fhir/r4/Observation/{id}", "fhir/r4/Observation", "fhir/r4/Flag/{id}", "fhir/r4/Flag" })
            rows.ShouldContain($"GET {route} {data.ClientId} 200");
        rows.ShouldNotContain(r => r.Contains("Questionnaire/{id}") || r.Contains("metadata"));
    }
}
