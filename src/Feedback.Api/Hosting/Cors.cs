using Microsoft.Net.Http.Headers;
using Submit = Feedback.Api.Recording.IdempotencyKeys;

namespace Feedback.Api.Hosting;

/// <summary>
/// CORS for browser apps (a check-in app on another origin): off unless Cors:AllowedOrigins lists origins. A preflight
/// is answered for them with every method and request header the OpenAPI document uses allowed, and every answer
/// header it declares exposed (CorsContractTests derives both lists from the served document). README "Browser apps".
/// </summary>
static class Cors
{
    /// <summary>The methods of the document's operations; HEAD is a simple method and needs no preflight.</summary>
    public static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete];

    /// <summary>
    /// The key, the submission's idempotency key, the plans' preconditions, a JSON body's type; Prefer and If-None-Exist
    /// for a SMART form filler on the FHIR facade.
    /// </summary>
    public static readonly string[] RequestHeaders =
    [
        ApiKeyAuthentication.Header, Submit.Header, HeaderNames.IfMatch, HeaderNames.IfNoneMatch,
        "Content-Type", "Prefer", "If-None-Exist",
    ];

    /// <summary>The answer headers a client reads; ETag, Last-Modified and Link are also the FHIR facade's answers.</summary>
    public static readonly string[] ResponseHeaders =
    [
        "Location", "Retry-After", Submit.ReplayHeader, "WWW-Authenticate", "ETag", "Last-Modified", "Link",
        ApiHeaders.ExportSnapshot,
    ];

    public static void AddFeedbackCors(this IServiceCollection services, IConfiguration config)
    {
        var origins = config.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            if (origins.Length == 0) return;
            p.WithOrigins(origins)
                .WithMethods(Methods)
                .WithHeaders(RequestHeaders)
                .WithExposedHeaders(ResponseHeaders)
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));
    }
}
