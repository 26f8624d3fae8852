namespace Feedback.Api.Tests.Features.Administrations;

/// <summary>
/// clinical.md v1.2 section 7, "TASC-R scoring", over HTTP: the same vectors as the Clinical tests, sent as positions and as
/// scored values (items 2, 5, 7, 8 and 11 reversed once); refusals name the field; all three raters are accepted.
/// </summary>
public sealed class TascRTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly int[] Reversed = [2, 5, 7, 8, 11];

    public static TheoryData<string, decimal, bool> Vectors() => new()
    {
        { "4,4,4,4,4,4,4,4,4,4,4,4", 33, false },
        { "1,1,1,1,1,1,1,1,1,1,1,1", 27, false },
        { "4,1,4,4,1,4,1,1,4,4,1,4", 48, false },
        { "1,4,1,1,4,1,4,4,1,1,4,1", 12, false },
        { "4,1,4,4,1,4,1,1,4,4,1,null", 48, true },
        { "3,2,null,3,2,3,2,2,3,3,2,3", 36, true },
    };

    static decimal?[] Positions(string csv) => [.. csv.Split(',').Select(v => v == "null" ? (decimal?)null : decimal.Parse(v))];

    static decimal?[] ScoredValues(decimal?[] positions) =>
        [.. positions.Select((p, i) => p is { } v && Reversed.Contains(i + 1) ? 5 - v : p)];

    async Task<HttpResponseMessage> PostAsync(string client, object body) =>
        await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(client), body, Ct);

    static object Tasc(decimal?[] items, string? itemConvention = null, string rater = "client", int day = 0) =>
        new { instrument = "TASC-R", administeredAt = Http.Monday.AddDays(day), rater, itemConvention, items };

    [Theory, MemberData(nameof(Vectors))]
    public async Task Positions_and_scored_values_give_the_section_7_totals(string positions, decimal total, bool prorated)
    {
        var client = "tasc-" + Guid.NewGuid().ToString("N")[..8];
        var items = Positions(positions);
        var asPositions = await PostAsync(client, Tasc(items));
        asPositions.StatusCode.ShouldBe(HttpStatusCode.Created, await asPositions.Content.ReadAsStringAsync(Ct));
        var asScored = await PostAsync(client, Tasc(ScoredValues(items), "scored", day: 7));
        asScored.StatusCode.ShouldBe(HttpStatusCode.Created, await asScored.Content.ReadAsStringAsync(Ct));

        foreach (var body in new[] { await asPositions.BodyAsync(), await asScored.BodyAsync() })
        {
            (body["score"]!["total"]!.GetValue<decimal>(), body["score"]!["prorated"]!.GetValue<bool>()).ShouldBe((total, prorated));
            body["score"]!["severity"].ShouldBeNull();
            body["items"]!.AsArray().Select(i => i?.GetValue<decimal>()).ShouldBe(items); // stored and answered as positions
            body["feedback"]!["kind"]!.GetValue<string>().ShouldBe("alliance");
        }
    }

    [Fact]
    public async Task Two_unanswered_items_are_a_400_naming_items_and_store_nothing()
    {
        var rows = await app.CountRowsAsync();
        var problem = await (await PostAsync("tasc-missing", Tasc(Positions("3,2,null,3,2,3,2,2,3,3,2,null")))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["items"]);
        (await app.CountRowsAsync()).ShouldBe(rows);
    }

    [Theory]
    [InlineData("0,2,3,3,2,3,2,2,3,3,2,3", "items[0]")]
    [InlineData("3,2,3,3,2,3,2,2,3,3,2,5", "items[11]")]
    [InlineData("3,2,3,3,2.5,3,2,2,3,3,2,3", "items[4]")]
    public async Task An_answer_outside_1_4_is_a_400_naming_the_item(string positions, string field)
    {
        var rows = await app.CountRowsAsync();
        var problem = await (await PostAsync("tasc-range", Tasc(Positions(positions)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe([field]);
        (await app.CountRowsAsync()).ShouldBe(rows);
    }

    [Fact]
    public async Task Client_caregiver_and_therapist_ratings_are_accepted_as_separate_series()
    {
        var items = Positions("3,2,3,3,2,3,2,2,3,3,2,3");
        foreach (var rater in new[] { "client", "caregiver", "therapist" })
        {
            var rsp = await PostAsync("tasc-raters", new { instrument = "TASC-R", administeredAt = Http.Monday, sessionNumber = 1, rater, items });
            rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
            (await rsp.BodyAsync())["rater"]!.GetValue<string>().ShouldBe(rater);
        }
        var srs = await PostAsync("tasc-raters", new { instrument = "SRS", administeredAt = Http.Monday, rater = "therapist", items = new[] { 8, 8, 8, 8 } });
        var problem = await srs.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["rater"]![0]!.GetValue<string>().ShouldBe("therapist is accepted only for WAI-SR and TASC-R (their therapist forms); SRS has no therapist form.");
    }

    [Fact]
    public async Task A_plan_may_ask_the_therapist_for_a_tasc_r_but_not_for_an_srs()
    {
        var plan = new { name = "Youth", rules = new object[]
        {
            new { instrument = "TASC-R", rater = "therapist", cadence = new { type = "every_session" } },
            new { instrument = "TASC-R", rater = "caregiver", cadence = new { type = "every_session" } },
        } };
        (await app.Admin.PutAsJsonAsync(ApiRoutes.TenantPlanPath, plan, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var srs = new { name = "Youth", rules = new[] { new { instrument = "SRS", rater = "therapist", cadence = new { type = "every_session" } } } };
        var problem = await (await app.Admin.PutAsJsonAsync(ApiRoutes.TenantPlanPath, srs, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["rules[0].rater"]);
    }

    [Fact]
    public async Task Its_fhir_questionnaire_has_neutral_integer_items_1_to_4_and_no_loinc_code()
    {
        var q = await (await app.Tablet.GetAsync("/fhir/r4/Questionnaire/TASC-R", Ct)).BodyAsync();
        q["code"]!.AsArray().Select(c => c!["system"]!.GetValue<string>()).ShouldNotContain("http://loinc.org");
        q["copyright"]!.GetValue<string>().ShouldBe("TASC-R: not verified by Feedback; the tenant attests its own permission. Item wording is not reproduced by Feedback.");
        var items = q["item"]!.AsArray();
        items.Count.ShouldBe(12);
        items.Select(i => i!["text"]!.GetValue<string>()).ShouldBe(Enumerable.Range(1, 12).Select(n => $"Item {n}"));
        items.ShouldAllBe(i => i!["type"]!.GetValue<string>() == "integer" && i["answerOption"] == null && i["required"]!.GetValue<bool>() == false);
        items[0]!["extension"]!.AsArray().Select(e => e!["valueInteger"]!.GetValue<int>()).ShouldBe([1, 4]);
    }
}
