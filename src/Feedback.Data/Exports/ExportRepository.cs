using Feedback.Data.Administrations;

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

    // The columns an export line holds (not the content hash or FHIR identifiers), in the order ReadRow reads them; the
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

    /// <summary>The next matching rows after <paramref name="after"/> up to the snapshot, in id order.</summary>
    /// <remarks>Read with the data reader's typed getters: Dapper's row mapping boxes every value, and was a quarter of an
    /// export's time (docs/performance.md).</remarks>
    public async Task<IReadOnlyList<ExportRow>> BatchAsync(DbSession s, long tenantId, ExportFilter f, string after, string snapshot, int limit, CancellationToken ct)
    {
        var rows = new List<ExportRow>(limit);
        await using var reader = await s.Connection.ExecuteReaderAsync(s.Command(batchSql, new
        {
            TenantId = tenantId, f.Instrument, f.From, f.To, After = after, Snapshot = snapshot, Limit = limit,
        }, ct));
        while (await reader.ReadAsync(ct))
            rows.Add(new ExportRow(ReadRow(reader), reader.IsDBNull(21) ? null : reader.GetString(21),
                reader.IsDBNull(22) ? null : DateTimeOffsetHandler.Read(reader, 22)));
        return rows;
    }

    static AdministrationRow ReadRow(System.Data.Common.DbDataReader r) => new()
    {
        Id = r.GetString(0), ClientId = r.GetString(1), EpisodeId = r.GetString(2), Instrument = r.GetString(3), Rater = r.GetString(4),
        SessionNumber = r.IsDBNull(5) ? null : r.GetInt32(5), ClinicianId = r.IsDBNull(6) ? null : r.GetString(6),
        AdministeredAt = DateTimeOffsetHandler.Read(r, 7), ReceivedAt = DateTimeOffsetHandler.Read(r, 8), ItemsJson = r.GetString(9), Total = r.GetDecimal(10),
        Prorated = r.GetBoolean(11), Severity = r.IsDBNull(12) ? null : r.GetString(12), ClinicalRange = r.IsDBNull(13) ? null : r.GetBoolean(13),
        SubscalesJson = r.GetString(14), FeedbackJson = r.IsDBNull(15) ? null : r.GetString(15), AgeGroup = r.GetString(16),
        Model = r.IsDBNull(17) ? null : r.GetString(17), RulesVersion = r.GetString(18), EpisodeOpened = r.IsDBNull(19) ? null : r.GetString(19),
        Source = r.GetString(20),
    };
}

/// <summary>An exported administration with its episode's import key (null when no import made it) and close.</summary>
public sealed record ExportRow(AdministrationRow Row, string? EpisodeImportKey, DateTimeOffset? EpisodeClosedAt)
{
    public string Id => Row.Id;
}
