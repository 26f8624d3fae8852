using Microsoft.Data.Sqlite;

namespace Feedback.Api.Tests.Features.Clients;

/// <summary>
/// A clinician reassignment (PUT /v1/clients/{id} with a new clinicianId, docs/decisions.md): the client's open alerts move
/// to the new clinician's worklist and its due items to the new caseload; an acknowledged alert keeps the clinician who
/// handled it; the PUT is audited.
/// </summary>
public sealed class ReassignmentTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<JsonNode> Get(string path)
    {
        var rsp = await app.Reader.GetAsync(path, Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK, await rsp.Content.ReadAsStringAsync(Ct));
        return await rsp.BodyAsync();
    }

    async Task<List<string>> AlertIds(string clinicianId, string status) =>
        [.. (await Get($"{ApiRoutes.AlertsPath}?clinicianId={clinicianId}&status={status}"))["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>())];

    async Task<List<string>> CaseloadClients(string clinicianId) =>
        [.. (await Get($"{ApiRoutes.DuePath}?clinicianId={clinicianId}"))["items"]!.AsArray().Select(i => i!["clientId"]!.GetValue<string>()).Distinct()];

    async Task<string> RiskAlert(string clientId, DateTimeOffset at, int session)
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 1], at, session), Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await rsp.BodyAsync())["alerts"]!.AsArray().Single(a => a!["kind"]!.GetValue<string>() == "risk_item")!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Open_alerts_and_due_items_follow_the_client_to_the_new_clinician_and_handled_ones_stay()
    {
        (await app.Admin.PutAsJsonAsync(ApiRoutes.TenantPlanPath, new
        {
            name = "Every session", rules = new[] { new { instrument = "PHQ-9", timing = "start", cadence = new { type = "every_session" } } },
        }, Ct)).EnsureSuccessStatusCode();
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("re-1"), new { clinicianId = "clin-a" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var now = app.Clock.GetUtcNow();
        var handled = await RiskAlert("re-1", now.AddDays(-14), 1);
        (await app.Reader.PostAsJsonAsync(ApiRoutes.AcknowledgeAlertOf(handled), new { by = "clin-a" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var open = await RiskAlert("re-1", now.AddDays(-7), 2);

        (await AlertIds("clin-a", "open")).ShouldBe([open]);
        (await AlertIds("clin-b", "open")).ShouldBeEmpty();
        (await CaseloadClients("clin-a")).ShouldBe(["re-1"]);
        (await CaseloadClients("clin-b")).ShouldBeEmpty();

        var put = await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("re-1"), new { clinicianId = "clin-b" }, Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await AlertIds("clin-a", "open")).ShouldBeEmpty();
        (await AlertIds("clin-b", "open")).ShouldBe([open]);
        (await AlertIds("clin-a", "acknowledged")).ShouldBe([handled]);
        (await CaseloadClients("clin-a")).ShouldBeEmpty();
        (await CaseloadClients("clin-b")).ShouldBe(["re-1"]);

        // Sending the same clinician again, or another field only, moves nothing back.
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("re-1"), new { ageGroup = "adult" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AlertIds("clin-b", "open")).ShouldBe([open]);

        await using var db = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False;Mode=ReadOnly");
        await db.OpenAsync(Ct);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM audit_log WHERE method = 'PUT' AND route = $route AND client_id = 're-1' AND status = 200";
        cmd.Parameters.AddWithValue("$route", ApiRoutes.Client);
        Convert.ToInt64(await cmd.ExecuteScalarAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task Another_tenant_cannot_move_this_clients_alerts()
    {
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("re-2"), new { clinicianId = "clin-c" }, Ct)).EnsureSuccessStatusCode();
        var open = await RiskAlert("re-2", app.Clock.GetUtcNow().AddDays(-3), 1);
        (await app.OtherClinic.PutAsJsonAsync(ApiRoutes.ClientOf("re-2"), new { clinicianId = "clin-x" }, Ct)).EnsureSuccessStatusCode();
        (await AlertIds("clin-c", "open")).ShouldBe([open]);
        (await AlertIds("clin-x", "open")).ShouldBeEmpty();
    }
}
