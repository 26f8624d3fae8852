namespace Feedback.Api.Tests.Security;

public sealed class OperationsTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_answers_without_a_key_and_without_data()
    {
        var live = await app.Anonymous.GetAsync("/health/live", Ct);
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await app.Anonymous.GetAsync("/health/ready", Ct);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync(Ct)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        var rsp = await app.Reader.GetAsync(ApiRoutes.AlertsPath, Ct);
        rsp.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        rsp.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        rsp.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");
        rsp.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var problem = await app.Anonymous.GetAsync(ApiRoutes.AlertsPath, Ct);
        problem.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task The_audit_log_records_who_read_which_client_and_never_the_answers()
    {
        var post = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("audited-1"), Http.Phq9([3, 2, 1, 0, 3, 2, 1, 0, 0]), Ct);
        var id = (await post.BodyAsync())["id"]!.GetValue<string>();
        await app.Reader.GetAsync(ApiRoutes.AdministrationOf("audited-1", id), Ct);
        await app.Tablet.GetAsync(ApiRoutes.AdministrationsOf("audited-1"), Ct); // 403, recorded too

        var page = await (await app.Admin.GetAsync(ApiRoutes.AuditLogPath + "?limit=200", Ct)).BodyAsync();
        var entries = page["items"]!.AsArray();
        entries.ShouldContain(e => e!["route"]!.GetValue<string>() == ApiRoutes.Administration && e["resourceId"]!.GetValue<string>() == id && e["status"]!.GetValue<int>() == 200);
        entries.ShouldContain(e => e!["route"]!.GetValue<string>() == ApiRoutes.Administrations && e["method"]!.GetValue<string>() == "POST" && e["status"]!.GetValue<int>() == 201);
        entries.ShouldContain(e => e!["resourceId"]!.GetValue<string>() == "audited-1" && e["status"]!.GetValue<int>() == 403);
        entries.ShouldAllBe(e => e!["keyId"]!.GetValue<string>().Length == 26);
        page.ToJsonString().ShouldNotContain("[3,2,1,0,3,2,1,0,0]");

        var theirs = await (await app.OtherClinic.GetAsync(ApiRoutes.AuditLogPath + "?limit=200", Ct)).BodyAsync();
        theirs.ToJsonString().ShouldNotContain("audited-1");
    }
}

/// <summary>A service whose keys may make 3 requests at once and 1 a second after.</summary>
public sealed class RateLimitedApp : App
{
    protected override int PermitsPerSecond => 3;
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after_and_another_key_does_not()
    {
        var ct = TestContext.Current.CancellationToken;
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++) answers.Add(await app.Reader.GetAsync(ApiRoutes.AlertsPath, ct));
        var limited = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single()).ShouldBeGreaterThanOrEqualTo(1);
        (await app.Ehr.GetAsync(ApiRoutes.AlertsPath, ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_checks_answer_while_bad_key_traffic_from_the_same_address_is_limited()
    {
        var ct = TestContext.Current.CancellationToken;
        var badKey = app.ClientWithKey("not-a-key");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++) statuses.Add((await badKey.GetAsync(ApiRoutes.AlertsPath, ct)).StatusCode);
        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
        for (var i = 0; i < 10; i++)
        {
            (await app.Anonymous.GetAsync("/health/live", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await app.Anonymous.GetAsync("/health/ready", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
