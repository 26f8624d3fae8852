using Microsoft.AspNetCore.Http.Features;
using Feedback.Api.Json;
using Feedback.Clinical.Alerts;
using Feedback.Api.OpenApi;
using Feedback.Data.Migrations;

namespace Feedback.Api.Hosting;

static class Pipeline
{
    public static void UseFeedback(this WebApplication app)
    {
        // interop.md 2.1: without the secrets' key (outside Development) the service does not start, rather than fail later.
        app.Services.GetRequiredService<Webhooks.SecretProtector>();
        app.Services.GetRequiredService<Webhooks.TargetRules>();
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (options.Provider == DatabaseProvider.Sqlite)
            Migrator.Upgrade(options);
        if (app.Environment.IsDevelopment())
            SeedDemoTenant(app);
        else
            WarnOfDemoKey(app);

        app.UseFeedbackProxies(); // first: the caller's address as the configured proxies report it
        // Kestrel's own refusals while a body is read (over 64 KiB when chunked: 413; too slow: 408) are the caller's, not 500s.
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusOf });
        app.UseStatusCodePages();
        app.Use(SecurityHeaders.ApplyAsync);
        app.UseCors(); // before the body and key checks: a preflight carries neither
        app.UseAuthentication(); // identifies the key only; refusing a missing or bad one (401) is authorization's
        app.UseRateLimiter();
        app.Use(Audit.AuditMiddleware.RecordAsync); // before the body checks and authorization: 413, 415 and 403 are recorded too
        app.Use(RejectOversizedBodies);
        app.Use(RejectNonJsonBodies);
        app.Use(FhirNegotiation.CheckAsync);
        app.UseAuthorization();
        app.Use(UnknownQueryParameters.RejectAsync);
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(Services.ReadyTag) });
        app.UseFastEndpoints(c =>
        {
            JsonSetup.Apply(c.Serializer.Options);
            c.Errors.ResponseBuilder = ProblemSending.FromFailures;
            c.Errors.ProducesMetadataType = typeof(Problem);
            c.Errors.ContentType = Problem.ContentType;
            c.Binding.JsonExceptionTransformer = JsonErrors.ToFailure;
            c.Binding.FailureMessage = (type, _, _) => ValidValues.For(type) ?? "Not a valid value for this parameter.";
            QueryEnum<Rater>(c.Binding);
            QueryEnum<AlertKind>(c.Binding);
            QueryEnum<AlertPriority>(c.Binding);
        });
        app.UseFeedbackOpenApi();
    }

    /// <summary>The status the exception handler answers for an exception an endpoint threw.</summary>
    public static int StatusOf(Exception e) => e switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ when Database.IsBusy(e) => StatusCodes.Status503ServiceUnavailable, // a bounded wait for a lock ended
        _ => StatusCodes.Status500InternalServerError,
    };

    // Query values of enums use the same snake_case names as JSON ("risk_item"), not .NET's member names.
    static void QueryEnum<T>(BindingOptions binding) where T : struct, Enum
    {
        ParseResult Parse(Microsoft.Extensions.Primitives.StringValues input) =>
            Names.TryParse<T>(input.ToString(), out var value) ? new(true, value) : new(false, null);
        binding.ValueParserFor<T>(Parse);
        binding.ValueParserFor(typeof(T?), Parse);
    }

    // Kestrel enforces the limit while reading; this answers early, with a problem body, when Content-Length says so.
    // The import (interop.md 4.3) has its own, larger limit, which Kestrel then enforces for that request alone.
    static Task RejectOversizedBodies(HttpContext ctx, Func<Task> next)
    {
        var limit = NdjsonBodyOf(ctx)?.MaxBytes ?? Services.MaxBodyBytes;
        if (limit != Services.MaxBodyBytes && ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        return ctx.Request.ContentLength > limit
            ? ctx.WriteProblemAsync(StatusCodes.Status413PayloadTooLarge, Problem.DefaultDetail(413))
            : next();
    }

    static NdjsonBody? NdjsonBodyOf(HttpContext ctx) =>
        ctx.GetEndpoint()?.Metadata.GetMetadata<NdjsonBody>();

    // Every body this API reads is JSON; anything else (or a body without a Content-Type) is a 415 with a problem body.
    // A Content-Type on a bodiless GET (some clients send one on every request) describes nothing and is dropped.
    static Task RejectNonJsonBodies(HttpContext ctx, Func<Task> next)
    {
        if (FhirRoutes.IsFhir(ctx.Request.Path)) return next(); // FhirNegotiation: FHIR's own media types and order
        if (!HasBody(ctx.Request))
        {
            // No body: a GET's Content-Type describes nothing; a POST or PUT without one is an empty JSON body, which an
            // operation that needs one refuses as a 400 naming `body` (not a bare 415).
            // An operation that reads no body (POST episodes) ignores one declared empty, as many clients send the header anyway.
            if (HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method) || !ReadsJsonBody(ctx)) ctx.Request.ContentType = null;
            else ctx.Request.ContentType ??= "application/json";
            return next();
        }
        // The import reads NDJSON and nothing else (interop.md 4.3: 415 for another type).
        if (NdjsonBodyOf(ctx) is not null)
            return IsNdjson(ctx.Request.ContentType) ? next() : ctx.WriteProblemAsync(StatusCodes.Status415UnsupportedMediaType,
                "The import reads application/x-ndjson: one JSON object per line.");
        return ctx.Request.HasJsonContentType()
            ? next()
            : ctx.WriteProblemAsync(StatusCodes.Status415UnsupportedMediaType, Problem.DefaultDetail(415));
    }

    static bool IsNdjson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals(MediaTypes.Ndjson, StringComparison.OrdinalIgnoreCase)
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    static bool ReadsJsonBody(HttpContext ctx) =>
        ctx.GetEndpoint()?.Metadata.GetMetadata<EndpointDefinition>() is { } definition
        && RequestShapes.Of(definition.ReqDtoType).ReadsBody;

    static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0
        || (request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);

    // A database a Development run used still holds the demo key; it is refused here, and an operator should revoke it.
    static void WarnOfDemoKey(WebApplication app)
    {
        if (app.Services.GetRequiredService<TenantAdmin>().DemoKeyExistsAsync(CancellationToken.None).GetAwaiter().GetResult())
            app.Logger.LogWarning("This database holds the public demo key of a Development run; it is refused in the {Environment} environment. Revoke it: keys list, keys revoke <id>.",
                app.Environment.EnvironmentName);
    }

    static void SeedDemoTenant(WebApplication app)
    {
        var created = app.Services.GetRequiredService<TenantAdmin>().EnsureDemoAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (created)
            app.Logger.LogInformation("Development: created tenant '{Tenant}' with the README's demo key (all scopes, every instrument).", TenantAdmin.DemoTenant);
    }
}
