namespace Feedback.Data.Imports;

/// <summary>An import line id already seen: the fingerprint of its content and the administration it became.</summary>
public sealed class ImportLineRow
{
    public string LineHash { get; init; } = "";
    public string AdministrationId { get; init; } = "";
}

public sealed class ImportLineRepository
{
    readonly string findSql = """
        SELECT line_hash, administration_id FROM import_lines WHERE tenant_id = @TenantId AND line_id = @LineId;
        """;

    public Task<ImportLineRow?> FindAsync(DbSession s, long tenantId, string lineId, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<ImportLineRow>(s.Command(findSql, new { TenantId = tenantId, LineId = lineId }, ct));

    readonly string insertSql = """
        INSERT INTO import_lines (tenant_id, line_id, line_hash, administration_id, imported_at)
        VALUES (@TenantId, @LineId, @LineHash, @AdministrationId, @ImportedAt);
        """;

    /// <summary>Records the line id in the caller's transaction, with the administration it became or duplicated.</summary>
    public Task InsertAsync(DbSession s, long tenantId, string lineId, string lineHash, string administrationId, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(insertSql,
            new { TenantId = tenantId, LineId = lineId, LineHash = lineHash, AdministrationId = administrationId, ImportedAt = now }, ct));
}
