#nullable disable warnings
using FhirClient = Feedback.Api.Tests.Features.Fhir.Fhir;
using Feedback.Api.Tests.Features.Fhir;
using Feedback.Clinical.Instruments;

namespace Feedback.Api.Tests.Features.Plans;

/// <summary>
/// interop.md section 3, "GET /v1/clients/{clientId}/due" and "GET /v1/due": the submit-only view, unknown and foreign
/// clients, disabled instruments, submissions from any source, and the overdue list's order, filters and pages.
/// </summary>
public sealed class DueViewsTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static object Plan(params object[] rules) => new { name = "Due views", rules };
    static object EverySession(string instrument, string timing = "start") => new { instrument, timing, cadence = new { type = "every_session" } };
    static object Core10Monthly => new { instrument = "CORE-10", cadence = new { type = "every_n_days", days = 28, earlyDays = 3, graceDays = 7 } };

    async Task UsePlanAsync(params object[] rules) =>
        (await app.Admin.PutAsJsonAsync(ApiRoutes.TenantPlanPath, Plan(rules), Ct)).EnsureSuccessStatusCode();

    async Task<string> ClientAsync(string clinician)
    {
        var id = "d-" + Guid.NewGuid().ToString("N")[..10];
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(id), new { ageGroup = "adult", clinicianId = clinician }, Ct)).EnsureSuccessStatusCode();
        return id;
    }

    async Task SubmitAsync(string client, string instrument, DateTimeOffset at, int? session = null)
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(client),
            Http.Administration(instrument, Readback.Answers.For(Catalogue.Get(instrument), 1), at, session), Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
    }

    async Task<JsonNode> GetAsync(HttpClient key, string path)
    {
        var rsp = await key.GetAsync(path, Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK, await rsp.Content.ReadAsStringAsync(Ct));
        return await rsp.BodyAsync();
    }

    [Fact]
    public async Task A_check_in_tablet_sees_what_to_show_and_nothing_of_the_history()
    {
        await UsePlanAsync(EverySession("PHQ-9"), Core10Monthly, EverySession("SRS", "end"));
        var client = await ClientAsync("clin-tablet");
        var now = app.Clock.GetUtcNow();
        await SubmitAsync(client, "CORE-10", now.AddDays(-7), session: 1);
        await SubmitAsync(client, "PHQ-9", now.AddDays(-7), session: 1);

        foreach (var query in new[] { "", "?all=true", "?sessionNumber=2&all=true" })
        {
            var tablet = await GetAsync(app.Tablet, ApiRoutes.ClientDueOf(client) + query);
            // Exactly these properties: no episode, session, status, reason or dates.
            tablet.ToJsonString().ShouldBe($$"""{"clientId":"{{client}}","items":[{"instrument":"PHQ-9","rater":"client","timing":"start"},{"instrument":"SRS","rater":"client","timing":"end"}]}""");
        }
        // A read key sees why, and with all=true what is not due (CORE-10: given a week ago, due in three weeks).
        var reader = await GetAsync(app.Reader, ApiRoutes.ClientDueOf(client) + "?all=true");
        reader["sessionNumber"]!.GetValue<int>().ShouldBe(2);
        reader["planSource"]!.GetValue<string>().ShouldBe("tenant");
        var core = reader["items"]!.AsArray().Single(i => i!["instrument"]!.GetValue<string>() == "CORE-10")!;
        (core["status"]!.GetValue<string>(), core["reason"]!.GetValue<string>()).ShouldBe(("not_due", "interval_not_reached"));
        core["nextDueAt"]!.GetValue<DateTimeOffset>().ShouldBe(now.AddDays(-7 + 25), TimeSpan.FromMilliseconds(1));

        // The tablet's read is audited with the client, like every access to client data.
        var audit = (await GetAsync(app.Admin, ApiRoutes.AuditLogPath + "?limit=50"))["items"]!.AsArray();
        audit.ShouldContain(e => e!["route"]!.GetValue<string>() == ApiRoutes.ClientDue && e["resourceId"]!.GetValue<string>() == client);
    }

    [Fact]
    public async Task An_unknown_client_is_a_new_client_at_session_1_and_nothing_is_created_and_another_tenants_client_reads_the_same()
    {
        await UsePlanAsync(EverySession("PHQ-9"), Core10Monthly);
        var unknown = await GetAsync(app.Reader, ApiRoutes.ClientDueOf("never-seen"));
        (unknown["episodeId"], unknown["sessionNumber"]!.GetValue<int>()).ShouldBe((null, 1));
        unknown["items"]!.AsArray().Select(i => $"{i!["instrument"]}:{i["reason"]}").ShouldBe(["PHQ-9:intake", "CORE-10:intake"]);
        (await app.Ehr.GetAsync(ApiRoutes.ClientOf("never-seen"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Tenant A's client with history, read by tenant B (its own plan, the same rules): as unknown as never-seen.
        var client = await ClientAsync("clin-x");
        await SubmitAsync(client, "PHQ-9", app.Clock.GetUtcNow().AddDays(-3), session: 1);
        (await app.OtherClinic.PutAsJsonAsync(ApiRoutes.TenantPlanPath, Plan(EverySession("PHQ-9"), Core10Monthly), Ct)).EnsureSuccessStatusCode();
        var foreign = await GetAsync(app.OtherClinic, ApiRoutes.ClientDueOf(client));
        var never = await GetAsync(app.OtherClinic, ApiRoutes.ClientDueOf("never-seen"));
        // (An intake's dueAt is the moment of asking, so it is left out of the comparison.)
        static IEnumerable<string> Shape(JsonNode due) => due["items"]!.AsArray().Select(i => $"{i!["instrument"]}:{i["status"]}:{i["reason"]}:{i["lastAdministeredAt"]}");
        Shape(foreign).ShouldBe(Shape(never));
        (foreign["episodeId"], foreign["sessionNumber"]!.GetValue<int>(), foreign["planSource"]!.GetValue<string>()).ShouldBe((null, 1, "tenant"));
    }

    [Fact]
    public async Task Rules_for_instruments_the_tenant_disabled_since_are_skipped()
    {
        await UsePlanAsync(EverySession("PHQ-9"), EverySession("ORS"));
        var client = await ClientAsync("clin-y");
        (await GetAsync(app.Reader, ApiRoutes.ClientDueOf(client)))["items"]!.AsArray().Count.ShouldBe(2);
        var enabled = Catalogue.All.Select(i => i.Code).Where(c => c != "ORS").ToArray();
        (await app.Admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = enabled }, Ct)).EnsureSuccessStatusCode();
        try
        {
            (await GetAsync(app.Reader, ApiRoutes.ClientDueOf(client)))["items"]!.AsArray().Select(i => i!["instrument"]!.GetValue<string>()).ShouldBe(["PHQ-9"]);
            // The plan itself still holds the rule: enabling the instrument again brings it back.
            (await GetAsync(app.Reader, ApiRoutes.TenantPlanPath))["rules"]!.AsArray().Count.ShouldBe(2);
        }
        finally
        {
            (await app.Admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = Catalogue.All.Select(i => i.Code) }, Ct)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_submission_from_FHIR_satisfies_an_item_as_one_from_REST_does()
    {
        await UsePlanAsync(EverySession("PHQ-9"), EverySession("GAD-7"));
        var client = await ClientAsync("clin-z");
        var q = await FhirClient.QuestionnaireAsync(app.Ehr, "PHQ-9");
        var qr = FhirClient.Response(q, client, [1, 1, 0, 1, 0, 1, 0, 0, 0], app.Clock.GetUtcNow().AddMinutes(-5));
        (await app.Ehr.PostAsync(qr)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var due = await GetAsync(app.Reader, ApiRoutes.ClientDueOf(client) + "?all=true");
        due["items"]!.AsArray().Select(i => $"{i!["instrument"]}:{i["status"]}:{i["reason"]}").ShouldBe(["PHQ-9:not_due:done_this_session", "GAD-7:due:intake"]);
    }

    [Theory]
    [InlineData("?sessionNumber=0", "sessionNumber")]
    [InlineData("?sessionNumber=1001", "sessionNumber")]
    [InlineData("?sessionNumber=x", "sessionNumber")]
    [InlineData("?all=maybe", "all")]
    public async Task Bad_due_queries_are_400_naming_the_parameter(string query, string field)
    {
        var problem = await (await app.Reader.GetAsync(ApiRoutes.ClientDueOf("c-1") + query, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task SessionNumber_at_its_limits_is_accepted(int session) =>
        (await GetAsync(app.Reader, ApiRoutes.ClientDueOf("c-1") + $"?sessionNumber={session}"))["sessionNumber"]!.GetValue<int>().ShouldBe(session);

    [Fact]
    public async Task The_overdue_list_orders_filters_and_pages_a_clinicians_caseload()
    {
        await UsePlanAsync(EverySession("PHQ-9"), Core10Monthly);
        var now = app.Clock.GetUtcNow();
        const string clinician = "clin-caseload";
        // CORE-10 given d days ago: dueAt = now - d + 28; due from 3 days before, overdue 7 days after.
        var clients = new Dictionary<string, int> { ["a"] = 40, ["b"] = 30, ["c"] = 26, ["d"] = 50 };
        var ids = new Dictionary<string, string>();
        foreach (var (name, daysAgo) in clients)
        {
            ids[name] = await ClientAsync(clinician);
            await SubmitAsync(ids[name], "CORE-10", now.AddDays(-daysAgo), session: 1);
            await SubmitAsync(ids[name], "PHQ-9", now.AddDays(-daysAgo), session: 1);
        }
        // Not listed: a client of another clinician, one whose episode was closed, one without an episode.
        var otherClinician = await ClientAsync("clin-other");
        await SubmitAsync(otherClinician, "CORE-10", now.AddDays(-60), session: 1);
        var closed = await ClientAsync(clinician);
        await SubmitAsync(closed, "CORE-10", now.AddDays(-60), session: 1);
        var episodes = await GetAsync(app.Ehr, ApiRoutes.EpisodesOf(closed));
        (await app.Ehr.PostAsync(ApiRoutes.CloseEpisodeOf(closed, episodes["items"]![0]!["id"]!.GetValue<string>()), null, Ct)).EnsureSuccessStatusCode();
        await ClientAsync(clinician);
        // One client with an override of their own: GAD-7 once, never given.
        var own = await ClientAsync(clinician);
        await SubmitAsync(own, "PHQ-9", now.AddDays(-1), session: 1);
        (await app.Reader.PutAsJsonAsync(ApiRoutes.ClientPlanOf(own), Plan(new { instrument = "GAD-7", cadence = new { type = "intake_only" } }), Ct)).EnsureSuccessStatusCode();

        // overdue by dueAt (d: -22 d, a: -12 d), due by dueAt (b: -2 d, c: +2 d), then due_next_session by clientId.
        var sessionCadence = new[] { ids["a"], ids["b"], ids["c"], ids["d"] }.Select(c => $"{c}:PHQ-9:due_next_session")
            .Append($"{own}:GAD-7:due_next_session").OrderBy(s => s, StringComparer.Ordinal);
        string[] expected =
        [
            $"{ids["d"]}:CORE-10:overdue", $"{ids["a"]}:CORE-10:overdue", $"{ids["b"]}:CORE-10:due", $"{ids["c"]}:CORE-10:due",
            .. sessionCadence,
        ];
        static string Line(JsonNode i) => $"{i["clientId"]}:{i["instrument"]}:{i["status"]}";

        var all = await GetAsync(app.Reader, ApiRoutes.DuePath + $"?clinicianId={clinician}");
        all["items"]!.AsArray().Select(i => Line(i!)).ShouldBe(expected);
        all["nextCursor"].ShouldBeNull();
        var first = all["items"]![0]!;
        first["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(now.AddDays(-50 + 28), TimeSpan.FromMilliseconds(1));
        (first["reason"]!.GetValue<string>(), first["sessionNumber"]!.GetValue<int>(), first["lastSessionNumber"]!.GetValue<int>()).ShouldBe(("day_interval", 2, 1));
        first["episodeId"]!.GetValue<string>().Length.ShouldBe(26);

        // One item per page, to the end: the same list.
        var paged = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            (++pages).ShouldBeLessThanOrEqualTo(expected.Count() + 1, "the cursor must end");
            var page = await GetAsync(app.Reader, ApiRoutes.DuePath + $"?clinicianId={clinician}&limit=1" + (cursor is null ? "" : $"&cursor={cursor}"));
            paged.AddRange(page["items"]!.AsArray().Select(i => Line(i!)));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        paged.ShouldBe(expected);

        (await GetAsync(app.Reader, ApiRoutes.DuePath + $"?clinicianId={clinician}&status=overdue"))["items"]!.AsArray().Select(i => Line(i!)).ShouldBe(expected.Take(2));
        (await GetAsync(app.Reader, ApiRoutes.DuePath + $"?clinicianId={clinician}&instrument=GAD-7"))["items"]!.AsArray().Select(i => Line(i!)).ShouldBe([$"{own}:GAD-7:due_next_session"]);
        (await GetAsync(app.Reader, ApiRoutes.DuePath + $"?clinicianId={clinician}&status=due&limit=1"))["nextCursor"].ShouldNotBeNull();
        // Another tenant's clinician of the same id has nobody.
        (await GetAsync(app.OtherClinic, ApiRoutes.DuePath + $"?clinicianId={clinician}"))["items"]!.AsArray().ShouldBeEmpty();
        // The list is audited with the clients it shows.
        var audit = (await GetAsync(app.Admin, ApiRoutes.AuditLogPath + "?limit=200"))["items"]!.AsArray()
            .Where(e => e!["route"]!.GetValue<string>() == ApiRoutes.Due).Select(e => e!["clientId"]?.GetValue<string>()).ToList();
        audit.ShouldContain(ids["d"]);
        audit.ShouldContain(own);
    }

    [Theory]
    [InlineData("", "clinicianId")]
    [InlineData("?clinicianId=", "clinicianId")]
    [InlineData("?clinicianId=a%20b", "clinicianId")]
    [InlineData("?clinicianId=c&status=not_due", "status")]
    [InlineData("?clinicianId=c&instrument=PHQ9", "instrument")]
    [InlineData("?clinicianId=c&limit=0", "limit")]
    [InlineData("?clinicianId=c&limit=201", "limit")]
    [InlineData("?clinicianId=c&cursor=bm90LWEtY3Vyc29y", "cursor")]
    public async Task Bad_overdue_list_queries_are_400_naming_the_parameter(string query, string field)
    {
        var problem = await (await app.Reader.GetAsync(ApiRoutes.DuePath + query, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }
}
