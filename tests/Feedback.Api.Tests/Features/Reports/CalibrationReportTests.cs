namespace Feedback.Api.Tests.Features.Reports;

/// <summary>
/// GET /v1/reports/calibration over real HTTP (clinical.md section 12, calibration-v1): the six-episode vector with
/// suppression on, a sample large enough to show, the sample's boundary, the clinician filter, bad queries. Expected
/// figures by hand.
/// </summary>
public sealed class CalibrationReportTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    int clients;

    // The six episodes of section 12: PHQ-9, weekly sessions t = 1, 2, ...
    static readonly int[][] Vector = [[20, 20, 13, 10], [11, 11, 11, 11], [12, 15, 17, 19], [18, 19, 16, 11], [10, 9, 8, 9, 9], [10, 9, 8, 9, 4]];

    async Task EpisodeAsync(string clinician, int[] scores, bool close = true)
    {
        var client = $"cal-{clinician}-{++clients}";
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(client), new { ageGroup = "adult", clinicianId = clinician }, Ct)).EnsureSuccessStatusCode();
        var first = app.Clock.GetUtcNow().AddDays(-7 * scores.Length - 1);
        var episodeId = "";
        for (var k = 0; k < scores.Length; k++)
        {
            var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(client), Http.Phq9(Items(scores[k]), first.AddDays(7 * k), session: k + 1), Ct);
            rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
            episodeId = (await rsp.BodyAsync())["episodeId"]!.GetValue<string>();
        }
        if (close) (await app.Ehr.PostAsync(ApiRoutes.CloseEpisodeOf(client, episodeId), null, Ct)).EnsureSuccessStatusCode();
    }

    // A PHQ-9 answer with this total and item 9 at 0 (no risk alert).
    static int?[] Items(int total)
    {
        var items = new int?[9];
        for (var i = 0; i < 8; i++) items[i] = Math.Min(3, Math.Max(0, total - 3 * i));
        items[8] = 0;
        items.Sum().ShouldBe(total);
        return items;
    }

    async Task<JsonNode> ReportAsync(string query)
    {
        var rsp = await app.Reader.GetAsync(ApiRoutes.CalibrationReportPath + query, Ct);
        var body = await rsp.BodyAsync();
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    [Fact]
    public async Task The_six_episode_vector_is_all_below_10_and_hidden_but_its_20_post_intake_assessments()
    {
        foreach (var scores in Vector) await EpisodeAsync("clin-vec", scores);
        var report = await ReportAsync("?instrument=PHQ-9&clinicianId=clin-vec");
        (report["calibrationVersion"]!.GetValue<string>(), report["model"]!.GetValue<string>(), report["rulesVersion"]!.GetValue<string>())
            .ShouldBe(("calibration-v1", "power-decay-v1.1", "alerts-v1.2"));
        (report["instrument"]!.GetValue<string>(), report["clinicianId"]!.GetValue<string>(), report["minCellSize"]!.GetValue<int>()).ShouldBe(("PHQ-9", "clin-vec", 10));
        // 6 episodes, 6 early-assessed, 3 poor, 3 not poor, TP 2, FP 2, FN 1, TN 1, 20 post-intake, 6 flagged: every count
        // but 20 is 1-9; 20 = 6 + [14 unflagged] is safe. Every rate uses a hidden count.
        report["postIntakeAssessments"]!.GetValue<int>().ShouldBe(20);
        string[] hidden = ["episodes", "earlyAssessed", "poor", "notPoor", "TP", "FP", "FN", "TN", "flaggedAssessments", "flagRate", "sensitivity",
            "specificity", "ppv", "auc"];
        report["suppressed"]!.AsArray().Select(x => x!.GetValue<string>()).ShouldBe(hidden);
        foreach (var field in hidden) report[field].ShouldBeNull(field);
        var audit = (await (await app.Admin.GetAsync(ApiRoutes.AuditLogPath + "?limit=20", Ct)).BodyAsync())["items"]!.AsArray();
        audit.ShouldContain(e => e!["route"]!.GetValue<string>() == ApiRoutes.CalibrationReport);
    }

    [Fact]
    public async Task Seventy_episodes_show_every_figure()
    {
        // 10 of each of E1-E5 and 20 of E6 (section 12), under clin-big.
        foreach (var (scores, copies) in Vector.Zip([10, 10, 10, 10, 10, 20]))
            for (var c = 0; c < copies; c++) await EpisodeAsync("clin-big", scores);
        // Not in the sample: 3 administrations (closed), and 4 in an episode still open and recent.
        await EpisodeAsync("clin-big", [20, 20, 20]);
        await EpisodeAsync("clin-big", [20, 20, 20, 20], close: false);

        var report = await ReportAsync("?instrument=PHQ-9&clinicianId=clin-big");
        // poor: E2, E3, E5 (30); not poor: E1, E4, E6 (40). Flagged early: E1-E4. TP = E2 + E3 = 20, FP = E1 + E4 = 20,
        // FN = E5 = 10, TN = E6 = 20. Post-intake: 40 episodes x 3 + 30 x 4 = 240; flagged 10 x (1 + 1 + 3 + 1) = 60.
        (report["episodes"]!.GetValue<int>(), report["earlyAssessed"]!.GetValue<int>(), report["poor"]!.GetValue<int>(), report["notPoor"]!.GetValue<int>())
            .ShouldBe((70, 70, 30, 40));
        (report["TP"]!.GetValue<int>(), report["FP"]!.GetValue<int>(), report["FN"]!.GetValue<int>(), report["TN"]!.GetValue<int>()).ShouldBe((20, 20, 10, 20));
        (report["postIntakeAssessments"]!.GetValue<int>(), report["flaggedAssessments"]!.GetValue<int>()).ShouldBe((240, 60));
        // 60/240 = 0.25; 20/30 = 0.667; 20/40 = 0.5; 20/40 = 0.5.
        (report["flagRate"]!.GetValue<double>(), report["sensitivity"]!.GetValue<double>(), report["specificity"]!.GetValue<double>(), report["ppv"]!.GetValue<double>())
            .ShouldBe((0.25, 0.667, 0.5, 0.5));
        // AUC: E2 (2.997) beats E6 (1.627): 10 x 20; E3 (10.367) beats all 40: 10 x 40; E5 ties E6: 10 x 20 / 2; E2 and E5
        // lose to E1 (3.528) and E4 (4.115). (200 + 400 + 100) / (30 x 40) = 0.583.
        report["auc"]!.GetValue<double>().ShouldBe(0.583);
        report["suppressed"]!.AsArray().ShouldBeEmpty();
        // Another clinician has none of them.
        (await ReportAsync("?instrument=PHQ-9&clinicianId=clin-none"))["episodes"]!.GetValue<int>().ShouldBe(0);
        // The range: a range that ends before anything closed holds nothing; GAD-7 has no episodes.
        (await ReportAsync("?instrument=PHQ-9&clinicianId=clin-big&from=2020-01-01&to=2020-02-01"))["episodes"]!.GetValue<int>().ShouldBe(0);
        (await ReportAsync("?instrument=GAD-7"))["episodes"]!.GetValue<int>().ShouldBe(0);
    }

    [Theory]
    [InlineData("", "instrument")]
    [InlineData("?instrument=SRS", "instrument")]
    [InlineData("?instrument=PHQ-9%2BGAD-7", "instrument")]
    [InlineData("?instrument=PHQ9", "instrument")]
    [InlineData("?instrument=PHQ-9&from=2026-13-01", "from")]
    [InlineData("?instrument=PHQ-9&from=2026-03-01&to=2026-03-01", "to")]
    [InlineData("?instrument=PHQ-9&from=2020-01-01&to=2025-01-02", "to")]
    [InlineData("?instrument=PHQ-9&from=2999-01-01", "from")]
    [InlineData("?instrument=PHQ-9&clinicianId=a%20b", "clinicianId")]
    public async Task Bad_calibration_queries_are_400_naming_the_parameter(string query, string field)
    {
        var problem = await (await app.Reader.GetAsync(ApiRoutes.CalibrationReportPath + query, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }

    [Fact]
    public async Task A_submit_only_key_is_refused() =>
        (await app.Tablet.GetAsync(ApiRoutes.CalibrationReportPath + "?instrument=PHQ-9", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
}
