using Feedback.Data.Audit;

namespace Feedback.Api.Audit;

/// <summary>
/// A request's audit entries written in the endpoint's own write transaction, with the status its answer will have:
/// a submission then waits for one commit, not two (its write, then its entry). Once that transaction has
/// committed, <see cref="Committed"/> tells the middleware, which writes no entry of its own when the answer has that
/// status. When the transaction rolls back, or the answer ends with another status, the middleware records the access
/// as for any request, so no access goes unrecorded and no entry claims an answer that was not given.
/// </summary>
sealed class InTransactionEntry
{
    const string CommittedKey = "feedback.audit-committed-status";

    readonly HttpContext ctx;
    readonly AuditRepository audit;
    readonly long tenantId;
    readonly List<AuditEntry> entries;
    readonly int status;

    InTransactionEntry(HttpContext ctx, List<AuditEntry> entries, int status)
    {
        (this.ctx, this.entries, this.status) = (ctx, entries, status);
        audit = ctx.RequestServices.GetRequiredService<AuditRepository>();
        tenantId = ctx.User.TenantId();
    }

    /// <summary>The entries of this request with <paramref name="status"/>; null when the route is not audited.</summary>
    public static InTransactionEntry? For(HttpContext ctx, int status) =>
        AuditMiddleware.AuditedRoute(ctx) is { } route ? new(ctx, AuditMiddleware.EntriesOf(ctx, route, status, AuditDetail.Of(ctx)), status) : null;

    /// <summary>
    /// Inside the write transaction, on the writer: only what was built above is used, not the request's context.
    /// Throws <see cref="NotWritten"/> when the entry cannot be written: the transaction then stores nothing.
    /// </summary>
    public async Task WriteAsync(DbSession tx, CancellationToken ct)
    {
        try { await audit.InsertAsync(tx, tenantId, entries, ct); }
        catch (Exception e) when (!Database.IsBusy(e) && e is not OperationCanceledException) { throw new NotWritten(e); }
    }

    /// <summary>The entry could not be written, so the write it belonged to was not made either (answered 503).</summary>
    public sealed class NotWritten(Exception inner) : Exception("The audit entry could not be written.", inner);

    /// <summary>After the commit, on the request's own flow.</summary>
    public void Committed() => ctx.Items[CommittedKey] = status;

    public static bool WasCommitted(HttpContext ctx, int status) => ctx.Items.TryGetValue(CommittedKey, out var value) && value is int s && s == status;
}
