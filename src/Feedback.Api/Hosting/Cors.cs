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
                .WithHeaders(ApiKeyAuthentication.Header, Features.Administrations.Submit.Endpoint.IdempotencyHeader, "Content-Type")
                .WithExposedHeaders("Location", "Retry-After", Features.Administrations.Submit.Endpoint.ReplayHeader, "WWW-Authenticate")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));
    }
}
