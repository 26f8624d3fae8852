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
        phq9["license"]!["terms"]!.GetValue<string>().ShouldBe("(c) Pfizer, free to use without permission");
        await (await app.Tablet.GetAsync(ApiRoutes.InstrumentOf("phq-9"), ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
