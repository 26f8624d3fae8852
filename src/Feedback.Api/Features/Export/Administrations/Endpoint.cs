using System.Buffers;
using System.Text.Json;
using Feedback.Data.Exports;

namespace Feedback.Api.Features.Export.Administrations;

/// <summary>
/// interop.md 4.2: the tenant's administrations, streamed in id order in batches of 1,000 (flushed per batch, never
/// buffered whole), up to a snapshot id fixed at the start, resumable by keyset. One export per tenant at a time.
/// </summary>
sealed class Endpoint(Database database, ExportRepository exports, TenantLeases leases) : Endpoint<Request>
{
    public const int BatchSize = 1000;
    const string RetryAfterSeconds = "30";

    public override void Configure()
    {
        Get(ApiRoutes.ExportAdministrations);
        Policies(KeyScopes.Admin);
        Options(b => b.WithMetadata(new Api.Audit.StreamedAnswer()));
        Description(d => d.WithName("ExportAdministrations").WithTags("Export and import")
            .ClearDefaultProduces(200)
            .Produces<AdministrationView>(200, NdjsonRows.ContentType)
            .Produces<string>(200, CsvRows.ContentType));
        Summary(s =>
        {
            s.Summary = "Export the tenant's administrations as NDJSON or CSV (research, backup)";
            s.Description = """
                The one admin route that returns client data; every export is audited with its snapshot and row count.
                Rows: administrations received in [from, to), of one instrument if given, in id order, streamed.
                First the highest matching id is fixed as the snapshot (header X-Export-Snapshot) and only rows up to it are
                sent, so a resumed export (cursor and snapshot) sees the same set.
                NDJSON: one administration per line (as GET answers it, with feedback and source, and "type": "administration",
                episodeKey: the episode's import key, or its id when no import made it, and episodeClosedAt: its close or null),
                then {"type":"end","count":N,"lastId":"..."}. Each line is an import line as it is (POST /v1/import/administrations):
                imported into another tenant, then exported, it comes back equal but for id, episodeId, episode.id, receivedAt
                and source, which are the receiving tenant's. No end line: the answer was cut off; resume with
                cursor=<lastId of the last line>&snapshot=<X-Export-Snapshot>.
                CSV: a header row, then one row per administration (items in item1..item45); complete when the last row's id
                equals X-Export-Snapshot. A field starting with =, +, - or @ is written with a leading apostrophe.
                429 while another export of the tenant is running (Retry-After: 30).
                """;
            s.ResponseHeaders.Add(new(200, ApiHeaders.ExportSnapshot) { Description = "The snapshot: the highest id this export (and its resumptions) may send. Absent when nothing matches." });
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var tenantId = User.TenantId();
        var filter = new ExportFilter(r.Instrument,
            Request.TryInstant(r.From, out var from) ? from : null, Request.TryInstant(r.To, out var to) ? to : null);
        var (lease, _) = await leases.TryTakeAsync(tenantId, TenantLeases.Export, ct);
        if (lease is null)
        {
            HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            await HttpContext.WriteProblemAsync(StatusCodes.Status429TooManyRequests,
                "Another export of this tenant is running; one runs at a time. Retry after the time in Retry-After.");
            return;
        }

        var after = Request.TryCursor(r.Cursor, out var cursorId) ? cursorId : "";
        var csv = r.Format == Request.Csv;
        var progress = new Progress(r.Snapshot, r.Cursor is null ? null : after);
        string? entryId = null;
        try
        {
            var snapshot = r.Snapshot ?? await ReadAsync((s, token) => exports.SnapshotAsync(s, tenantId, filter, token), ct);
            progress = progress with { Snapshot = snapshot };
            try
            {
                entryId = await Api.Audit.AuditMiddleware.StartStreamAsync(HttpContext, progress.Detail());
            }
            catch (Exception e) when (!Database.IsBusy(e))
            {
                Logger.LogError(e, "Could not write the audit entry of an export; nothing was sent.");
                HttpContext.Response.Headers.RetryAfter = "5";
                await HttpContext.WriteProblemAsync(StatusCodes.Status503ServiceUnavailable,
                    "The access could not be recorded in the audit log, so the export is withheld. Retry after the time in Retry-After.");
                return;
            }

            var response = HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = csv ? CsvRows.ContentType + "; charset=utf-8" : NdjsonRows.ContentType;
            response.Headers.CacheControl = "no-store";
            if (snapshot is not null) response.Headers[ApiHeaders.ExportSnapshot] = snapshot;
            var output = response.BodyWriter;
            if (csv) CsvRows.WriteHeader(output);
            // A batch is read and written into one buffer while the previous one goes to the caller (two cores, two
            // stages), and goes to the response in one write: per line, the response's pipe took a lock.
            ArrayBufferWriter<byte> filling = new(BatchBytes), sending = new(BatchBytes);
            var next = snapshot is null ? null : ReadBatchAsync(filling, tenantId, filter, after, snapshot, csv, ct);
            while (next is not null)
            {
                var (count, lastId) = await next;
                (filling, sending) = (sending, filling);
                next = count == BatchSize ? ReadBatchAsync(filling, tenantId, filter, lastId!, snapshot!, csv, ct) : null;
                if (count > 0) progress = progress with { Rows = progress.Rows + count, LastId = lastId };
                if (next is null)
                {
                    output.Write(sending.WrittenSpan);
                    break;
                }
                await output.WriteAsync(sending.WrittenMemory, ct);
                await lease.RenewIfDueAsync(ct);
            }
            if (!csv) NdjsonRows.WriteEnd(output, progress.Rows, progress.LastId ?? progress.Cursor);
            await output.FlushAsync(ct);
            progress = progress with { Complete = true };
        }
        finally
        {
            // Also when the caller hung up: the entry then says how many rows were read for it and that it was cut off.
            // Written together with the lease's release, so that both can share one commit.
            await Task.WhenAll(
                entryId is null ? Task.CompletedTask : Api.Audit.AuditMiddleware.CompleteStreamAsync(HttpContext, entryId, progress.Detail()),
                lease.DisposeAsync().AsTask());
        }
    }

    async Task<T> ReadAsync<T>(Func<DbSession, CancellationToken, Task<T>> read, CancellationToken ct) =>
        await database.ReadWithRetryAsync(read, ct);

    // About 900 bytes an NDJSON line, 240 a CSV row.
    const int BatchBytes = BatchSize * 1024;

    Task<(int Count, string? LastId)> ReadBatchAsync(ArrayBufferWriter<byte> buffer, long tenantId, ExportFilter filter, string after, string snapshot,
        bool csv, CancellationToken ct) =>
        Task.Run(() => ReadAsync(async (s, token) =>
        {
            buffer.ResetWrittenCount(); // a retried read starts the batch again
            using var json = new Utf8JsonWriter(buffer, NdjsonRows.WriterOptions);
            return await exports.ReadBatchAsync(s, tenantId, filter, after, snapshot, BatchSize,
                csv ? row => CsvRows.Write(buffer, row) : row => NdjsonRows.Write(json, buffer, row), token);
        }, ct), ct);

    /// <summary>What the audit entry records: ids and counts, never client data.</summary>
    sealed record Progress(string? Snapshot, string? Cursor, long Rows = 0, string? LastId = null, bool Complete = false)
    {
        public string Detail() => JsonSerializer.Serialize(new { snapshot = Snapshot, cursor = Cursor, rows = Rows, lastId = LastId, complete = Complete });
    }
}
