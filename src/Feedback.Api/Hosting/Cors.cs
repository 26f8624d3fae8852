namespace Feedback.Api.Hosting;

/// <summary>
/// CORS for browser apps (a check-in app on another origin): off unless Cors:AllowedOrigins lists origins. A preflight
/// is answered for them, with the key and idempotency headers allowed and the answer headers a client reads exposed.
/// </summary>
static class Cors
{
    public static void AddFeedbackCors(this IServiceCollection services, IConfiguration config)
    {
        var origins = config.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            if (origins.Length == 0) return;
            p.WithOrigins(origins)
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put)
                // Prefer and If-None-Exist for a SMART form filler on the FHIR facade; ETag, Last-Modified and Link are its answers.
                .WithHeaders(ApiKeyAuthentication.Header, Features.Administrations.Submit.Endpoint.IdempotencyHeader, "Content-Type", "Prefer", "If-None-Exist")
                .WithExposedHeaders("Location", "Retry-After", Features.Administrations.Submit.Endpoint.ReplayHeader, "WWW-Authenticate", "ETag", "Last-Modified", "Link")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));
    }
}
