namespace Feedback.Api.Tests.Features.Administrations;

/// <summary>clinical.md section 7, every vector through the real HTTP pipeline.</summary>
public sealed class FeedbackVectors(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<JsonNode> PostAsync(string clientId, string instrument, decimal?[] items, DateTimeOffset at, int? session = null)
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), Http.Administration(instrument, items, at, session), Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
        return await rsp.BodyAsync();
    }

    static IEnumerable<string> Kinds(JsonNode body) => body["alerts"]!.AsArray().Select(a => a!["kind"]!.GetValue<string>());

    [Fact]
    public async Task Phq9_14_is_moderate_clinical_and_raises_nothing()
    {
        var body = await PostAsync("v-1", "PHQ-9", [2, 2, 2, 2, 2, 2, 1, 1, 0], Http.Monday, 1);
        body["score"]!["total"]!.GetValue<decimal>().ShouldBe(14);
        body["score"]!["severity"]!.GetValue<string>().ShouldBe("moderate");
        body["score"]!["clinicalRange"]!.GetValue<bool>().ShouldBeTrue();
        body["feedback"]!["status"]!.GetValue<string>().ShouldBe("baseline");
        Kinds(body).ShouldBeEmpty();
    }

    [Fact]
    public async Task Phq9_25_is_severe_with_a_high_risk_item_alert()
    {
        var body = await PostAsync("v-2", "PHQ-9", [3, 3, 3, 3, 3, 3, 3, 3, 1], Http.Monday, 1);
        body["score"]!["total"]!.GetValue<decimal>().ShouldBe(25);
        body["score"]!["severity"]!.GetValue<string>().ShouldBe("severe");
        var alert = body["alerts"]!.AsArray().ShouldHaveSingleItem()!;
        alert["kind"]!.GetValue<string>().ShouldBe("risk_item");
        alert["priority"]!.GetValue<string>().ShouldBe("high");
        alert["item"]!.GetValue<int>().ShouldBe(9);
    }

    [Fact]
    public async Task Phq9_with_item_9_unanswered_is_0_with_a_risk_item_unanswered_alert()
    {
        var body = await PostAsync("v-3", "PHQ-9", [0, 0, 0, 0, 0, 0, 0, 0, null], Http.Monday, 1);
        body["score"]!["total"]!.GetValue<decimal>().ShouldBe(0);
        Kinds(body).ShouldBe(["risk_item_unanswered"]);
    }

    [Fact]
    public async Task Core10_reverses_items_2_and_3_to_total_7()
    {
        (await PostAsync("v-4", "CORE-10", [1, 4, 4, 1, 1, 0, 1, 1, 1, 1], Http.Monday))["score"]!["total"]!.GetValue<decimal>().ShouldBe(7);
    }

    [Fact]
    public async Task Oq452_all_zero_totals_36()
    {
        (await PostAsync("v-5", "OQ-45.2", Enumerable.Repeat<decimal?>(0, 45).ToArray(), Http.Monday))["score"]!["total"]!.GetValue<decimal>().ShouldBe(36);
    }

    [Fact]
    public async Task Ors_totals_20_7_clinical_for_an_adult()
    {
        var score = (await PostAsync("v-6", "ORS", [5.2m, 6.0m, 4.4m, 5.1m], Http.Monday))["score"]!;
        score["total"]!.GetValue<decimal>().ShouldBe(20.7m);
        score["clinicalRange"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Phq9_20_then_18_at_session_8_is_off_track_with_a_high_alert()
    {
        await PostAsync("v-7", "PHQ-9", [3, 3, 3, 3, 2, 2, 2, 2, 0], Http.Monday, 1);
        var body = await PostAsync("v-7", "PHQ-9", [3, 3, 2, 2, 2, 2, 2, 2, 0], Http.Monday.AddDays(49), 8);
        var f = body["feedback"]!;
        f["intakeScore"]!.GetValue<decimal>().ShouldBe(20);
        f["expected"]!["score"]!.GetValue<decimal>().ShouldBe(11.5m);
        f["deviation"]!.GetValue<decimal>().ShouldBe(6.6m);
        f["status"]!.GetValue<string>().ShouldBe("off_track");
        body["alerts"]!.AsArray().ShouldHaveSingleItem()!["priority"]!.GetValue<string>().ShouldBe("high");
        Kinds(body).ShouldBe(["off_track"]);
    }

    [Fact]
    public async Task Phq9_20_then_13_at_session_2_is_improved_not_recovered_and_on_track()
    {
        await PostAsync("v-8", "PHQ-9", [3, 3, 3, 3, 2, 2, 2, 2, 0], Http.Monday, 1);
        var f = (await PostAsync("v-8", "PHQ-9", [2, 2, 2, 2, 2, 1, 1, 1, 0], Http.Monday.AddDays(7), 2))["feedback"]!;
        f["expected"]!["score"]!.GetValue<decimal>().ShouldBe(16.5m);
        f["changeFromIntake"]!.GetValue<decimal>().ShouldBe(-7);
        f["reliableChange"]!.GetValue<string>().ShouldBe("improved");
        f["recovered"]!.GetValue<bool>().ShouldBeFalse();
        f["deviation"]!.GetValue<decimal>().ShouldBe(-3.5m);
        f["status"]!.GetValue<string>().ShouldBe("on_track");
    }

    [Fact]
    public async Task Srs_36_6_is_an_alliance_concern_for_item_below_9_only()
    {
        var body = await PostAsync("v-9", "SRS", [9.5m, 9.0m, 8.5m, 9.6m], Http.Monday, 1);
        body["score"]!["total"]!.GetValue<decimal>().ShouldBe(36.6m);
        var f = body["feedback"]!;
        f["kind"]!.GetValue<string>().ShouldBe("alliance");
        f["concern"]!.GetValue<bool>().ShouldBeTrue();
        f["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["item_below_9"]);
        Kinds(body).ShouldBe(["alliance_concern"]);
    }

    [Fact]
    public async Task A_back_dated_administration_takes_its_place_as_the_new_intake()
    {
        await PostAsync("v-10", "PHQ-9", [2, 2, 2, 2, 2, 2, 2, 2, 0], Http.Monday.AddDays(14));
        var earlier = await PostAsync("v-10", "PHQ-9", [3, 3, 3, 3, 2, 2, 2, 2, 0], Http.Monday);
        earlier["feedback"]!["status"]!.GetValue<string>().ShouldBe("baseline");
        earlier["feedback"]!["intakeScore"]!.GetValue<decimal>().ShouldBe(20);
        var progress = await (await app.Reader.GetAsync(ApiRoutes.ProgressOf("v-10", "PHQ-9"), Ct)).BodyAsync();
        progress["intakeScore"]!.GetValue<decimal>().ShouldBe(20);
        progress["points"]!.AsArray().Select(p => p!["score"]!.GetValue<decimal>()).ShouldBe([20m, 16m]);
    }

    [Fact]
    public async Task A_therapist_rating_well_above_the_client_raises_a_discrepancy_on_the_later_one()
    {
        // WAI-SR item means on 0-1: client 4 of 1-5 = 0.75, therapist 5 = 1.0: 0.25 >= 0.15
        await PostAsync("v-11", "WAI-SR", [.. Enumerable.Repeat<decimal?>(4, 12)], Http.Monday, 3);
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("v-11"),
            Http.Administration("WAI-SR", [.. Enumerable.Repeat<decimal?>(5, 12)], Http.Monday.AddHours(1), 3, rater: "therapist"), Ct);
        Kinds(await rsp.BodyAsync()).ShouldBe(["alliance_discrepancy"]);
    }

    [Theory]
    [InlineData("SRS"), InlineData("CSRS"), InlineData("PHQ-9"), InlineData("ORS")]
    public async Task Rater_therapist_is_accepted_only_for_wai_sr(string code)
    {
        var items = Enumerable.Repeat<decimal?>(1, Feedback.Clinical.Instruments.Catalogue.Get(code).ItemCount).ToArray();
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("v-12"), Http.Administration(code, items, Http.Monday, 1, rater: "therapist"), Ct);
        (await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["rater"].ShouldNotBeNull();
    }
}
