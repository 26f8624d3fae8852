using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Features.Import;

/// <summary>
/// A second import while one runs (docs/bulk.md, "one import per tenant at a time"): the 409 says until when the
/// running import's lease holds unless it is renewed, in its detail and as Retry-After seconds.
/// </summary>
public sealed class ImportLeaseTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_409_says_when_the_running_imports_lease_expires()
    {
        // Another instance's import, its lease held until a fixed time 90 s from the service's now.
        var expires = DateTimeOffset.FromUnixTimeSeconds(app.Clock.GetUtcNow().ToUnixTimeSeconds() + 90);
        await SqlAsync(app, $"""
            INSERT INTO tenant_leases (tenant_id, kind, holder, expires_at, instance)
            SELECT id, 'import', 'other-import', '{expires.UtcDateTime:yyyy-MM-dd HH:mm:ss}', 'other-instance' FROM tenants WHERE name = 'tenant-a'
            """);
        var line = Line("lease-1", "lease-c", "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 0], app.Clock.GetUtcNow().AddDays(-3));

        var busy = await app.Admin.PostAsync(ApiRoutes.ImportAdministrationsPath, Ndjson([line]), Ct);
        var problem = await busy.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem["detail"]!.GetValue<string>().ShouldStartWith("import-in-progress");
        problem["detail"]!.GetValue<string>().ShouldContain($"expires at {expires.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z");
        busy.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(89, 91);

        // Expired, it is taken over: the import runs.
        await SqlAsync(app, "UPDATE tenant_leases SET expires_at = '2000-01-01 00:00:00' WHERE holder = 'other-import'");
        Counts((await ImportAsync(app.Admin, [line])).Summary).ShouldBe((1, 0, 0, 0));
    }
}
