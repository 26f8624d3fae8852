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

    readonly string snapshotSql = $"""
        SELECT MAX(id) FROM administrations WHERE tenant_id = @TenantId AND {Filter};
        """;

    /// <summary>The highest matching id now: the export's snapshot. Null when nothing matches.</summary>
    public Task<string?> SnapshotAsync(DbSession s, long tenantId, ExportFilter f, CancellationToken ct) =>
        s.Connection.ExecuteScalarAsync<string?>(s.Command(snapshotSql, new { TenantId = tenantId, f.Instrument, f.From, f.To }, ct));

    readonly string batchSql = $"""
        SELECT {dialect.Top} {AdministrationRepository.Columns} FROM administrations
        WHERE tenant_id = @TenantId AND id > @After AND id <= @Snapshot AND {Filter}
        ORDER BY id
        {dialect.Limit};
        """;

    /// <summary>The next matching rows after <paramref name="after"/> up to the snapshot, in id order.</summary>
    public async Task<IReadOnlyList<AdministrationRow>> BatchAsync(DbSession s, long tenantId, ExportFilter f, string after, string snapshot, int limit, CancellationToken ct) =>
        (await s.Connection.QueryAsync<AdministrationRow>(s.Command(batchSql, new
        {
            TenantId = tenantId, f.Instrument, f.From, f.To, After = after, Snapshot = snapshot, Limit = limit,
        }, ct))).AsList();
}
