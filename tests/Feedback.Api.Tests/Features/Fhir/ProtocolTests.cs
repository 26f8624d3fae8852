// Firely's model is nullable throughout; these tests read what the server must have filled in.
#nullable disable warnings
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Tests.Features.Fhir;

/// <summary>interop.md 1.1 and 1.5: transport, invalid FHIR (400), idempotency, conditional create, Prefer, and what is not served.</summary>
public sealed class ProtocolTests(App app) : IClassFixture<App>, IAsyncLifetime
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    readonly FhirRecorder recorder = new();
    HttpClient ehr = null!;
    R4.Questionnaire phq9 = null!;

    public async ValueTask InitializeAsync()
    {
        ehr = app.ClientWithKey(app.EhrKey, recorder);
        phq9 = await Fhir.QuestionnaireAsync(ehr, "PHQ-9");
    }

    public async ValueTask DisposeAsync() => await Task.CompletedTask;

    R4.QuestionnaireResponse Phq9(string clientId, string? identifier = null, int day = 0) =>
        Fhir.Response(phq9, clientId, [1, 1, 2, 2, 1, 0, 0, 1, 0], Http.Monday.AddDays(day), 1, identifier: identifier);

    public static TheoryData<string, string, string?> InvalidFhir => new()
    {
        // body, issue code, expression (null: not JSON, no node to point at)
        { "not json at all", "structure", null },
        { "[1, 2]", "structure", null },
        { """{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"1","code":[{"code":"x"}]}]}""", "value", "QuestionnaireResponse.item[0]" },
        { """{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"1","answer":[{"valueInteger":"11"}]}]}""", "value", "QuestionnaireResponse.item[0].answer[0].value" },
        { """{"resourceType":"QuestionnaireResponse","status":"finished"}""", "value", "QuestionnaireResponse.status" },
        { """{"resourceType":"QuestionnaireResponse","authored":"2026-01-05T09:00:00Z"}""", "required", "QuestionnaireResponse" },
        { """{"resourceType":"QuestionnaireResponse","status":"completed","authored":"2026-13-45"}""", "value", "QuestionnaireResponse.authored" },
        { """{"resourceType":"Observation","status":"final","code":{"text":"x"}}""", "invalid", "Observation" },
        { """{"resourceType":"Patientt","id":"1"}""", "invalid", null },
        { """{"resourceType":"QuestionnaireResponse","status":"completed","status":"completed"}""", "structure", null },
        { """{"resourceType":"QuestionnaireResponse","status":"completed",}""", "structure", null },
        { """{"resourceType":"QuestionnaireResponse",/* c */"status":"completed"}""", "structure", null },
        { """{"resourceType":"QuestionnaireResponse","resourceType":"QuestionnaireResponse","status":"completed"}""", "structure", null },
        { """{"status":"completed"}""", "required", null },
    };

    [Theory]
    [MemberData(nameof(InvalidFhir))]
    public async Task What_is_not_valid_R4_is_a_400_pointing_into_the_request_and_stores_nothing(string body, string code, string? expression)
    {
        var before = await app.CountRowsAsync();
        var outcome = await (await ehr.PostAsync(body)).ShouldBeOutcomeAsync(HttpStatusCode.BadRequest);
        outcome.Issue.ShouldContain(i => Fhir.CodeOf(i.Code) == code, Fhir.Json(outcome));
        if (expression is null) outcome.Issue.ShouldAllBe(i => !i.Expression.Any());
        else outcome.Issue.SelectMany(i => i.Expression).ShouldContain(expression);
        (await app.CountRowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Content_types_and_formats_other_than_json_are_415_and_406()
    {
        using var xml = new HttpRequestMessage(HttpMethod.Post, $"{Fhir.Base}/QuestionnaireResponse")
        {
            Content = new StringContent("<QuestionnaireResponse/>", System.Text.Encoding.UTF8, "application/fhir+xml"),
        };
        await (await ehr.SendAsync(xml, Ct)).ShouldBeOutcomeAsync(HttpStatusCode.UnsupportedMediaType);
        using var other = new HttpRequestMessage(HttpMethod.Post, $"{Fhir.Base}/QuestionnaireResponse") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/vnd.other+json") };
        await (await ehr.SendAsync(other, Ct)).ShouldBeOutcomeAsync(HttpStatusCode.UnsupportedMediaType);
        using var accept = new HttpRequestMessage(HttpMethod.Get, $"{Fhir.Base}/Questionnaire");
        accept.Headers.TryAddWithoutValidation("Accept", "application/fhir+xml");
        await (await ehr.SendAsync(accept, Ct)).ShouldBeOutcomeAsync(HttpStatusCode.NotAcceptable);
        await (await ehr.GetAsync($"{Fhir.Base}/Questionnaire?_format=xml", Ct)).ShouldBeOutcomeAsync(HttpStatusCode.NotAcceptable);
        (await ehr.GetAsync($"{Fhir.Base}/Questionnaire?_format=json", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // application/json is accepted both ways (many HTTP clients send nothing else).
        using var json = new HttpRequestMessage(HttpMethod.Post, $"{Fhir.Base}/QuestionnaireResponse")
        {
            Content = new StringContent(Fhir.Json(Phq9("pt-json")), System.Text.Encoding.UTF8, "application/json"),
        };
        json.Headers.TryAddWithoutValidation("Accept", "application/json");
        (await ehr.SendAsync(json, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Writes_other_than_creating_a_response_are_405_and_unserved_types_404()
    {
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
        {
            using var request = new HttpRequestMessage(method, $"{Fhir.Base}/QuestionnaireResponse/01M86P391PGA9EQ4FTVMBV0HZ6") { Content = Fhir.Content("{}") };
            await (await ehr.SendAsync(request, Ct)).ShouldBeOutcomeAsync(HttpStatusCode.MethodNotAllowed);
        }
        var post = await ehr.PostAsync($"{Fhir.Base}/Observation", Fhir.Content("{}"), Ct);
        await post.ShouldBeOutcomeAsync(HttpStatusCode.MethodNotAllowed);
        post.Content.Headers.Allow.ShouldBe(["GET"]);
        // Whatever body a refused write sends, the method decides (a FHIR POST search, a JSON patch).
        var search = await ehr.PostAsync($"{Fhir.Base}/Observation/_search", new FormUrlEncodedContent([new("subject", "c-1")]), Ct);
        await search.ShouldBeOutcomeAsync(HttpStatusCode.MethodNotAllowed);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"{Fhir.Base}/QuestionnaireResponse/01M86P391PGA9EQ4FTVMBV0HZ6")
        {
            Content = new StringContent("[]", System.Text.Encoding.UTF8, "application/json-patch+json"),
        };
        await (await ehr.SendAsync(patch, Ct)).ShouldBeOutcomeAsync(HttpStatusCode.MethodNotAllowed);
        using var head = new HttpRequestMessage(HttpMethod.Head, $"{Fhir.Base}/metadata");
        var headed = await app.Anonymous.SendAsync(head, Ct);
        (headed.StatusCode, headed.Content.Headers.Allow.Single()).ShouldBe((HttpStatusCode.MethodNotAllowed, "GET"));
        await (await ehr.GetAsync($"{Fhir.Base}/Patient/c-1", Ct)).ShouldBeOutcomeAsync(HttpStatusCode.NotFound);
        await (await ehr.GetAsync($"{Fhir.Base}/QuestionnaireResponse/01M86P391PGA9EQ4FTVMBV0HZ6/_history", Ct)).ShouldBeOutcomeAsync(HttpStatusCode.NotFound);
        await (await ehr.GetAsync($"{Fhir.Base}/Questionnaire/PHQ-10", Ct)).ShouldBeOutcomeAsync(HttpStatusCode.NotFound);
        var anonymous = await (await app.Anonymous.GetAsync($"{Fhir.Base}/Questionnaire", Ct)).ShouldBeOutcomeAsync(HttpStatusCode.Unauthorized);
        anonymous.Issue.Single().Details.Coding.Single().Code.ShouldBe("unauthenticated");
        await (await ehr.GetAsync($"{Fhir.Base}/Observation?subject=x&colour=red", Ct)).ShouldBeOutcomeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_created_response_answers_with_location_etag_last_modified_and_a_link_to_its_observations()
    {
        var rsp = await ehr.PostAsync(Phq9("pt-headers"));
        var stored = await rsp.ShouldBeResourceAsync<R4.QuestionnaireResponse>(HttpStatusCode.Created);
        rsp.Headers.Location!.ToString().ShouldBe($"http://localhost/fhir/r4/QuestionnaireResponse/{stored.Id}");
        rsp.Headers.ETag!.ToString().ShouldBe("W/\"1\"");
        rsp.Content.Headers.LastModified.ShouldNotBeNull();
        rsp.Headers.GetValues("Link").Single().ShouldBe($"<http://localhost/fhir/r4/Observation?derived-from=QuestionnaireResponse/{stored.Id}>; rel=\"related\"");
        foreach (var url in new[] { $"{Fhir.Base}/QuestionnaireResponse/{stored.Id}", $"{Fhir.Base}/Observation/{stored.Id}-total" })
        {
            var read = await ehr.GetAsync(url, Ct);
            (read.Headers.ETag!.ToString(), read.Content.Headers.LastModified).ShouldBe(("W/\"1\"", rsp.Content.Headers.LastModified));
        }
        var observations = await ehr.GetAsync<R4.Bundle>($"{Fhir.Base}/Observation?derived-from=QuestionnaireResponse/{stored.Id}");
        observations.Entry.Select(e => e.Resource!.Id).ShouldBe([$"{stored.Id}-total"]);
        // The answer holds no feedback and no alerts: those are Observations and Flags (scope read).
        Fhir.Json(stored).ShouldNotContain("trajectory");
    }

    [Fact]
    public async Task Prefer_minimal_answers_an_empty_201()
    {
        var rsp = await ehr.PostAsync(Phq9("pt-minimal"), ("Prefer", "return=minimal"));
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await rsp.Content.ReadAsStringAsync(Ct)).ShouldBeEmpty();
        rsp.Headers.Location.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_original_answer_and_another_body_is_a_409()
    {
        var first = await ehr.PostAsync(Phq9("pt-idem"), ("Idempotency-Key", "fhir-key-1"));
        var stored = await first.ShouldBeResourceAsync<R4.QuestionnaireResponse>(HttpStatusCode.Created);
        var replay = await ehr.PostAsync(Phq9("pt-idem"), ("Idempotency-Key", "fhir-key-1"));
        (await replay.ShouldBeResourceAsync<R4.QuestionnaireResponse>(HttpStatusCode.Created)).Id.ShouldBe(stored.Id);
        replay.Headers.GetValues("Idempotent-Replay").Single().ShouldBe("true");
        var before = await app.CountRowsAsync();
        var other = await ehr.PostAsync(Phq9("pt-idem", day: 1), ("Idempotency-Key", "fhir-key-1"));
        Fhir.CodeOf((await other.ShouldBeOutcomeAsync(HttpStatusCode.Conflict)).Issue[0].Code).ShouldBe("conflict");
        // One key namespace across /v1 and /fhir, and the stored hash covers the route: the same key on /v1 is another request.
        using var rest = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.AdministrationsOf("pt-idem"))
        {
            Content = JsonContent.Create(Http.Phq9([1, 1, 2, 2, 1, 0, 0, 1, 0], Http.Monday, 1)),
        };
        rest.Headers.Add("Idempotency-Key", "fhir-key-1");
        await (await app.Ehr.SendAsync(rest, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await app.CountRowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task If_none_exist_returns_the_stored_response_with_200_and_a_repeated_identifier_is_a_409()
    {
        var created = await (await ehr.PostAsync(Phq9("pt-cond", "cond-1"))).ShouldBeResourceAsync<R4.QuestionnaireResponse>(HttpStatusCode.Created);
        var before = await app.CountRowsAsync();
        var again = Phq9("pt-cond", "cond-1", day: 2); // other content, same identifier
        var matched = await (await ehr.PostAsync(again, ("If-None-Exist", "identifier=urn:oid:2.16.840.1.113883.19.5.99|cond-1")))
            .ShouldBeResourceAsync<R4.QuestionnaireResponse>(HttpStatusCode.OK);
        matched.Id.ShouldBe(created.Id);
        var duplicate = await (await ehr.PostAsync(again)).ShouldBeOutcomeAsync(HttpStatusCode.Conflict);
        (Fhir.CodeOf(duplicate.Issue[0].Code), duplicate.Issue[0].Expression.Single()).ShouldBe(("duplicate", "QuestionnaireResponse.identifier"));
        await (await ehr.PostAsync(again, ("If-None-Exist", "identifier=urn:other|cond-1"))).ShouldBeOutcomeAsync(HttpStatusCode.BadRequest);
        await (await ehr.PostAsync(again, ("If-None-Exist", "subject=Patient/pt-cond"))).ShouldBeOutcomeAsync(HttpStatusCode.BadRequest);
        (await app.CountRowsAsync()).ShouldBe(before + 1); // the matched create's audit entry (it answered the stored response), nothing else
        // The exact-duplicate rule of /v1 applies too: the same content under a new identifier.
        var exact = await (await ehr.PostAsync(Phq9("pt-cond", "cond-2"))).ShouldBeOutcomeAsync(HttpStatusCode.Conflict);
        exact.Issue[0].Diagnostics!.ShouldContain(created.Id!);
    }

    [Fact]
    public async Task A_tenant_that_names_its_mrn_system_gets_clients_by_that_identifier()
    {
        const string mrn = "urn:oid:2.16.840.1.113883.19.5";
        var qr = Phq9("ignored");
        qr.Subject = new R4.ResourceReference { Identifier = new R4.Identifier(mrn, "MRN_4711:A") }; // not a FHIR id: identifier form only
        var refused = await (await ehr.PostAsync(qr)).ShouldBeOutcomeAsync(HttpStatusCode.UnprocessableEntity);
        refused.Issue.Single().Expression.Single().ShouldBe("QuestionnaireResponse.subject.identifier.system");

        var put = await app.Admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = new[] { "PHQ-9", "GAD-7" }, fhirClientIdSystem = mrn }, Ct);
        (await put.BodyAsync())["fhirClientIdSystem"]!.GetValue<string>().ShouldBe(mrn);
        var created = await (await ehr.PostAsync(qr)).ShouldBeResourceAsync<R4.QuestionnaireResponse>(HttpStatusCode.Created);
        // The client id is the MRN value; it is not a FHIR id, so the stored response names the client by identifier only.
        (created.Subject.Reference, created.Subject.Identifier.Value).ShouldBe((null, "MRN_4711:A"));
        (await app.Ehr.GetAsync(ApiRoutes.ClientOf("MRN_4711:A"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var found = await ehr.GetAsync<R4.Bundle>($"{Fhir.Base}/Observation?subject:identifier={Uri.EscapeDataString($"{mrn}|MRN_4711:A")}");
        found.Entry.Single().Resource.Id.ShouldBe($"{created.Id}-total");

        var bad = await app.Admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = new[] { "PHQ-9" }, fhirClientIdSystem = "not a uri" }, Ct);
        await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var removed = await app.Admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = new[] { "PHQ-9", "GAD-7" }, fhirClientIdSystem = "" }, Ct);
        (await removed.BodyAsync())["fhirClientIdSystem"].ShouldBeNull();
        var after = Phq9("pt-after", day: 3);
        after.Subject = qr.Subject;
        await (await ehr.PostAsync(after)).ShouldBeOutcomeAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task An_instrument_the_tenant_has_not_enabled_is_a_403_outcome()
    {
        await app.Admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = new[] { "PHQ-9", "GAD-7" } }, Ct);
        var srs = await Fhir.QuestionnaireAsync(ehr, "SRS");
        var before = await app.CountRowsAsync();
        var refused = await (await ehr.PostAsync(Fhir.Response(srs, "pt-srs", [9, 9, 9, 9], Http.Monday, 1))).ShouldBeOutcomeAsync(HttpStatusCode.Forbidden);
        refused.Issue.Single().Diagnostics.ShouldContain("SRS");
        (await app.CountRowsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(400)]
    public async Task Items_nested_deeper_than_a_json_reader_goes_are_refused_as_4xx_not_500(int depth)
    {
        var item = new JsonObject { ["linkId"] = "1", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 1 }) };
        for (var i = 0; i < depth; i++) item = new JsonObject { ["linkId"] = $"g{i}", ["item"] = new JsonArray(item) };
        var qr = JsonNode.Parse(Fhir.Json(Phq9("pt-deep")))!.AsObject();
        qr["item"] = new JsonArray(item);
        var text = qr.ToJsonString(new JsonSerializerOptions { MaxDepth = 2048 });
        var before = await app.CountRowsAsync();
        var rsp = await ehr.PostAsync(text);
        ((int)rsp.StatusCode).ShouldBeInRange(400, 499);
        await rsp.ShouldBeOutcomeAsync(rsp.StatusCode);
        (await app.CountRowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_a_413_outcome()
    {
        var qr = Phq9("pt-big");
        qr.Item[0].Answer[0].Extension.Add(new R4.Extension("urn:pad", new R4.FhirString(new string('x', 70_000))));
        await (await ehr.PostAsync(qr)).ShouldBeOutcomeAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Every_answer_here_is_valid_fhir_and_every_expression_finds_its_node()
    {
        foreach (var row in InvalidFhir)
            await ehr.PostAsync(row.Data.Item1);
        var created = await ehr.PostAsync(Phq9("pt-valid", "valid-1"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        await ehr.PostAsync(Phq9("pt-valid", "valid-1"));
        await ehr.PostAsync(Phq9("pt-valid", "valid-1"), ("If-None-Exist", "identifier=urn:oid:2.16.840.1.113883.19.5.99|valid-1"));
        await ehr.PostAsync(Phq9("pt-valid", "valid-1"), ("Prefer", "return=OperationOutcome"));
        await ehr.GetAsync($"{Fhir.Base}/Observation?subject=pt-valid&colour=red&_count=0&date=2026-02-30", Ct);
        await ehr.DeleteAsync($"{Fhir.Base}/QuestionnaireResponse/{Fhir.IdOf(created)}", Ct);
        await ehr.GetAsync($"{Fhir.Base}/Patient", Ct);
        await ehr.GetAsync($"{Fhir.Base}/Questionnaire?_format=xml", Ct);
        await app.Anonymous.GetAsync($"{Fhir.Base}/Flag", Ct);
        var summary = await FhirValidators.ShouldAllBeValidAsync(recorder.Exchanges);
        summary.ShouldContain(" 0 invalid; ");
        summary.ShouldContain(" 0 not found");
    }
}
