using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Security;

/// <summary>
/// Every route of the API with the scope it needs, against data of tenant A. The first test proves the list is
/// complete, so a new endpoint cannot ship without its 401/403/cross-tenant checks.
/// </summary>
public sealed class RouteMatrix(App app) : IClassFixture<App>, IAsyncDisposable
{
    // Each test makes its own webhook endpoint (a tenant may have 10) and deletes it when done.
    public async ValueTask DisposeAsync()
    {
        if (endpointId.Length > 0) await app.Admin.DeleteAsync(ApiRoutes.WebhookEndpointOf(endpointId), CancellationToken.None);
    }

    public sealed record Route(string Method, string Template, string Scope, bool ReadsTenantData);

    public static readonly Route[] Routes =
    [
        new("GET", ApiRoutes.Instruments, "any", false),
        new("GET", ApiRoutes.Instrument, "any", false),
        new("PUT", ApiRoutes.Client, "read", false),
        new("POST", ApiRoutes.Episodes, "read", false),
        new("GET", ApiRoutes.Episodes, "read", true),
        new("GET", ApiRoutes.Episode, "read", true),
        new("GET", ApiRoutes.Client, "read", true),
        new("POST", ApiRoutes.CloseEpisode, "read", true),
        new("POST", ApiRoutes.Administrations, "submit", false),
        new("GET", ApiRoutes.Administrations, "read", true),
        new("GET", ApiRoutes.Administration, "read", true),
        new("GET", ApiRoutes.Progress, "read", true),
        new("GET", ApiRoutes.ProgressChart, "read", true),
        new("GET", ApiRoutes.Alerts, "read", false),
        new("POST", ApiRoutes.AcknowledgeAlert, "read", true),
        new("GET", ApiRoutes.TenantSettings, "admin", false),
        new("PUT", ApiRoutes.TenantSettings, "admin", false),
        new("GET", ApiRoutes.AuditLog, "admin", false),
        new("GET", ApiRoutes.AlertById, "read", true),
        new("GET", ApiRoutes.AdministrationById, "read", true),
        new("POST", ApiRoutes.WebhookEndpoints, "admin", false),
        new("GET", ApiRoutes.WebhookEndpoints, "admin", false),
        new("GET", ApiRoutes.WebhookEndpoint, "admin", true),
        new("PUT", ApiRoutes.WebhookEndpoint, "admin", true),
        new("DELETE", ApiRoutes.WebhookEndpoint, "admin", true),
        new("POST", ApiRoutes.RotateWebhookSecret, "admin", true),
        new("POST", ApiRoutes.TestWebhookEndpoint, "admin", true),
        new("GET", ApiRoutes.WebhookDeliveries, "admin", true),
        new("POST", ApiRoutes.RetryWebhookDelivery, "admin", true),
        new("GET", ApiRoutes.TenantPlan, "read|admin", false),
        new("PUT", ApiRoutes.TenantPlan, "admin", false),
        new("DELETE", ApiRoutes.TenantPlan, "admin", false),
        new("GET", ApiRoutes.ClientPlan, "read", true),
        new("PUT", ApiRoutes.ClientPlan, "read", true),
        new("DELETE", ApiRoutes.ClientPlan, "read", true),
        new("PUT", ApiRoutes.EpisodePlan, "read", true),
        new("DELETE", ApiRoutes.EpisodePlan, "read", true),
        new("GET", ApiRoutes.ClientDue, "submit|read", false),
        new("GET", ApiRoutes.Due, "read", false),
        new("GET", ApiRoutes.OutcomeReport, "read|admin", false),
        new("GET", ApiRoutes.OutcomeReportChart, "read|admin", false),
        new("GET", ApiRoutes.CalibrationReport, "read|admin", false),
        new("GET", ApiRoutes.ExportAdministrations, "admin", false),
        new("POST", ApiRoutes.ImportAdministrations, "admin", false),
    ];

    static readonly object Plan = new { name = "Matrix", rules = new[] { new { instrument = "PHQ-9", cadence = new { type = "every_session" } } } };

