using System.Globalization;
using System.Text;
using Feedback.Data.Administrations;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Feedback.Data.Exports;

/// <summary>
/// What an export reads (interop.md 4.2): the tenant's administrations with receivedAt in [From, To) (either optional)
/// and an optional instrument, in id order. The filters are residual on the (tenant_id, id) index, which carries
/// received_at and instrument on SQL Server, so the seek stays on the index.
/// </summary>
public sealed record ExportFilter(string? Instrument, DateTimeOffset? From, DateTimeOffset? To);

public sealed class ExportRepository(ISqlDialect dialect)
{
    const string Filter = """
        (@Instrument IS NULL OR instrument = @Instrument)
          AND (@From IS NULL OR received_at >= @From) AND (@To IS NULL OR received_at < @To)
        """;

    // Newest first and the first match: a walk back from the end of the index, not a count of every row of the tenant.
    readonly string snapshotSql = $"""
        SELECT {dialect.Top} id FROM administrations WHERE tenant_id = @TenantId AND {Filter}
        ORDER BY id DESC
        {dialect.Limit};
        """;

    /// <summary>The highest matching id now: the export's snapshot. Null when nothing matches.</summary>
    public Task<string?> SnapshotAsync(DbSession s, long tenantId, ExportFilter f, CancellationToken ct) =>
        s.Connection.ExecuteScalarAsync<string?>(s.Command(snapshotSql, new { TenantId = tenantId, f.Instrument, f.From, f.To, Limit = 1 }, ct));

    // The columns an export line holds (not the content hash or FHIR identifiers), in the order of ExportColumn; the
    // episode's import key and close make the line importable again (docs/bulk.md, "Round trip"). One seek of the
    // episodes' primary key per row.
    readonly string batchSql = $"""
        SELECT {dialect.Top} administrations.id, administrations.client_id, episode_id, instrument, rater, session_number, clinician_id,
               administered_at, received_at, items_json, total, prorated, severity, clinical_range, subscales_json, feedback_json,
               age_group, model, rules_version, episode_opened, source, episodes.import_key, episodes.closed_at
        FROM administrations
        JOIN episodes ON episodes.id = administrations.episode_id AND episodes.tenant_id = administrations.tenant_id
        WHERE administrations.tenant_id = @TenantId AND administrations.id > @After AND administrations.id <= @Snapshot AND {Filter}
        ORDER BY administrations.id
        {dialect.Limit};
        """;

    /// <summary>
    /// The next matching rows after <paramref name="after"/> up to the snapshot, in id order, each handed to
    /// <paramref name="write"/> while the reader is on it. Returns how many there were and the last one's id.
    /// </summary>
    public async Task<(int Count, string? LastId)> ReadBatchAsync(DbSession s, long tenantId, ExportFilter f, string after, string snapshot, int limit,
        Action<ExportRecord> write, CancellationToken ct)
    {
        if (s.Connection is SqliteConnection sqlite) return ReadSqlite(sqlite, tenantId, f, after, snapshot, limit, write, ct);
        return await ReadWithDataReaderAsync(s, tenantId, f, after, snapshot, limit, write, ct);
    }

    // SQL Server's way (tests run it on SQLite too, to compare both).
    internal async Task<(int Count, string? LastId)> ReadWithDataReaderAsync(DbSession s, long tenantId, ExportFilter f, string after, string snapshot,
        int limit, Action<ExportRecord> write, CancellationToken ct)
    {
        await using var reader = await s.Connection.ExecuteReaderAsync(s.Command(batchSql, new
        {
            TenantId = tenantId, f.Instrument, f.From, f.To, After = after, Snapshot = snapshot, Limit = limit,
        }, ct));
        var record = new DataReaderExportRecord(reader);
        var (count, lastId) = (0, (string?)null);
        while (await reader.ReadAsync(ct))
        {
            write(record);
            (count, lastId) = (count + 1, reader.GetString((int)ExportColumn.Id));
        }
        return (count, lastId);
    }

