using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Feedback.Api.Tests.Security;

/// <summary>
/// No client data ever reaches a log: after a workload that touches every kind of answer (created, replayed, refused,
/// duplicate, not found, forbidden), no log line of any test service holds an API key, a client id or item answers.
/// </summary>
public sealed class LogScan(App app) : IClassFixture<App>
{
    [Fact]
    public Task No_log_line_holds_a_key_a_client_id_or_an_answer() => LogScanWorkload.RunAsync(app, "logscan-client-7f3a9", "logscan-clinician-2b81");
}

/// <summary>
/// A service started without the shipped appsettings.json (the published dll run from another folder reads none), so
/// every category logs at Information: ASP.NET Core's request log would write each path, and paths hold client ids.
/// </summary>
public sealed class InformationLogApp : App
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        }));
    }
}

public sealed class LogScanWithoutAppSettings(InformationLogApp app) : IClassFixture<InformationLogApp>
{
    [Fact]
    public Task No_log_line_holds_a_key_a_client_id_or_an_answer_at_information_level() =>
        LogScanWorkload.RunAsync(app, "logscan-client-c41d0", "logscan-clinician-9e77");
}

static class LogScanWorkload
{
    public static async Task RunAsync(App app, string clientId, string clinician)
    {
        var ct = TestContext.Current.CancellationToken;
        LogCapture.Secret(clientId);
        LogCapture.Secret(clinician);
        var items = new[] { 3, 2, 3, 2, 3, 2, 3, 2, 3 };
        LogCapture.Secret(string.Join(",", items));

        var body = new { instrument = "PHQ-9", administeredAt = Http.Monday, clinicianId = clinician, items };
        var created = await (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), body, ct)).BodyAsync();
        await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), body, ct); // 409 duplicate
        await app.Ehr.PostAsync(ApiRoutes.AdministrationsOf(clientId), Http.Json("{\"items\":[3,2,3,2,3,2,3,2,3"), ct); // broken JSON
        await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), new { instrument = "PHQ-9", administeredAt = Http.Monday, items = new[] { 9, 9, 9 } }, ct);
        await app.Reader.GetAsync(ApiRoutes.AdministrationOf(clientId, created["id"]!.GetValue<string>()), ct);
        await app.Reader.GetAsync(ApiRoutes.ProgressChartOf(clientId, "PHQ-9"), ct);
        await app.OtherClinic.GetAsync(ApiRoutes.AdministrationsOf(clientId), ct);
        await app.Tablet.GetAsync(ApiRoutes.AdministrationsOf(clientId), ct);
        var wrongKey = app.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "fbk_logscan_not_a_key_91c2");
        LogCapture.Secret("fbk_logscan_not_a_key_91c2");
        await wrongKey.GetAsync(ApiRoutes.AdministrationsOf(clientId), ct);
        await app.Admin.GetAsync(ApiRoutes.AuditLogPath, ct);

        LogCapture.Secrets.Count.ShouldBeGreaterThan(5);
        LogCapture.Lines.ShouldNotBeEmpty(); // the capture works: the services do log, just never client data
        var leaks = LogCapture.Lines.Where(line => LogCapture.Secrets.Keys.Any(secret => line.Contains(secret, StringComparison.Ordinal))).ToList();
        leaks.ShouldBeEmpty();
    }
}
