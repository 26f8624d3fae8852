using Feedback.Data.Audit;

namespace Feedback.Api.Audit;

/// <summary>
/// Records every authenticated request to client data: tenant, key id, method, route template, resource id, outcome, time.
/// Never a body, so never an item answer. The catalogue holds no client data and is not recorded.
/// </summary>
static class AuditMiddleware
{
    static readonly string[] ResourceRouteValues = ["id", "episodeId", "clientId"];

    public static async Task RecordAsync(HttpContext ctx, Func<Task> next)
    {
        await next();
        if (ctx.User.Identity?.IsAuthenticated != true || ctx.GetEndpoint() is not RouteEndpoint endpoint) return;
        var route = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
        if (route.StartsWith(ApiRoutes.Instruments, StringComparison.Ordinal)) return;

        ctx.RequestServices.GetRequiredService<AuditWriter>().Record(ctx.User.TenantId(), new AuditEntry
        {
            Id = Ulid.NewUlid().ToString(),
            KeyId = ctx.User.KeyId(),
            Method = ctx.Request.Method,
            Route = route,
            ResourceId = ResourceOf(ctx),
            Status = ctx.Response.StatusCode,
            At = ctx.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
        });
    }

    /// <summary>The most specific id in the route, else the clientId filter of a query.</summary>
    static string? ResourceOf(HttpContext ctx)
    {
        foreach (var name in ResourceRouteValues)
            if (ctx.Request.RouteValues.TryGetValue(name, out var value) && value is string s)
                return Truncate(s);
        return ctx.Request.Query.TryGetValue("clientId", out var client) ? Truncate(client.ToString()) : null;
    }

    const int MaxResourceId = 64;
    static string Truncate(string s) => s.Length <= MaxResourceId ? s : s[..MaxResourceId];
}