    // The same statement through SQLite's own API (see SqliteExportRecord), its parameters bound as Dapper and
    // Microsoft.Data.Sqlite bind them: timestamps as UTC text 'yyyy-MM-dd HH:mm:ss.FFFFFFF' (DateTimeOffsetHandler).
    (int Count, string? LastId) ReadSqlite(SqliteConnection connection, long tenantId, ExportFilter f, string after, string snapshot, int limit,
        Action<ExportRecord> write, CancellationToken ct)
    {
        var db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(db, batchSql, out var statement), db);
        using (statement)
        {
            Check(raw.sqlite3_bind_int64(statement, raw.sqlite3_bind_parameter_index(statement, "@TenantId"), tenantId), db);
            BindText(statement, "@Instrument", f.Instrument, db);
            BindText(statement, "@From", f.From?.UtcDateTime.ToString(StoredTimestamp, CultureInfo.InvariantCulture), db);
            BindText(statement, "@To", f.To?.UtcDateTime.ToString(StoredTimestamp, CultureInfo.InvariantCulture), db);
            BindText(statement, "@After", after, db);
            BindText(statement, "@Snapshot", snapshot, db);
            Check(raw.sqlite3_bind_int64(statement, raw.sqlite3_bind_parameter_index(statement, "@Limit"), limit), db);
            var record = new SqliteExportRecord(statement);
            var count = 0;
            Span<byte> lastId = stackalloc byte[64];
            var lastIdLength = 0;
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                ct.ThrowIfCancellationRequested();
                record.Next();
                write(record);
                var id = record.Utf8(ExportColumn.Id);
                lastIdLength = id.Length <= lastId.Length ? id.Length : throw new InvalidDataException("An administration id is longer than 64 bytes.");
                id.CopyTo(lastId);
                count++;
            }
            if (rc != raw.SQLITE_DONE) Check(rc, db);
            return (count, count == 0 ? null : Encoding.UTF8.GetString(lastId[..lastIdLength]));
        }
    }

    const string StoredTimestamp = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    static void BindText(sqlite3_stmt statement, string name, string? value, sqlite3 db)
    {
        var index = raw.sqlite3_bind_parameter_index(statement, name);
        Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text(statement, index, value), db);
    }

    static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }

    /// <summary>The next matching rows after <paramref name="after"/> up to the snapshot, in id order, as objects.</summary>
    public async Task<IReadOnlyList<ExportRow>> BatchAsync(DbSession s, long tenantId, ExportFilter f, string after, string snapshot, int limit, CancellationToken ct)
    {
        var rows = new List<ExportRow>(limit);
        await ReadBatchAsync(s, tenantId, f, after, snapshot, limit, r => rows.Add(new ExportRow(ReadRow(r), r.Text(ExportColumn.EpisodeImportKey),
            r.IsNull(ExportColumn.EpisodeClosedAt) ? null : r.Timestamp(ExportColumn.EpisodeClosedAt))), ct);
        return rows;
    }

    static AdministrationRow ReadRow(ExportRecord r) => new()
    {
        Id = r.Text(ExportColumn.Id)!, ClientId = r.Text(ExportColumn.ClientId)!, EpisodeId = r.Text(ExportColumn.EpisodeId)!,
        Instrument = r.Text(ExportColumn.Instrument)!, Rater = r.Text(ExportColumn.Rater)!,
        SessionNumber = r.IsNull(ExportColumn.SessionNumber) ? null : (int)r.Integer(ExportColumn.SessionNumber), ClinicianId = r.Text(ExportColumn.ClinicianId),
        AdministeredAt = r.Timestamp(ExportColumn.AdministeredAt), ReceivedAt = r.Timestamp(ExportColumn.ReceivedAt), ItemsJson = r.Text(ExportColumn.ItemsJson)!,
        Total = r.Decimal(ExportColumn.Total), Prorated = r.Integer(ExportColumn.Prorated) != 0, Severity = r.Text(ExportColumn.Severity),
        ClinicalRange = r.IsNull(ExportColumn.ClinicalRange) ? null : r.Integer(ExportColumn.ClinicalRange) != 0,
        SubscalesJson = r.Text(ExportColumn.SubscalesJson)!, FeedbackJson = r.Text(ExportColumn.FeedbackJson), AgeGroup = r.Text(ExportColumn.AgeGroup)!,
        Model = r.Text(ExportColumn.Model), RulesVersion = r.Text(ExportColumn.RulesVersion)!, EpisodeOpened = r.Text(ExportColumn.EpisodeOpened),
        Source = r.Text(ExportColumn.Source)!,
    };
}

/// <summary>An exported administration with its episode's import key (null when no import made it) and close.</summary>
public sealed record ExportRow(AdministrationRow Row, string? EpisodeImportKey, DateTimeOffset? EpisodeClosedAt)
{
    public string Id => Row.Id;
}
