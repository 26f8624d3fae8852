using Microsoft.AspNetCore.Hosting;

namespace Feedback.Api.Tests.Features.Browsers;

/// <summary>The service with one browser origin allowed (Cors:AllowedOrigins), as a clinic's check-in app needs.</summary>
public sealed class CorsApp : App
{
    public const string CheckIn = "https://checkin.clinic.example";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Cors:AllowedOrigins:0", CheckIn);
    }
}

public sealed class CorsTests(CorsApp app) : IClassFixture<CorsApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static HttpRequestMessage Preflight(string origin) => new(HttpMethod.Options, ApiRoutes.AdministrationsOf("c-1"))
    {
        Headers =
        {
            { "Origin", origin }, { "Access-Control-Request-Method", "POST" },
            { "Access-Control-Request-Headers", "x-api-key,idempotency-key,content-type" },
        },
    };

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered_with_the_key_and_idempotency_headers_allowed()
    {
        var rsp = await app.Anonymous.SendAsync(Preflight(CorsApp.CheckIn), Ct);
        ((int)rsp.StatusCode).ShouldBeInRange(200, 204);
        rsp.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([CorsApp.CheckIn]);
        var allowed = string.Join(",", rsp.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        allowed.ShouldContain("x-api-key");
        allowed.ShouldContain("idempotency-key");
        string.Join(",", rsp.Headers.GetValues("Access-Control-Allow-Methods")).ShouldContain("POST");
    }

    [Fact]
    public async Task A_real_request_from_the_allowed_origin_may_read_the_answer_and_its_location()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.AdministrationsOf("cors-1"))
        {
            Content = JsonContent.Create(Http.Phq9([0, 1, 0, 1, 0, 1, 0, 1, 0])),
            Headers = { { "Origin", CorsApp.CheckIn }, { "X-Api-Key", app.TabletKey } },
        };
        var rsp = await app.Anonymous.SendAsync(request, Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created);
        rsp.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([CorsApp.CheckIn]);
        string.Join(",", rsp.Headers.GetValues("Access-Control-Expose-Headers")).ShouldContain("Location");
    }

    [Fact]
    public async Task Another_origin_gets_no_cors_headers()
    {
        var rsp = await app.Anonymous.SendAsync(Preflight("https://evil.example"), Ct);
        rsp.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }
}

/// <summary>Without configuration, CORS is off: no origin is allowed.</summary>
public sealed class CorsOffTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task By_default_no_origin_is_allowed()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, ApiRoutes.AdministrationsOf("c-1"))
        {
            Headers = { { "Origin", CorsApp.CheckIn }, { "Access-Control-Request-Method", "POST" } },
        };
        var rsp = await app.Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
        rsp.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }
}