    // Tenant A's webhook endpoint (its URL a public address literal: nothing to resolve) and one of its deliveries, failed.
    string endpointId = "", deliveryId = "";
    static readonly object Endpoint = new { url = "https://93.184.216.34/hooks", eventTypes = new[] { "administration.created" } };

    public static TheoryData<string, string> All() => [.. Routes.Select(r => (r.Method, r.Template))];

    [Fact]
    public void The_matrix_lists_every_endpoint_the_service_maps()
    {
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("v1/") == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText!.TrimStart('/')}"))
            .Order();
        mapped.ShouldBe(Routes.Select(r => $"{r.Method} {r.Template}").Order());
    }

    /// <summary>Tenant A's client with one PHQ-9 whose item 9 raised a risk alert.</summary>
    async Task<(string ClientId, string EpisodeId, string AdministrationId, string AlertId)> TenantADataAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var clientId = "iso-" + Guid.NewGuid().ToString("N")[..8];
        if (endpointId.Length == 0)
        {
            var created = await app.Admin.PostAsJsonAsync(ApiRoutes.WebhookEndpointsPath, Endpoint, ct);
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
            endpointId = (await created.BodyAsync())["id"]!.GetValue<string>();
        }
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), Http.Phq9([1, 2, 1, 2, 1, 2, 1, 2, 1]), ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await rsp.BodyAsync();
        if (deliveryId.Length == 0) deliveryId = await FailedDeliveryAsync(endpointId);
        // Plans at every level, so that each DELETE has one to remove.
        (await app.Admin.PutAsJsonAsync(ApiRoutes.TenantPlanPath, Plan, ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Reader.PutAsJsonAsync(ApiRoutes.ClientPlanOf(clientId), Plan, ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Reader.PutAsJsonAsync(ApiRoutes.EpisodePlanOf(clientId, body["episodeId"]!.GetValue<string>()), Plan, ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (clientId, body["episodeId"]!.GetValue<string>(), body["id"]!.GetValue<string>(), body["alerts"]![0]!["id"]!.GetValue<string>());
    }

    // A delivery of the endpoint, marked failed as the worker marks one after its last attempt (only a failed one can be
    // retried); its lease cleared, so an attempt under way finds its lease lost and leaves the row as it is.
    async Task<string> FailedDeliveryAsync(string endpoint)
    {
        var db = app.Services.GetRequiredService<Feedback.Data.Connections.Database>();
        await using var tx = await db.BeginAsync(TestContext.Current.CancellationToken);
        await using var cmd = tx.Connection.CreateCommand();
        cmd.Transaction = (System.Data.Common.DbTransaction)tx.Transaction!;
        cmd.CommandText = $"UPDATE webhook_deliveries SET status = 'failed', completed_at = created_at, lease_until = NULL, leased_by = NULL WHERE endpoint_id = '{endpoint}' RETURNING id";
        var id = (string)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        await tx.CommitAsync(TestContext.Current.CancellationToken);
        return id;
    }

    HttpRequestMessage Request(Route route, (string ClientId, string EpisodeId, string AdministrationId, string AlertId) data)
    {
        var (clientId, episodeId, administrationId, alertId) = data;
        var id = route.Template.StartsWith(ApiRoutes.Alerts) ? alertId : route.Template.StartsWith("v1/webhooks/") ? endpointId : administrationId;
        var path = "/" + route.Template.Replace("{clientId}", clientId).Replace("{episodeId}", episodeId)
            .Replace("{id}", id).Replace("{deliveryId}", deliveryId).Replace("{code}", "PHQ-9");
        if (route.Template is ApiRoutes.Progress or ApiRoutes.ProgressChart) path += "?instrument=PHQ-9";
        if (route.Template is ApiRoutes.Due) path += "?clinicianId=clin-1";
        if (route.Template is ApiRoutes.OutcomeReport or ApiRoutes.OutcomeReportChart or ApiRoutes.CalibrationReport) path += "?instrument=PHQ-9";
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        request.Content = (route.Method, route.Template) switch
        {
            ("POST", ApiRoutes.Administrations) => JsonContent.Create(Http.Phq9([0, 0, 1, 0, 0, 1, 0, 0, 0])),
            ("POST", ApiRoutes.ImportAdministrations) => Features.Bulk.Bulk.Ndjson([Features.Bulk.Bulk.Line(
                $"matrix-{Guid.NewGuid():N}", $"imp-{clientId}", "PHQ-9", [0, 1, 1, 0, 0, 1, 0, 0, 0], Http.Monday.AddMinutes(Random.Shared.Next(100_000)))]),
            ("PUT", ApiRoutes.Client) => JsonContent.Create(new { ageGroup = "adult" }),
            ("POST", ApiRoutes.AcknowledgeAlert) => JsonContent.Create(new { by = "clin-1", note = "called the client" }),
            ("POST", ApiRoutes.WebhookEndpoints) => JsonContent.Create(Endpoint),
            ("PUT", ApiRoutes.WebhookEndpoint) => JsonContent.Create(Endpoint),
            ("POST", ApiRoutes.RotateWebhookSecret) => JsonContent.Create(new { graceHours = 1 }),
            ("PUT", ApiRoutes.TenantPlan or ApiRoutes.ClientPlan or ApiRoutes.EpisodePlan) => JsonContent.Create(Plan),
            ("PUT", ApiRoutes.TenantSettings) => JsonContent.Create(new { enabledInstruments = new[] { "PHQ-9", "GAD-7", "CORE-10", "OQ-45.2", "ORS", "WHO-5", "SRS", "WAI-SR" } }),
            _ => null,
        };
        return request;
    }

    [Theory, MemberData(nameof(All))]
    public async Task Without_a_key_every_route_is_401(string method, string template)
    {
        var data = await TenantADataAsync();
        var (c, e, a, _) = data;
        var route = Routes.Single(r => r.Method == method && r.Template == template);
        var rsp = await app.Anonymous.SendAsync(Request(route, data), TestContext.Current.CancellationToken);
        await rsp.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        rsp.Headers.WwwAuthenticate.ToString().ShouldBe("ApiKey header=\"X-Api-Key\"");
    }

    [Theory, MemberData(nameof(All))]
    public async Task An_unknown_key_is_401_on_every_route(string method, string template)
    {
        var data = await TenantADataAsync();
        var (c, e, a, _) = data;
        var route = Routes.Single(r => r.Method == method && r.Template == template);
        var request = Request(route, data);
        request.Headers.Add("X-Api-Key", "fbk_" + new string('0', 64));
        var rsp = await app.Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
        await rsp.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        rsp.Headers.WwwAuthenticate.ToString().ShouldBe("ApiKey header=\"X-Api-Key\"");
    }

    [Theory, MemberData(nameof(All))]
    public async Task A_key_without_the_scope_is_403_and_one_with_it_is_let_in(string method, string template)
    {
        var ct = TestContext.Current.CancellationToken;
        var data = await TenantADataAsync();
        var (c, e, a, _) = data;
        var route = Routes.Single(r => r.Method == method && r.Template == template);
        var (lacking, having) = route.Scope switch
        {
            "submit" => (app.Reader, app.Tablet),
            "read" => (app.Tablet, app.Reader),
            "admin" => (app.Ehr, app.Admin),
            "read|admin" => (app.Tablet, app.Reader),
            "submit|read" => (app.Admin, app.Tablet),
            _ => ((HttpClient?)null, app.Tablet),
        };
        if (lacking is not null)
        {
            var refused = await (await lacking.SendAsync(Request(route, data), ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            refused["detail"]!.GetValue<string>().ShouldBe(route.Scope.Split('|') is [var one, var other]
                ? $"This API key has neither the '{one}' nor the '{other}' scope; this operation needs one of them."
                : $"This API key lacks the '{route.Scope}' scope, which this operation needs.");
        }
        if (route.Scope.Split('|') is [_, _])
        {
            // Either scope alone is let in.
            var second = route.Scope == "read|admin" ? app.Admin : app.Reader;
            ((int)(await second.SendAsync(Request(route, await TenantADataAsync()), ct)).StatusCode).ShouldBeInRange(200, 299);
        }
        var allowed = await having.SendAsync(Request(route, data), ct);
        ((int)allowed.StatusCode).ShouldBeInRange(200, 299, await allowed.Content.ReadAsStringAsync(ct));
    }

    [Theory, MemberData(nameof(All))]
    public async Task Another_clinic_never_sees_tenant_A_data(string method, string template)
    {
        var ct = TestContext.Current.CancellationToken;
        var data = await TenantADataAsync();
        var (c, e, a, _) = data;
        var route = Routes.Single(r => r.Method == method && r.Template == template);
        var rsp = await app.OtherClinic.SendAsync(Request(route, data), ct);
        var text = await rsp.Content.ReadAsStringAsync(ct);
        if (route.ReadsTenantData)
        {
            var problem = await rsp.ShouldBeProblemAsync(HttpStatusCode.NotFound);
            problem.AsObject().Remove("instance"); // the caller's own request path, which holds the ids it sent
            text = problem.ToJsonString();
        }
        text.ShouldNotContain(e);
        text.ShouldNotContain(a);
        text.ShouldNotContain(data.AlertId);
        // Tenant A's record is as it was.
        var list = await (await app.Reader.GetAsync(ApiRoutes.AdministrationsOf(c), ct)).BodyAsync();
        list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ShouldBe([a]);
    }

    [Theory, MemberData(nameof(All))]
    public async Task Every_access_to_client_data_is_in_the_audit_log_with_its_route_and_resource(string method, string template)
    {
        var ct = TestContext.Current.CancellationToken;
        if (template.StartsWith(ApiRoutes.Instruments)) return; // the catalogue holds no client data and is not audited
        var data = await TenantADataAsync();
        var route = Routes.Single(r => r.Method == method && r.Template == template);
        var having = route.Scope switch { "submit" => app.Tablet, "read" or "read|admin" => app.Reader, "admin" => app.Admin, "submit|read" => app.Tablet, _ => app.Ehr };
        var rsp = await having.SendAsync(Request(route, data), ct);
        ((int)rsp.StatusCode).ShouldBeInRange(200, 299);
        var entries = (await (await app.Admin.GetAsync(ApiRoutes.AuditLogPath + "?limit=200", ct)).BodyAsync())["items"]!.AsArray();
        var entry = entries.FirstOrDefault(e => e!["route"]!.GetValue<string>() == template && e["method"]!.GetValue<string>() == method
                                                && e["status"]!.GetValue<int>() == (int)rsp.StatusCode);
        entry.ShouldNotBeNull($"no audit entry for {method} {template}");
        if (template.Contains("{clientId}") && !template.Contains("{id}") && !template.Contains("{episodeId}"))
            entry["resourceId"]!.GetValue<string>().ShouldBe(data.ClientId);
    }

    [Fact]
    public async Task A_missing_administration_and_another_tenants_answer_identically()
    {
        var ct = TestContext.Current.CancellationToken;
        var (c, _, a, _) = await TenantADataAsync();
        await (await app.OtherClinic.PutAsJsonAsync(ApiRoutes.ClientOf(c), new { ageGroup = "adult" }, ct)).Content.ReadAsStringAsync(ct);
        var foreign = await (await app.OtherClinic.GetAsync(ApiRoutes.AdministrationOf(c, a), ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var missing = await (await app.OtherClinic.GetAsync(ApiRoutes.AdministrationOf(c, "01JD0000000000000000000000"), ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        foreign["detail"]!.GetValue<string>().ShouldBe(missing["detail"]!.GetValue<string>());
        foreign["title"]!.GetValue<string>().ShouldBe(missing["title"]!.GetValue<string>());
    }
}
