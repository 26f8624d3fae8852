using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Feedback.Api.Hosting;

/// <summary>
/// Behind a load balancer every caller arrives from the balancer's address, so unauthenticated callers would share one
/// rate-limit bucket. X-Forwarded-For is honoured only from the proxies listed in ForwardedHeaders:KnownProxies (a
/// caller can write any X-Forwarded-For, so from anyone else it is ignored); none listed, none honoured.
/// </summary>
static class Proxies
{
    public const string Section = "ForwardedHeaders:KnownProxies";

    public static void AddFeedbackProxies(this IServiceCollection services, IConfiguration config)
    {
        var proxies = config.GetSection(Section).Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            o.ForwardLimit = 1;
        });
    }

    public static void UseFeedbackProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value.KnownProxies.Count > 0)
            app.UseForwardedHeaders();
    }
}
