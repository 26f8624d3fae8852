namespace Feedback.Api.Tests.Features.Reports;

/// <summary>
/// GET /v1/reports/outcomes over real HTTP (interop.md 4.1, clinical.md section 8): which episodes ended, first and last
/// client-rated administrations, grouping, and suppression as a clinic's lead sees them. Expected figures by hand.
/// </summary>
public sealed class OutcomeReportTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task EpisodeAsync(string client, string clinician, int intake, int final, DateTimeOffset first, DateTimeOffset last, bool close)
    {
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(client), new { ageGroup = "adult", clinicianId = clinician }, Ct)).EnsureSuccessStatusCode();
        var episodeId = "";
        foreach (var (total, at) in new[] { (intake, first), (final, last) })
        {
            var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(client), Http.Phq9(Items(total), at), Ct);
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

    [Fact]
    public async Task A_clinics_lead_reads_recovery_by_clinician_with_small_numbers_hidden()
    {
        var now = app.Clock.GetUtcNow();
        // clin-r1: 20 episodes 20 -> 8 (a case, recovered, reliably improved), 10 episodes 12 -> 12 (a case, unchanged), all
        // closed today; one more closed with a single PHQ-9 (ended, not completed).
        for (var i = 0; i < 20; i++) await EpisodeAsync($"ra-{i}", "clin-r1", 20, 8, now.AddDays(-60), now.AddDays(-30), close: true);
        for (var i = 0; i < 10; i++) await EpisodeAsync($"rb-{i}", "clin-r1", 12, 12, now.AddDays(-60), now.AddDays(-30), close: true);
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("rc-0"), new { ageGroup = "adult", clinicianId = "clin-r1" }, Ct)).EnsureSuccessStatusCode();
        var single = await (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("rc-0"), Http.Phq9(Items(14), now.AddDays(-20)), Ct)).BodyAsync();
        (await app.Ehr.PostAsync(ApiRoutes.CloseEpisodeOf("rc-0", single["episodeId"]!.GetValue<string>()), null, Ct)).EnsureSuccessStatusCode();
        // A caregiver's PHQ-9 after ra-0's final does not count (client-rated only).
        (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("ra-0"), Http.Administration("PHQ-9", [3, 3, 3, 3, 3, 3, 3, 3, 3], now.AddDays(-1), rater: "caregiver"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        // clin-r2: two closed, and one still open whose last administration is 100 days old (past the 90-day guard): 3 ended.
        await EpisodeAsync("rd-0", "clin-r2", 20, 8, now.AddDays(-60), now.AddDays(-30), close: true);
        await EpisodeAsync("rd-1", "clin-r2", 20, 8, now.AddDays(-60), now.AddDays(-30), close: true);
        await EpisodeAsync("rd-2", "clin-r2", 20, 8, now.AddDays(-180), now.AddDays(-100), close: false);
        // clin-r3: 12 episodes 20 -> 8, closed.
        for (var i = 0; i < 12; i++) await EpisodeAsync($"rf-{i}", "clin-r3", 20, 8, now.AddDays(-60), now.AddDays(-30), close: true);
        // Not ended: open, last administration 5 days ago.
        await EpisodeAsync("re-0", "clin-r1", 20, 8, now.AddDays(-10), now.AddDays(-5), close: false);

        var rsp = await app.Reader.GetAsync(ApiRoutes.OutcomeReportPath + "?instrument=PHQ-9&groupBy=clinician", Ct);
        var report = await rsp.BodyAsync();
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK, report.ToJsonString());
        (report["reportVersion"]!.GetValue<string>(), report["minCellSize"]!.GetValue<int>()).ShouldBe(("report-v1.1", 10));
        (report["saesMethod"]!.GetValue<string>(), report["saesReference"]!.GetValue<string>()).ShouldBe(("saes-v1", "tenant"));
        report["to"]!.GetValue<string>().ShouldBe(now.UtcDateTime.Date.AddDays(1).ToString("yyyy-MM-dd"));
        var groups = report["groups"]!.AsArray();
        groups.Select(g => g!["key"]!.GetValue<string>()).ShouldBe(["clin-r1", "clin-r2", "clin-r3"]);

        // Before suppression (clinical.md section 8, algorithm v1.2), counts ended, completed, cases, recovered, improved,
        // deteriorated, unchanged, reliable recovery: clin-r1 31, 30, 30, 20, 20, 0, 10, 20; clin-r2 3, 3, 3, 3, 3, 0, 0, 3;
        // clin-r3 12, 12, 12, 12, 12, 0, 0, 12; total 46, 45, 45, 35, 35, 0, 10, 35.
        // Primary: clin-r2's 3s. R2 (ended = completed + [one administration]) with 31 - 30 = 1 hides clin-r1's completed,
        // and 46 - 45 = 1 the total's; R1 of the total then hides its smallest shown term, unchanged (10). Columns: clin-r2's
        // hidden cells take clin-r3's (12, the smallest) with them, and the total's unchanged takes clin-r1's (10). Second
        // pass: clin-r3's R1 (12 = [12] + 0 + 0) hides its completed. Third pass: nothing.
        var r1 = groups[0]!;
        (r1["endedEpisodes"]!.GetValue<int>(), r1["completedEpisodes"], r1["casesAtIntake"]!.GetValue<int>()).ShouldBe((31, null, 30));
        r1["recovered"]!.ToJsonString().ShouldBe("""{"count":20,"rate":0.667}""");
        r1["reliablyImproved"]!.ToJsonString().ShouldBe("""{"count":20,"rate":null}"""); // a share of the hidden completed
        r1["reliablyDeteriorated"]!.ToJsonString().ShouldBe("""{"count":0,"rate":null}""");
        r1["reliableRecovery"]!.ToJsonString().ShouldBe("""{"count":20,"rate":0.667}""");
        r1["unchanged"]!.ToJsonString().ShouldBe("""{"count":null,"rate":null}""");
        // d: changes 20 x 12 and 10 x 0, mean 8; intakes 20 x 20 and 10 x 12, sample SD sqrt((20 (8/3)^2 + 10 (16/3)^2) / 29)
        // = 3.8357; 8 / 3.8357 = 2.086.
        r1["prePostD"]!.GetValue<double>().ShouldBe(2.09);
        // SAES against the tenant's 45 cases: 35 at (intake 20, change 12) and 10 at (12, 0). The OLS line passes through
        // both, so every residual is 0 and each adjusted change is the reference mean change 420/45 = 9.333; reference
        // SD(intake): mean 820/45 = 18.222, SS = 35 x 1.7778^2 + 10 x 6.2222^2 = 497.78, sqrt(497.78 / 44) = 3.3635;
        // 9.333 / 3.3635 = 2.775.
        r1["saesTenantReferenced"]!.GetValue<double>().ShouldBe(2.77);
        r1["suppressed"]!.AsArray().Select(x => x!.GetValue<string>()).ShouldBe(
            ["completedEpisodes", "reliablyImproved.rate", "reliablyDeteriorated.rate", "unchanged.count", "unchanged.rate"]);

        // clin-r2: 3 episodes: every count of 1-9 hidden, zero shown, no rate or effect size below 10.
        var r2 = groups[1]!;
        (r2["endedEpisodes"], r2["completedEpisodes"], r2["recovered"]!["count"], r2["prePostD"], r2["saesTenantReferenced"]).ShouldBe((null, null, null, null, null));
        r2["reliablyDeteriorated"]!.ToJsonString().ShouldBe("""{"count":0,"rate":null}""");
        r2["suppressed"]!.AsArray().Count.ShouldBe(13); // all 15 figures but the zero counts of deterioration and no change
        var r3 = groups[2]!;
        (r3["endedEpisodes"], r3["completedEpisodes"], r3["casesAtIntake"], r3["recovered"]!["count"], r3["recovered"]!["rate"]).ShouldBe((null, null, null, null, null));
        r3["reliablyDeteriorated"]!.ToJsonString().ShouldBe("""{"count":0,"rate":null}""");
        r3["saesTenantReferenced"]!.GetValue<double>().ShouldBe(2.77); // 12 cases: an effect size needs 10

        var total = report["total"]!;
        (total["endedEpisodes"]!.GetValue<int>(), total["completedEpisodes"], total["casesAtIntake"]!.GetValue<int>()).ShouldBe((46, null, 45));
        total["recovered"]!.ToJsonString().ShouldBe("""{"count":35,"rate":0.778}""");
        total["unchanged"]!["count"].ShouldBeNull();
        // The total carries no SAES (over the whole reference it is d by construction): d = 9.333 / 3.3635 = 2.775.
        total.AsObject().ContainsKey("saesTenantReferenced").ShouldBeFalse();
        total["prePostD"]!.GetValue<double>().ShouldBe(2.77);
        total["alliance"]!.AsArray().ShouldBeEmpty();

        // clin-r3 alone shows no more than its row above: its counts stay hidden (else 46 - 31 - 12 would give clin-r2's 3);
        // ungrouped, it has no SAES; its d cannot be computed (12 equal intakes).
        var r3Alone = await (await app.Reader.GetAsync(ApiRoutes.OutcomeReportPath + "?instrument=PHQ-9&clinicianId=clin-r3", Ct)).BodyAsync();
        (r3Alone["total"]!["endedEpisodes"], r3Alone["total"]!["recovered"]!["count"], r3Alone["groups"]![0]!["casesAtIntake"]).ShouldBe((null, null, null));
        (r3Alone["total"]!.AsObject().ContainsKey("saesTenantReferenced"), r3Alone["total"]!["prePostD"]).ShouldBe((false, null));
        // By instrument there is no total: the instruments' figures do not add up, and it would give back hidden cells.
        var byInstrument = await (await app.Reader.GetAsync(ApiRoutes.OutcomeReportPath + "?groupBy=instrument", Ct)).BodyAsync();
        byInstrument["total"]!["suppressed"]!.AsArray().Count.ShouldBe(14);
        byInstrument["groups"]![0]!["casesAtIntake"]!.GetValue<int>().ShouldBe(45);
        byInstrument["groups"]![0]!.AsObject().ContainsKey("alliance").ShouldBeFalse();
        byInstrument["groups"]![0]!.AsObject().ContainsKey("saesTenantReferenced").ShouldBeFalse();

        // The same report as an SVG: well-formed, clin-r1's bars with their counts, hidden ones drawn as suppressed, the
        // SAES legend of section 8 and no published benchmark, no client id in it.
        var chart = await app.Reader.GetAsync(ApiRoutes.OutcomeReportChartPath + "?instrument=PHQ-9&groupBy=clinician", Ct);
        chart.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        var svg = await chart.Content.ReadAsStringAsync(Ct);
        var text = string.Concat(System.Xml.Linq.XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value + "|"));
        text.ShouldContain("66.7 % (20/30)|");                  // clin-r1 recovered
        text.ShouldContain("clin-r2|counts suppressed|effect sizes suppressed|");
        text.ShouldContain("adjusted against this service's own episodes in the period; compares clinicians or months within the service, not with other services");
        text.ShouldNotContain("effective");
        // clin-r1 2 (improved, deteriorated: shares of a hidden count), clin-r2 4, clin-r3 4, the total 2, the legend 1.
        text.Split('|').Count(t => t.StartsWith("suppressed")).ShouldBe(2 + 4 + 4 + 2 + 1);
        svg.ShouldNotContain("ra-");
        svg.ShouldNotContain("rd-");

        // Filtered to one clinician and by month: the stale episode ended 100 days ago, in its own month.
        var byMonth = await (await app.Reader.GetAsync(ApiRoutes.OutcomeReportPath + "?instrument=PHQ-9&groupBy=month&clinicianId=clin-r2", Ct)).BodyAsync();
        byMonth["groups"]!.AsArray().Select(g => g!["key"]!.GetValue<string>()).ShouldBe(
            new[] { now.AddDays(-100), now }.Select(d => d.UtcDateTime.ToString("yyyy-MM")).Distinct().Order(StringComparer.Ordinal));
        // A range that ends before anything closed: nothing.
        var before = await (await app.Admin.GetAsync(ApiRoutes.OutcomeReportPath + $"?instrument=PHQ-9&from=2020-01-01&to=2020-02-01", Ct)).BodyAsync();
        before["total"]!["endedEpisodes"]!.GetValue<int>().ShouldBe(0);
        // Audited, with no client named: the report holds none.
        var audit = (await (await app.Admin.GetAsync(ApiRoutes.AuditLogPath + "?limit=20", Ct)).BodyAsync())["items"]!.AsArray();
        audit.ShouldContain(e => e!["route"]!.GetValue<string>() == ApiRoutes.OutcomeReport);
    }

    [Theory]
    [InlineData("", "instrument")]
    [InlineData("?instrument=SRS", "instrument")]
    [InlineData("?instrument=PHQ9", "instrument")]
    [InlineData("?instrument=PHQ-9&from=2026-13-01", "from")]
    [InlineData("?instrument=PHQ-9&from=2026-1-1", "from")]
    [InlineData("?instrument=PHQ-9&from=2026-03-01&to=2026-03-01", "to")]
    [InlineData("?instrument=PHQ-9&from=2020-01-01&to=2025-01-02", "to")]
    [InlineData("?instrument=PHQ-9&groupBy=week", "groupBy")]
    [InlineData("?instrument=PHQ-9&from=9999-12-30&to=9999-12-31", "from")]
    [InlineData("?instrument=PHQ-9&to=0001-01-02", "to")]
    [InlineData("?instrument=PHQ-9&from=2019-01-01", "from")]
    [InlineData("?instrument=PHQ-9&from=2999-01-01", "from")]
    [InlineData("?instrument=PHQ-9&clinicianId=a%20b", "clinicianId")]
    public async Task Bad_report_queries_are_400_naming_the_parameter(string query, string field)
    {
        var problem = await (await app.Reader.GetAsync(ApiRoutes.OutcomeReportPath + query, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }

    [Theory]
    [InlineData("?groupBy=instrument")]
    [InlineData("?instrument=PHQ-9%2BGAD-7")]
    [InlineData("?instrument=PHQ-9&from=2020-01-01&to=2025-01-01")] // exactly 5 years
    public async Task Good_report_queries_answer(string query) =>
        (await app.Reader.GetAsync(ApiRoutes.OutcomeReportPath + query, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
}
