using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Feedback.Api.Hosting;

/// <summary>
/// A token bucket per API key (per address for requests without a valid key, which slows key guessing). Over the
/// limit: 429 with Retry-After. RateLimiting:PermitsPerSecond and RateLimiting:Burst set the bucket.
/// </summary>
static class RateLimits
{
    const int DefaultPermitsPerSecond = 100;
    const int DefaultBurst = 200;

    public static void AddFeedbackRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var perSecond = config.GetValue("RateLimiting:PermitsPerSecond", DefaultPermitsPerSecond);
        var burst = config.GetValue("RateLimiting:Burst", DefaultBurst);
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx => IsHealthCheck(ctx)
                ? RateLimitPartition.GetNoLimiter("health")
                : RateLimitPartition.GetTokenBucketLimiter(PartitionOf(ctx), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.OnRejected = RejectAsync;
        });
    }

    // An orchestrator's probes never share a bucket with bad-key traffic from the same address: a 429 on /health/live
    // would restart a healthy instance. They carry no data and cost no database work beyond one ping.
    static bool IsHealthCheck(HttpContext ctx) => ctx.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal);

    static string PartitionOf(HttpContext ctx) =>
        ctx.User.Identity?.IsAuthenticated == true ? "key:" + ctx.User.KeyId() : "address:" + ctx.Connection.RemoteIpAddress;

    static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await context.HttpContext.WriteProblemAsync(StatusCodes.Status429TooManyRequests, Problem.DefaultDetail(429));
    }
}
