namespace Feedback.Api.Tests.Features.Instruments;

public sealed class InstrumentTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task The_catalogue_lists_all_eleven_instruments_with_their_rules()
    {
        var list = (await (await app.Tablet.GetAsync(ApiRoutes.InstrumentsPath, TestContext.Current.CancellationToken)).BodyAsync())["items"]!.AsArray();
        list.Select(i => i!["code"]!.GetValue<string>()).ShouldBe(["PHQ-9", "GAD-7", "CORE-10", "OQ-45.2", "ORS", "WHO-5", "SRS", "WAI-SR", "CORS", "CSRS", "TASC-R"]);
        var core10 = list.Single(i => i!["code"]!.GetValue<string>() == "CORE-10")!;
        core10["reverseItems"]!.AsArray().Select(n => n!.GetValue<int>()).ShouldBe([2, 3]);
        core10["rci"]!.GetValue<decimal>().ShouldBe(6);
        core10["direction"]!.GetValue<string>().ShouldBe("higher_is_worse");
    }

    [Fact]
    public async Task One_instrument_has_its_bands_and_an_unknown_code_is_404()
    {
        var ct = TestContext.Current.CancellationToken;
        var phq9 = await (await app.Tablet.GetAsync(ApiRoutes.InstrumentOf("PHQ-9"), ct)).BodyAsync();
        phq9["severityBands"]!.AsArray().Select(b => b!["code"]!.GetValue<string>()).ShouldBe(["minimal", "mild", "moderate", "moderately_severe", "severe"]);
        phq9["license"]!.GetValue<string>().ShouldBe("(c) Pfizer, free to use without permission");
        await (await app.Tablet.GetAsync(ApiRoutes.InstrumentOf("phq-9"), ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_instrument_answers_its_licence_as_text_and_its_status()
    {
        var list = (await (await app.Tablet.GetAsync(ApiRoutes.InstrumentsPath, TestContext.Current.CancellationToken)).BodyAsync())["items"]!.AsArray();
        list.Select(i => (i!["code"]!.GetValue<string>(), i["licenseStatus"]!.GetValue<string>())).ShouldBe(
        [
            ("PHQ-9", "free"), ("GAD-7", "free"), ("CORE-10", "free"), ("OQ-45.2", "enable"), ("ORS", "enable"), ("WHO-5", "free"),
            ("SRS", "enable"), ("WAI-SR", "enable"), ("CORS", "enable"), ("CSRS", "enable"), ("TASC-R", "required"),
        ]);
        list.ShouldAllBe(i => i!["license"]!.GetValueKind() == System.Text.Json.JsonValueKind.String);
        list.Where(i => i!["code"]!.GetValue<string>() != "TASC-R").ShouldAllBe(i => i!["intendedAges"] == null && i["note"] == null);
    }

    [Fact]
    public async Task Tasc_r_lists_its_intended_ages_and_where_child_report_converged()
    {
        var tascR = await (await app.Tablet.GetAsync(ApiRoutes.InstrumentOf("TASC-R"), TestContext.Current.CancellationToken)).BodyAsync();
        tascR["license"]!.GetValue<string>().ShouldBe("not verified by Feedback; the tenant attests its own permission");
        tascR["licenseStatus"]!.GetValue<string>().ShouldBe("required");
        tascR["intendedAges"]!.GetValue<string>().ShouldBe("7-17");
        var note = tascR["note"]!.GetValue<string>();
        note.ShouldContain("McLeod et al. 2017");
        note.ShouldContain("converged with observer and therapist ratings for adolescents (11 and older) but not for younger children");
        (tascR["kind"]!.GetValue<string>(), tascR["items"]!.GetValue<int>(), tascR["itemMin"]!.GetValue<int>(), tascR["itemMax"]!.GetValue<int>(), tascR["maxMissing"]!.GetValue<int>())
            .ShouldBe(("alliance", 12, 1, 4, 1));
        tascR["reverseItems"]!.AsArray().Select(n => n!.GetValue<int>()).ShouldBe([2, 5, 7, 8, 11]);
        tascR["direction"]!.GetValue<string>().ShouldBe("higher_is_better");
    }
}
