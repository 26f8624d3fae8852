namespace Feedback.Data.Audit;

/// <summary>One access to client data: who (tenant, key), what (method, route template, client, resource id), outcome, when. Never answers.</summary>
public sealed class AuditEntry
{
    public string Id { get; init; } = "";
    public string KeyId { get; init; } = "";
    public string Method { get; init; } = "";
    public string Route { get; init; } = "";
    /// <summary>The client whose data the request concerned; null when it named none (settings, the audit log).</summary>
    public string? ClientId { get; init; }
    /// <summary>The most specific id the route names (administration, episode, alert, client), else the clientId filter.</summary>
    public string? ResourceId { get; init; }
    public int Status { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>What the answer held beyond ids, never client data: an export's snapshot, cursor and row count; an import's counts.</summary>
    public string? Detail { get; init; }
}

public sealed class AuditRepository(ISqlDialect dialect)
{
    readonly string insertSql = """
        INSERT INTO audit_log (id, tenant_id, key_id, method, route, client_id, resource_id, status, at, detail)
        VALUES (@Id, @TenantId, @KeyId, @Method, @Route, @ClientId, @ResourceId, @Status, @At, @Detail);
        """;

    /// <summary>Writes the entries in the caller's transaction; answers how many.</summary>
    public Task<int> InsertAsync(DbSession s, long tenantId, IEnumerable<AuditEntry> entries, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(insertSql,
            entries.Select(e => new { e.Id, TenantId = tenantId, e.KeyId, e.Method, e.Route, e.ClientId, e.ResourceId, e.Status, e.At, e.Detail }).ToList(), ct));

    readonly string updateDetailSql = "UPDATE audit_log SET detail = @Detail WHERE tenant_id = @TenantId AND id = @Id;";

    /// <summary>Completes an entry written before a streamed answer began (an export's row count is known at its end).</summary>
    public Task<int> UpdateDetailAsync(DbSession s, long tenantId, string id, string detail, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(updateDetailSql, new { TenantId = tenantId, Id = id, Detail = detail }, ct));

    // Newest first; ULIDs grow with time, so id alone is the keyset.
    readonly string pageSql = $"""
        SELECT {dialect.Top} id, key_id, method, route, client_id, resource_id, status, at, detail FROM audit_log
        WHERE tenant_id = @TenantId AND id < @BeforeId
        ORDER BY id DESC
        {dialect.Limit};
        """;

    public async Task<IReadOnlyList<AuditEntry>> PageAsync(DbSession s, long tenantId, string beforeId, int limit, CancellationToken ct) =>
        (await s.Connection.QueryAsync<AuditEntry>(s.Command(pageSql, new { TenantId = tenantId, BeforeId = beforeId, Limit = limit }, ct))).AsList();
}
