using Microsoft.AspNetCore.Http.Features;
using Feedback.Data.Audit;

namespace Feedback.Api.Audit;

/// <summary>
/// Records every authenticated request to client data: tenant, key id, method, route template, resource id, outcome, time.
/// Never a body, so never an item answer. The catalogue holds no client data and is not recorded.
/// The audit never fails open: the endpoint answers into a buffer, its entry is committed (with the
/// submissions' group commit on SQLite), and only then does the answer leave. If the entry cannot be written, the
/// answer is dropped and the caller gets a 503. Failed requests (400, 403, 404, 500...) are recorded the same way.
/// </summary>
static class AuditMiddleware
{
    static readonly string[] ResourceRouteValues = ["id", "deliveryId", "episodeId", "clientId"];

    /// <summary>The caller hung up before the answer was complete (nginx's convention); the access is recorded all the same.</summary>
    const int ClientClosedRequest = 499;

    public static async Task RecordAsync(HttpContext ctx, Func<Task> next)
    {
        if (AuditedRoute(ctx) is not { } route)
        {
            await next();
            return;
        }

        if (ctx.GetEndpoint()?.Metadata.GetMetadata<StreamedAnswer>() is not null)
        {
            await RecordStreamedAsync(ctx, route, next);
            return;
        }

        var headersBefore = ctx.Response.Headers.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var answer = ctx.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        ctx.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        var notWritten = false;
        try
        {
            await next();
        }
        catch (InTransactionEntry.NotWritten e)
        {
            // The entry was to be written with the endpoint's own write, so that write was undone with it.
            Log(ctx, e);
            notWritten = true;
        }
        catch (Exception e)
        {
            // The exception handler answers with a problem (no client data); the failed access is recorded first.
            // A request refused because the database was busy touched no data, and its entry would wait for the same lock.
            if (Database.IsBusy(e)) throw;
            var status = ctx.RequestAborted.IsCancellationRequested ? ClientClosedRequest : Hosting.Pipeline.StatusOf(e);
            try { await WriteAsync(ctx, route, status); }
            catch (Exception auditError) { Log(ctx, auditError); }
            throw;
        }
        finally
        {
            ctx.Features.Set(answer);
        }
        if (notWritten)
        {
            await WithholdAsync(ctx, route, headersBefore, nothingChanged: true);
            return;
        }

        try
        {
            // An entry the endpoint committed with its own write, for the status it answered, is the record already.
            if (!InTransactionEntry.WasCommitted(ctx, ctx.Response.StatusCode))
                await WriteAsync(ctx, route, ctx.Response.StatusCode);
        }
        catch (Exception e)
        {
            Log(ctx, e);
            await WithholdAsync(ctx, route, headersBefore);
            return;
        }
        if (buffer.Length == 0) return;
        ctx.Response.ContentLength ??= buffer.Length;
        await answer.Stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ctx.RequestAborted);
    }

    // A streamed answer (the export) cannot wait in a buffer: its endpoint records the access before the first row leaves
    // (StartStreamAsync) and completes the entry at the end. Answers it sent without rows (400, 429) are recorded here.
    static async Task RecordStreamedAsync(HttpContext ctx, string route, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (Exception e) when (!ctx.Items.ContainsKey(StreamEntryKey) && !Database.IsBusy(e))
        {
            try { await WriteAsync(ctx, route, ctx.RequestAborted.IsCancellationRequested ? ClientClosedRequest : Hosting.Pipeline.StatusOf(e)); }
            catch (Exception auditError) { Log(ctx, auditError); }
            throw;
        }
        if (!ctx.Items.ContainsKey(StreamEntryKey))
            await WriteAsync(ctx, route, ctx.Response.StatusCode);
    }

    const string StreamEntryKey = "feedback.audit-stream-entry";

    /// <summary>
    /// Records a streamed answer before its first byte (status 200, with <paramref name="detail"/>); answers the entry's
    /// id for <see cref="CompleteStreamAsync"/>. Throws when the entry cannot be written: then nothing may be sent.
    /// </summary>
    public static async Task<string> StartStreamAsync(HttpContext ctx, string detail)
    {
        var entry = EntriesOf(ctx, AuditedRoute(ctx)!, StatusCodes.Status200OK, detail).Single();
        await InsertAsync(ctx, [entry]);
        ctx.Items[StreamEntryKey] = entry.Id;
        return entry.Id;
    }

    /// <summary>Completes the entry of a streamed answer with what was sent (an export's row count).</summary>
    public static Task CompleteStreamAsync(HttpContext ctx, string entryId, string detail)
    {
        var services = ctx.RequestServices;
        var audit = services.GetRequiredService<AuditRepository>();
        var tenantId = ctx.User.TenantId();
        var full = AuditDetail.WithQuery(ctx, AuditedRoute(ctx)!, detail)!;
        return services.GetRequiredService<Database>().WriteAsync(
            async (session, ct) => { await audit.UpdateDetailAsync(session, tenantId, entryId, full, ct); return true; }, CancellationToken.None);
    }

    // Requests with a valid key to an operation on client or tenant data; the catalogue holds none.
    internal static string? AuditedRoute(HttpContext ctx)
    {
        if (ctx.User.Identity?.IsAuthenticated != true || ctx.GetEndpoint() is not RouteEndpoint endpoint) return null;
        var route = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
        return IsCatalogue(route) ? null : route;
    }

    static bool IsCatalogue(string route) =>
        route.StartsWith(ApiRoutes.Instruments, StringComparison.Ordinal)
        || route is FhirRoutes.Questionnaires or FhirRoutes.Questionnaire or FhirRoutes.Metadata;

    static Task WriteAsync(HttpContext ctx, string route, int status) =>
        InsertAsync(ctx, EntriesOf(ctx, route, status, AuditDetail.Of(ctx)));

    internal static List<AuditEntry> EntriesOf(HttpContext ctx, string route, int status, string? detail)
    {
        var at = ctx.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        detail = AuditDetail.WithQuery(ctx, route, detail);
        return SubjectsOf(ctx).Select(subject => new AuditEntry
        {
            Id = Ulid.NewUlid().ToString(),
            KeyId = ctx.User.KeyId(),
            Method = ctx.Request.Method,
            Route = route,
            ClientId = subject.ClientId,
            ResourceId = subject.ResourceId,
            Status = status,
            At = at,
            Detail = detail,
        }).ToList();
    }

    static Task InsertAsync(HttpContext ctx, List<AuditEntry> entries)
    {
        var services = ctx.RequestServices;
        var tenantId = ctx.User.TenantId();
        var audit = services.GetRequiredService<AuditRepository>();
        // Not the request's token: an access that happened is recorded even when the caller has hung up.
        return services.GetRequiredService<Database>().WriteAsync(
            (session, ct) => audit.InsertAsync(session, tenantId, entries, ct), CancellationToken.None);
    }

    // The endpoint's status, headers and body are dropped; those set before it ran (CORS, trace) stay.
    static Task WithholdAsync(HttpContext ctx, string route, HashSet<string> headersBefore, bool nothingChanged = false)
    {
        foreach (var name in ctx.Response.Headers.Keys.Where(h => !headersBefore.Contains(h)).ToList())
            ctx.Response.Headers.Remove(name);
        ctx.Response.Headers.RetryAfter = RetryAfterSeconds;
        return ctx.WriteProblemAsync(StatusCodes.Status503ServiceUnavailable, NotRecorded(ctx, route, nothingChanged));
    }

    const string RetryAfterSeconds = "5";

    static string NotRecorded(HttpContext ctx, string route, bool nothingChanged)
    {
        const string withheld = "The access could not be recorded in the audit log, so the answer is withheld. ";
        if (HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method))
            return withheld + "Retry after the time in Retry-After.";
        // Only a submission has an Idempotency-Key; any other write is read back before it is repeated.
        return nothingChanged || ctx.Response.StatusCode >= 400
            ? withheld + "Nothing was changed; retry after the time in Retry-After."
            : HttpMethods.IsPost(ctx.Request.Method) && route is ApiRoutes.Administrations or FhirRoutes.QuestionnaireResponses
                ? withheld + "The administration is stored: repeat the request with the same Idempotency-Key to receive its answer."
                : withheld + "The change is stored: read it back before repeating the request (a repeated POST of an episode opens another).";
    }

    static void Log(HttpContext ctx, Exception e) =>
        // No ids: an audit entry names a client, and client data never goes to a log.
        ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditMiddleware))
            .LogError(e, "Could not write the audit entry of a {Method} request; its answer was withheld.", ctx.Request.Method);

    readonly record struct Subject(string? ClientId, string? ResourceId);

    /// <summary>
    /// One entry per client whose data the answer holds: the clients an endpoint names (a worklist page, an alert's
    /// client, see <see cref="AuditedClients"/>), else the route's {clientId}, else the clientId filter of a query.
    /// The resource is the most specific id the route names, else the client.
    /// </summary>
    static IEnumerable<Subject> SubjectsOf(HttpContext ctx)
    {
        string? resource = null;
        foreach (var name in ResourceRouteValues)
            if (resource is null && ctx.Request.RouteValues.TryGetValue(name, out var value) && value is string s)
                resource = Truncate(s);
        if (AuditedClients.Of(ctx) is { Count: > 0 } clients)
            return clients.Select(c => new Subject(Truncate(c), resource ?? Truncate(c)));
        var client = ctx.Request.RouteValues.TryGetValue("clientId", out var routeClient) && routeClient is string id ? id
            : ctx.Request.Query.TryGetValue("clientId", out var filter) ? filter.ToString()
            : null;
        client = client is null ? null : Truncate(client);
        return [new Subject(client, resource ?? client)];
    }

    const int MaxResourceId = 64;
    static string Truncate(string s) => s.Length <= MaxResourceId ? s : s[..MaxResourceId];
}
