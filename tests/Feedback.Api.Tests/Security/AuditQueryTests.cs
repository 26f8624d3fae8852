namespace Feedback.Api.Tests.Security;

/// <summary>
/// Reports and exports are audited with the query they answered: a caller differencing two ranges a day apart leaves two
/// entries that differ by their range (docs/security.md "Audit").
/// </summary>
public sealed class AuditQueryTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<List<JsonObject>> EntriesAsync(string route)
    {
        var page = await (await app.Admin.GetAsync(ApiRoutes.AuditLogPath + "?limit=200", Ct)).BodyAsync();
        return page["items"]!.AsArray().Select(e => e!.AsObject()).Where(e => e["route"]!.GetValue<string>() == route).ToList();
    }

    static JsonObject Detail(JsonObject entry) => JsonNode.Parse(entry["detail"]!.GetValue<string>())!.AsObject();

    [Fact]
    public async Task Two_reports_over_ranges_a_day_apart_are_two_entries_that_differ_by_their_query()
    {
        (await app.Reader.GetAsync(ApiRoutes.OutcomeReportPath + "?instrument=PHQ-9&from=2026-01-01&to=2026-03-01&clinicianId=dr-1", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Reader.GetAsync(ApiRoutes.OutcomeReportPath + "?instrument=PHQ-9&from=2026-01-01&to=2026-03-02&clinicianId=dr-1", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Reader.GetAsync(ApiRoutes.CalibrationReportPath + "?instrument=GAD-7&from=2025-06-01", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var outcomes = (await EntriesAsync(ApiRoutes.OutcomeReport)).Select(e => Detail(e)["query"]!.AsObject()).ToList();
        outcomes.Count.ShouldBe(2);
        outcomes.Select(q => q["to"]!.GetValue<string>()).ShouldBe(["2026-03-02", "2026-03-01"]); // newest first
        outcomes.ShouldAllBe(q => q["from"]!.GetValue<string>() == "2026-01-01" && q["instrument"]!.GetValue<string>() == "PHQ-9" && q["clinicianId"]!.GetValue<string>() == "dr-1");
        var calibration = Detail((await EntriesAsync(ApiRoutes.CalibrationReport)).Single(e => e["status"]!.GetValue<int>() == 200))["query"]!.AsObject();
        calibration.Select(p => p.Key).ShouldBe(["from", "instrument"]);
    }

    [Fact]
    public async Task An_export_entry_records_its_query_beside_its_snapshot_and_row_count()
    {
        (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("aq-1"), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var export = await app.Admin.GetAsync(ApiRoutes.ExportAdministrationsPath + "?from=2020-01-01&to=2030-01-01T00:00:00%2B02:00&instrument=PHQ-9", Ct);
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        await export.Content.ReadAsStringAsync(Ct);

        var detail = Detail((await EntriesAsync(ApiRoutes.ExportAdministrations)).Single(e => e["status"]!.GetValue<int>() == 200));
        detail["rows"]!.GetValue<long>().ShouldBe(1);
        detail["complete"]!.GetValue<bool>().ShouldBeTrue();
        var query = detail["query"]!.AsObject();
        query["from"]!.GetValue<string>().ShouldBe("2020-01-01");
        query["to"]!.GetValue<string>().ShouldBe("2030-01-01T00:00:00+02:00");
        query["instrument"]!.GetValue<string>().ShouldBe("PHQ-9");
    }

    [Fact]
    public async Task A_refused_export_records_an_unknown_parameter_by_name_only_and_a_long_query_within_the_column()
    {
        var junk = new string('x', 300);
        var rsp = await app.Admin.GetAsync(ApiRoutes.ExportAdministrationsPath + $"?clientName=Jane&cursor={junk}&format={junk}&from={junk}&instrument={junk}&snapshot={junk}&to={junk}", Ct);
        await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var entry = (await EntriesAsync(ApiRoutes.ExportAdministrations)).First(e => e["status"]!.GetValue<int>() == 400);
        var text = entry["detail"]!.GetValue<string>();
        text.Length.ShouldBeLessThanOrEqualTo(400); // the detail column's size on SQL Server
        text.ShouldNotContain("Jane");
        var detail = Detail(entry);
        detail["query"]!.AsObject().ContainsKey("clientName").ShouldBeTrue();
        detail["query"]!["clientName"].ShouldBeNull();
        detail["queryTruncated"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Other_reads_record_no_query()
    {
        (await app.Reader.GetAsync(ApiRoutes.AlertsPath + "?limit=5", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Admin.GetAsync(ApiRoutes.AuditLogPath + "?limit=5", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EntriesAsync(ApiRoutes.AuditLog)).ShouldAllBe(e => e["detail"] == null);
    }
}
