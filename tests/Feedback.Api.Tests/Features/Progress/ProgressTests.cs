namespace Feedback.Api.Tests.Features.Progress;

public sealed class ProgressTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task SeedAsync(string clientId)
    {
        int?[][] sessions = [[3, 3, 3, 3, 2, 2, 2, 2, 0], [2, 2, 2, 2, 2, 2, 2, 1, 0], [3, 3, 2, 2, 2, 2, 2, 2, 0]]; // 20, 15, 18
        int[] numbers = [1, 2, 8];
        for (var k = 0; k < sessions.Length; k++)
            (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), Http.Phq9(sessions[k], Http.Monday.AddDays(7 * k), numbers[k]), Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Progress_recomputes_every_point_against_the_expected_trajectory()
    {
        await SeedAsync("pr-1");
        var progress = await (await app.Reader.GetAsync(ApiRoutes.ProgressOf("pr-1", "PHQ-9"), Ct)).BodyAsync();
        progress["model"]!.GetValue<string>().ShouldBe("power-decay-v1.1");
        progress["intakeScore"]!.GetValue<decimal>().ShouldBe(20);
        var points = progress["points"]!.AsArray();
        points.Select(p => p!["status"]!.GetValue<string>()).ShouldBe(["baseline", "on_track", "off_track"]);
        points[2]!["expected"]!.GetValue<decimal>().ShouldBe(11.5m);
        points[2]!["offTrack"]!.GetValue<decimal>().ShouldBe(17.5m);
        points[2]!["session"]!.GetValue<int>().ShouldBe(8);
    }

    [Fact]
    public async Task The_chart_is_an_svg_with_the_curve_band_cutoff_and_no_client_identifier()
    {
        await SeedAsync("pr-secret-2");
        var rsp = await app.Reader.GetAsync(ApiRoutes.ProgressChartOf("pr-secret-2", "PHQ-9"), Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK);
        rsp.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        var svg = await rsp.Content.ReadAsStringAsync(Ct);
        var doc = System.Xml.Linq.XDocument.Parse(svg); // well-formed
        doc.Root!.Name.LocalName.ShouldBe("svg");
        svg.ShouldContain("clinical cut-off 10");
        svg.ShouldContain("stroke-dasharray=\"6 4\""); // expected curve
        svg.ShouldContain("<polygon");                // band
        svg.Split("<circle").Length.ShouldBeGreaterThanOrEqualTo(4);
        svg.ShouldNotContain("pr-secret-2");
    }

    [Fact]
    public async Task Progress_of_an_unknown_client_is_404_of_an_unknown_instrument_400_and_of_an_unrated_alliance_measure_empty()
    {
        await (await app.Reader.GetAsync(ApiRoutes.ProgressOf("nobody-here", "PHQ-9"), Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await SeedAsync("pr-3");
        (await (await app.Reader.GetAsync(ApiRoutes.ProgressOf("pr-3", "srs"), Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["instrument"].ShouldNotBeNull();
        var alliance = await (await app.Reader.GetAsync(ApiRoutes.ProgressOf("pr-3", "SRS"), Ct)).BodyAsync();
        (alliance["kind"]!.GetValue<string>(), alliance["series"]!.AsArray().ShouldHaveSingleItem()!["points"]!.AsArray().Count).ShouldBe(("alliance", 0));
        var empty = await (await app.Reader.GetAsync(ApiRoutes.ProgressOf("pr-3", "GAD-7"), Ct)).BodyAsync();
        empty["points"]!.AsArray().ShouldBeEmpty();
    }
}
