namespace Feedback.Api.Tests.Features.Reports;

/// <summary>
/// The outcome report's alliance block over real HTTP (clinical.md section 8, report-v1.1): SRS series of the client and
/// a caregiver, ruptures and repair recomputed from the stored ratings, early alliance, and where the block stands.
/// </summary>
public sealed class AllianceBlockReportTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static decimal?[] Srs(decimal total) => [total / 4, total / 4, total / 4, total / 4];

    async Task SeriesAsync(string client, decimal[] totals, string rater = "client")
    {
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(client), new { ageGroup = "adult", clinicianId = "clin-al" }, Ct)).EnsureSuccessStatusCode();
        var first = app.Clock.GetUtcNow().AddDays(-60);
        var episodeId = "";
        for (var k = 0; k < totals.Length; k++)
        {
            var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(client),
                Http.Administration("SRS", Srs(totals[k]), first.AddDays(7 * k).AddMinutes(rater == "client" ? 0 : 5), session: k + 1, rater: rater), Ct);
            rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
            episodeId = (await rsp.BodyAsync())["episodeId"]!.GetValue<string>();
        }
        (await app.Ehr.PostAsync(ApiRoutes.CloseEpisodeOf(client, episodeId), null, Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Twelve_repaired_ruptures_show_and_a_single_caregiver_series_hides()
    {
        // Twelve clients: SRS 38.0, 38.0, 38.0, 34.0, 37.2 -> a rupture at 4 (B 38, 34 <= 36), repaired at 5 (37.2 >= 37).
        // Sessions 1-3 hold 38 x 3 (mean 38 > 36): assessed early, no risk. Another client's caregiver has a series of 3;
        // al-0's rating of yesterday opened a new episode, which has not ended.
        for (var c = 0; c < 12; c++) await SeriesAsync($"al-{c}", [38.0m, 38.0m, 38.0m, 34.0m, 37.2m]);
        await SeriesAsync("al-0-care", [30, 30, 30], rater: "caregiver");
        (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("al-0"), Http.Administration("SRS", Srs(30), app.Clock.GetUtcNow().AddDays(-1)), Ct)).EnsureSuccessStatusCode();

        var report = await (await app.Reader.GetAsync(ApiRoutes.OutcomeReportPath + "?instrument=ORS&groupBy=clinician", Ct)).BodyAsync();
        var total = report["total"]!["alliance"]!.AsArray();
        total.Count.ShouldBe(2);
        total[1]!.ToJsonString().ShouldBe("""
            {"instrument":"SRS","rater":"caregiver","series":null,"ruptures":0,"repaired":{"count":0,"rate":null},"unrepaired":0,"suppressed":["series","repaired.rate"]}
            """.Trim());
        total[0]!.ToJsonString().ShouldBe("""
            {"instrument":"SRS","rater":"client","series":12,"ruptures":12,"repaired":{"count":12,"rate":1},"unrepaired":0,"earlyAssessed":12,"earlyAllianceRisk":{"count":0,"rate":0},"suppressed":[]}
            """.Trim());
        var group = report["groups"]!.AsArray().Single()!;
        (group["key"]!.GetValue<string>(), group["alliance"]![0]!["series"]!.GetValue<int>()).ShouldBe(("clin-al", 12));
        (group["endedEpisodes"]!.GetValue<int>(), group.AsObject().ContainsKey("saesTenantReferenced")).ShouldBe((0, true));
    }
}
