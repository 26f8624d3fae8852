namespace Feedback.Api.Hosting;

/// <summary>Headers that keep answers holding client data out of caches, frames and content sniffing.</summary>
static class SecurityHeaders
{
    const string DocsPrefix = "/docs";

    // Set as the answer starts, so that an answer the exception handler rewrote (it clears headers) carries them too.
    public static Task ApplyAsync(HttpContext ctx, Func<Task> next)
    {
        ctx.Response.OnStarting(() =>
        {
            Apply(ctx);
            return Task.CompletedTask;
        });
        return next();
    }

    static void Apply(HttpContext ctx)
    {
        var headers = ctx.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        // The Swagger UI needs its own scripts and styles; every other answer is data and needs nothing.
        if (!ctx.Request.Path.StartsWithSegments(DocsPrefix))
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        if (ctx.Request.IsHttps)
            headers.StrictTransportSecurity = "max-age=31536000";
    }
}
