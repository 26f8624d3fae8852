using System.Net.Http.Headers;
using Feedback.Api.Shared.Fhir;

namespace Feedback.Api.Tests.Contract;

/// <summary>
/// api.md "Errors": every error is application/problem+json (an OperationOutcome under /fhir/r4), whatever the caller's
/// Accept asks for: a client that asked for an SVG chart or a CSV export must still be able to read why it was refused.
/// </summary>
public sealed class ErrorMediaTypeTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What integrators send: a chart, an export, FHIR XML, a browser, anything, nothing.</summary>
    public static readonly TheoryData<string> Accepts = new("image/svg+xml", "text/csv", "application/fhir+xml", "text/html", "*/*", "");

    HttpRequestMessage Request(int status, string accept)
    {
        var request = status switch
        {
            401 => new HttpRequestMessage(HttpMethod.Get, ApiRoutes.AlertsPath),
            403 => WithKey(new(HttpMethod.Get, ApiRoutes.AlertsPath), app.TabletKey),
            404 => WithKey(new(HttpMethod.Get, "/v1/no-such-route"), app.EhrKey),
            405 => WithKey(new(HttpMethod.Delete, ApiRoutes.AlertsPath), app.EhrKey),
            415 => WithKey(new(HttpMethod.Post, ApiRoutes.AdministrationsOf("media-1")) { Content = new StringContent("x", System.Text.Encoding.UTF8, "text/plain") }, app.EhrKey),
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        if (accept.Length > 0) request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        return request;
    }

    static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task Every_refusal_is_problem_json_whatever_the_accept(string accept)
    {
        foreach (var status in new[] { 401, 403, 404, 405, 415 })
        {
            var rsp = await app.Anonymous.SendAsync(Request(status, accept), Ct);
            var body = await rsp.ShouldBeProblemAsync((HttpStatusCode)status);
            body["title"]!.GetValue<string>().ShouldNotBeEmpty();
        }
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task Under_fhir_every_refusal_is_an_operation_outcome_in_json(string accept)
    {
        // The facade serves JSON only: an Accept that admits no JSON is a 406 (interop.md 1.1), itself in FHIR JSON.
        var admitsJson = accept is "" or "*/*";
        var request = new HttpRequestMessage(HttpMethod.Get, FhirRoutes.BasePath + "/Observation");
        if (accept.Length > 0) request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        var rsp = await app.Anonymous.SendAsync(request, Ct);
        rsp.StatusCode.ShouldBe(admitsJson ? HttpStatusCode.Unauthorized : HttpStatusCode.NotAcceptable);
        rsp.Content.Headers.ContentType!.MediaType.ShouldBe(FhirJson.MediaType);
        var body = await rsp.BodyAsync();
        body["resourceType"]!.GetValue<string>().ShouldBe("OperationOutcome");
        body["issue"]![0]!["diagnostics"]!.GetValue<string>().ShouldNotBeEmpty();
    }
}

/// <summary>The rate limiter's 429 is problem+json too, whatever the Accept.</summary>
public sealed class RateLimitMediaTypeTests(RateLimitMediaTypeTests.SlowApp app) : IClassFixture<RateLimitMediaTypeTests.SlowApp>
{
    public sealed class SlowApp : App
    {
        protected override int PermitsPerSecond => 1;
    }

    [Theory]
    [MemberData(nameof(ErrorMediaTypeTests.Accepts), MemberType = typeof(ErrorMediaTypeTests))]
    public async Task A_429_is_problem_json_whatever_the_accept(string accept)
    {
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.AlertsPath);
            if (accept.Length > 0) request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
            var rsp = await app.Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
            if (rsp.StatusCode == HttpStatusCode.TooManyRequests) limited = rsp;
        }
        limited.ShouldNotBeNull();
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }
}
