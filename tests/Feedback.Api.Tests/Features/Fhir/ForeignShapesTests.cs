using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Tests.Features.Fhir;

/// <summary>
/// interop.md 1.8 (2): responses as other systems build them (US Core and PHR LOINC linkIds, contained Questionnaires,
/// nested groups, a declined item) are scored like REST; what cannot be scored is a 422 whose expression points at the
/// element, and nothing is stored.
/// </summary>
public sealed class ForeignShapesTests(App app) : IClassFixture<App>, IAsyncLifetime
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    readonly FhirRecorder recorder = new();
    HttpClient ehr = null!;
    string canonical = "";

    public async ValueTask InitializeAsync()
    {
        ehr = app.ClientWithKey(app.EhrKey, recorder);
        canonical = Fhir.Canonical(await Fhir.QuestionnaireAsync(ehr, "PHQ-9"));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    static readonly string[] Phq9Loinc = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"];
    static readonly string[] Gad7Loinc = ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"];
    static readonly string[] Answers = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];

    static JsonObject Coding(int value) => new() { ["valueCoding"] = new JsonObject { ["system"] = "http://loinc.org", ["code"] = Answers[value] } };

    static JsonObject Qr(string clientId, JsonArray items, string? questionnaire = null, string authored = "2026-01-05T09:15:00Z")
    {
        var qr = new JsonObject
        {
            ["resourceType"] = "QuestionnaireResponse", ["status"] = "completed",
            ["subject"] = new JsonObject { ["reference"] = $"Patient/{clientId}" }, ["authored"] = authored, ["item"] = items,
        };
        if (questionnaire is not null) qr["questionnaire"] = questionnaire;
        return qr;
    }

    static JsonArray LoincItems(string[] codes, int[] values, string prefix = "") =>
        [.. codes.Select((c, i) => (JsonNode)new JsonObject { ["linkId"] = prefix + c, ["answer"] = new JsonArray(Coding(values[i])) })];

    async Task<JsonNode> CreatedViewAsync(JsonObject qr, string clientId, params (string, string)[] headers)
    {
        var rsp = await ehr.PostAsync(qr.ToJsonString(), headers);
        var text = await rsp.Content.ReadAsStringAsync(Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        var view = await app.Ehr.GetAsync(ApiRoutes.AdministrationOf(clientId, Fhir.IdOf(rsp)), Ct);
        return await view.BodyAsync();
    }

    static decimal?[] Items(JsonNode view) => [.. view["items"]!.AsArray().Select(i => i?.GetValue<decimal>())];

    [Fact]
    public async Task Us_core_slash_loinc_linkids_are_phq9_and_the_sent_total_is_ignored_with_a_note()
    {
        var items = LoincItems(Phq9Loinc, [2, 1, 0, 3, 2, 1, 0, 2, 0], "/");
        items.Add(new JsonObject { ["linkId"] = "/44261-6", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 99 }) });
        var rsp = await ehr.PostAsync(Qr("fs-uscore", items).ToJsonString(), ("Prefer", "return=OperationOutcome"));
        var note = await rsp.ShouldBeResourceAsync<R4.OperationOutcome>(HttpStatusCode.Created);
        note.Issue.ShouldContain(i => i.Severity == R4.OperationOutcome.IssueSeverity.Information && i.Expression.Single() == "QuestionnaireResponse.item[9]");
        var view = await (await app.Ehr.GetAsync(ApiRoutes.AdministrationOf("fs-uscore", Fhir.IdOf(rsp)), Ct)).BodyAsync();
        (view["instrument"]!.GetValue<string>(), view["score"]!["total"]!.GetValue<decimal>()).ShouldBe(("PHQ-9", 11m)); // 2+1+0+3+2+1+0+2+0
        Items(view).ShouldBe([2, 1, 0, 3, 2, 1, 0, 2, 0]);
    }

    [Fact]
    public async Task Phr_bare_loinc_linkids_under_a_foreign_canonical_are_gad7()
    {
        var view = await CreatedViewAsync(Qr("fs-phr", LoincItems(Gad7Loinc, [3, 3, 2, 2, 1, 1, 0]), "http://loinc.org/q/69737-5"), "fs-phr");
        (view["instrument"]!.GetValue<string>(), view["score"]!["total"]!.GetValue<decimal>(), view["score"]!["severity"]!.GetValue<string>())
            .ShouldBe(("GAD-7", 12m, "moderate")); // 3+3+2+2+1+1+0; GAD-7 10-14 is moderate
    }

    [Fact]
    public async Task A_contained_questionnaire_maps_its_own_linkids_through_item_codes()
    {
        var measure = $"{canonical}/CodeSystem/measure";
        var contained = new JsonObject
        {
            ["resourceType"] = "Questionnaire", ["id"] = "core", ["status"] = "active",
            ["code"] = new JsonArray(new JsonObject { ["system"] = measure, ["code"] = "CORE-10" }),
            ["item"] = new JsonArray([.. Enumerable.Range(1, 10).Select(n => (JsonNode)new JsonObject
            {
                ["linkId"] = $"c{n}", ["type"] = "integer",
                ["code"] = new JsonArray(new JsonObject { ["system"] = measure, ["code"] = $"CORE-10:{n}" }),
            })]),
        };
        int[] answers = [1, 4, 4, 1, 1, 0, 1, 1, 1, 1];
        var qr = Qr("fs-contained", [.. Enumerable.Range(1, 10).Reverse().Select(n => (JsonNode)new JsonObject
        {
            ["linkId"] = $"c{n}", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = answers[n - 1] }),
        })], "#core");
        qr["contained"] = new JsonArray(contained);
        var view = await CreatedViewAsync(qr, "fs-contained");
        Items(view).ShouldBe([1, 4, 4, 1, 1, 0, 1, 1, 1, 1]);
        view["score"]!["total"]!.GetValue<decimal>().ShouldBe(7m); // clinical.md section 7: items 2 and 3 reversed to 0
    }

    [Fact]
    public async Task A_contained_loinc_questionnaire_with_ordinal_codings_is_scored_by_the_ordinals()
    {
        var contained = new JsonObject
        {
            ["resourceType"] = "Questionnaire", ["id"] = "phq", ["status"] = "active",
            ["code"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "44249-1" }),
            ["item"] = new JsonArray([.. Phq9Loinc.Select((c, i) => (JsonNode)new JsonObject
            {
                ["linkId"] = $"q{i + 1}", ["type"] = "choice", ["code"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = c }),
            })]),
        };
        var qr = Qr("fs-ordinal", [.. Enumerable.Range(1, 9).Select(n => (JsonNode)new JsonObject
        {
            ["linkId"] = $"q{n}", ["answer"] = new JsonArray(new JsonObject
            {
                ["valueCoding"] = new JsonObject
                {
                    ["system"] = "urn:clinic:answers", ["code"] = $"a{n % 4}",
                    ["extension"] = new JsonArray(new JsonObject { ["url"] = "http://hl7.org/fhir/StructureDefinition/ordinalValue", ["valueDecimal"] = n % 4 }),
                },
            }),
        })], "#phq");
        qr["contained"] = new JsonArray(contained);
        var view = await CreatedViewAsync(qr, "fs-ordinal");
        Items(view).ShouldBe([1, 2, 3, 0, 1, 2, 3, 0, 1]);
        view["score"]!["total"]!.GetValue<decimal>().ShouldBe(13m);
    }

    [Fact]
    public async Task Items_nested_in_groups_and_under_answers_are_flattened()
    {
        var group1 = new JsonObject { ["linkId"] = "page-1", ["item"] = LoincItems(["1", "2", "3", "4"], [1, 1, 1, 1]) };
        var intro = new JsonObject
        {
            ["linkId"] = "5", ["answer"] = new JsonArray(new JsonObject
            {
                ["valueCoding"] = new JsonObject { ["system"] = "http://loinc.org", ["code"] = Answers[2] },
                ["item"] = LoincItems(["6", "7"], [2, 2]),
            }),
        };
        var group2 = new JsonObject { ["linkId"] = "page-2", ["item"] = new JsonArray(new JsonObject { ["linkId"] = "page-2a", ["item"] = LoincItems(["8", "9"], [3, 0]) }) };
        var view = await CreatedViewAsync(Qr("fs-nested", [group1, intro, group2], $"{canonical}/Questionnaire/PHQ-9"), "fs-nested");
        Items(view).ShouldBe([1, 1, 1, 1, 2, 2, 2, 3, 0]);
    }

    [Fact]
    public async Task A_declined_item_9_is_unanswered_and_raises_risk_item_unanswered()
    {
        var items = LoincItems(Phq9Loinc, [0, 0, 0, 0, 0, 0, 0, 0, 0], "/");
        items[8]!["answer"] = new JsonArray(new JsonObject
        {
            ["valueCoding"] = new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/data-absent-reason", ["code"] = "asked-declined" },
        });
        var view = await CreatedViewAsync(Qr("fs-declined", items), "fs-declined");
        Items(view).ShouldBe([0, 0, 0, 0, 0, 0, 0, 0, null]);
        view["alerts"]!.AsArray().Select(a => a!["kind"]!.GetValue<string>()).ShouldBe(["risk_item_unanswered"]);
    }

    [Fact]
    public async Task A_clinician_author_without_a_source_is_the_rater_and_the_422_says_how_to_name_the_client_instead()
    {
        var qr = Qr("fs-author", LoincItems(Phq9Loinc, [1, 1, 1, 1, 1, 1, 1, 1, 0], "/"));
        qr["author"] = new JsonObject { ["reference"] = "Practitioner/dr-7" };
        var refused = await (await ehr.PostAsync(qr.ToJsonString())).ShouldBeOutcomeAsync(HttpStatusCode.UnprocessableEntity);
        refused.Issue.Single().Diagnostics!.ShouldContain("send source Patient/<id> or the rater extension");
        qr["source"] = new JsonObject { ["reference"] = "Patient/fs-author" };
        var view = await CreatedViewAsync(qr, "fs-author");
        (view["rater"]!.GetValue<string>(), view["clinicianId"]!.GetValue<string>()).ShouldBe(("client", "dr-7"));
    }

    public static TheoryData<string, string> Unscorable => new()
    {
        { "phq-sads-mix", "QuestionnaireResponse.item" },
        { "patient-id-with-underscore", "QuestionnaireResponse.subject.reference" },
        { "wrong-identifier-system", "QuestionnaireResponse.subject.identifier.system" },
        { "bare-date-authored", "QuestionnaireResponse.authored" },
        { "in-progress", "QuestionnaireResponse.status" },
        { "loinc-answer-on-core10", "QuestionnaireResponse.item[0].answer[0].value.ofType(Coding)" },
        { "unknown-loinc-answer", "QuestionnaireResponse.item[8].answer[0].value.ofType(Coding)" },
        { "two-answers", "QuestionnaireResponse.item[2].answer[1]" },
        { "item-twice", "QuestionnaireResponse.item[9]" },
        { "unknown-linkid", "QuestionnaireResponse.item[3]" },
        { "no-instrument", "QuestionnaireResponse" },
        { "version-2", "QuestionnaireResponse.questionnaire" },
        { "out-of-range-integer", "QuestionnaireResponse.item[4].answer[0].value.ofType(integer)" },
        { "ors-two-decimals", "QuestionnaireResponse.item[1].answer[0].value.ofType(decimal)" },
        { "therapist-rater-on-phq9", "QuestionnaireResponse.source" },
        { "session-0", "QuestionnaireResponse.extension[0]" },
        { "no-subject", "QuestionnaireResponse" },
        { "too-many-unanswered", "QuestionnaireResponse.item" },
        { "string-answer", "QuestionnaireResponse.item[0].answer[0].value" },
        { "modifier-extension-on-an-answer", "QuestionnaireResponse.item[2].answer[0].modifierExtension[0]" },
        { "modifier-extension-on-the-response", "QuestionnaireResponse.modifierExtension[0]" },
        { "session-number-of-another-base", "QuestionnaireResponse.extension[0]" },
    };

    [Theory]
    [MemberData(nameof(Unscorable))]
    public async Task Valid_fhir_that_cannot_be_scored_is_a_422_pointing_at_the_element_and_stores_nothing(string shape, string expression)
    {
        var qr = Unscorable_(shape);
        var before = await app.CountRowsAsync();
        var outcome = await (await ehr.PostAsync(qr.ToJsonString())).ShouldBeOutcomeAsync(HttpStatusCode.UnprocessableEntity);
        outcome.Issue.SelectMany(i => i.Expression).ShouldContain(expression);
        (await app.CountRowsAsync()).ShouldBe(before);
        await FhirValidators.ShouldAllBeValidAsync(recorder.Exchanges.Where(e => e.RequestBody == qr.ToJsonString()));
    }

    JsonObject Unscorable_(string shape)
    {
        var phq = LoincItems(Phq9Loinc, [1, 1, 1, 1, 1, 1, 1, 1, 0], "/");
        JsonObject Ours(string code, JsonArray items) => Qr($"fs-{shape}", items, $"{canonical}/Questionnaire/{code}");
        static JsonArray Numbered(params object?[] values) => [.. values.Select((v, i) => (JsonNode)new JsonObject
        {
            ["linkId"] = $"{i + 1}",
            ["answer"] = new JsonArray(v switch { int n => new JsonObject { ["valueInteger"] = n }, decimal d => new JsonObject { ["valueDecimal"] = d },
                string s => new JsonObject { ["valueString"] = s }, _ => throw new ArgumentException() }),
        })];
        switch (shape)
        {
            case "phq-sads-mix":
                return Qr("fs-mix", [.. phq.Take(5).Select(n => n!.DeepClone()), .. LoincItems(Gad7Loinc, [1, 1, 1, 1, 1, 1, 1], "/").Select(n => n!.DeepClone())]);
            case "patient-id-with-underscore":
            {
                var qr = Qr("a_b", phq);
                return qr;
            }
            case "wrong-identifier-system":
            {
                var qr = Qr("x", phq);
                qr["subject"] = new JsonObject { ["identifier"] = new JsonObject { ["system"] = "urn:oid:1.2.3.4", ["value"] = "c-1001" } };
                return qr;
            }
            case "bare-date-authored": return Qr("fs-bare", phq, authored: "2026-01-05");
            case "in-progress":
            {
                var qr = Qr("fs-progress", phq);
                qr["status"] = "in-progress";
                return qr;
            }
            case "loinc-answer-on-core10": return Ours("CORE-10", LoincItems(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
            case "unknown-loinc-answer":
                phq[8]!["answer"]![0]!["valueCoding"]!["code"] = "LA6574-3";
                return Qr("fs-la", phq);
            case "two-answers":
                phq[2]!["answer"]!.AsArray().Add(Coding(2));
                return Qr("fs-two", phq);
            case "item-twice":
                phq.Add(phq[0]!.DeepClone());
                return Qr("fs-twice", phq);
            case "unknown-linkid":
                phq[3]!["linkId"] = "/12345-6";
                return Qr("fs-unknown", phq);
            case "no-instrument": return Qr("fs-none", Numbered(1, 1, 1));
            case "version-2": return Qr("fs-v2", phq, $"{canonical}/Questionnaire/PHQ-9|2");
            case "out-of-range-integer": return Ours("CORE-10", Numbered(1, 1, 1, 1, 5, 1, 1, 1, 1, 1));
            case "ors-two-decimals": return Ours("ORS", Numbered(5.0m, 5.25m, 5.0m, 5.0m));
            case "therapist-rater-on-phq9":
            {
                var qr = Qr("fs-therapist", phq);
                qr["source"] = new JsonObject { ["reference"] = "Practitioner/dr-2" };
                return qr;
            }
            case "session-0":
            {
                var qr = Qr("fs-session", phq);
                qr["extension"] = new JsonArray(new JsonObject { ["url"] = $"{canonical}/StructureDefinition/session-number", ["valueInteger"] = 0 });
                return qr;
            }
            case "no-subject":
            {
                var qr = Qr("x", phq);
                qr.Remove("subject");
                return qr;
            }
            case "too-many-unanswered": return Qr("fs-missing", [.. phq.Take(6).Select(n => n!.DeepClone())]);
            case "string-answer": return Ours("CORE-10", Numbered("one", 1, 1, 1, 1, 1, 1, 1, 1, 1));
            case "modifier-extension-on-an-answer":
                phq[2]!["answer"]![0]!["modifierExtension"] = new JsonArray(new JsonObject { ["url"] = "http://example.org/negated", ["valueBoolean"] = true });
                return Qr("fs-modifier", phq);
            case "modifier-extension-on-the-response":
            {
                var qr = Qr("fs-modifier-2", phq);
                qr["modifierExtension"] = new JsonArray(new JsonObject { ["url"] = "http://example.org/draft", ["valueBoolean"] = true });
                return qr;
            }
            case "session-number-of-another-base":
            {
                var qr = Qr("fs-base", phq);
                qr["extension"] = new JsonArray(new JsonObject { ["url"] = "http://localhost:5080/fhir/StructureDefinition/session-number", ["valueInteger"] = 7 });
                return qr;
            }
            default: throw new ArgumentOutOfRangeException(nameof(shape));
        }
    }
}
