namespace Feedback.Data.Idempotency;

public sealed class IdempotencyRecord
{
    public string RequestHash { get; init; } = "";
    public string AdministrationId { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Idempotency-Key records: written in the administration's own transaction, so a replay finds exactly what was committed.</summary>
public sealed class IdempotencyRepository(ISqlDialect dialect)
{
    readonly string findSql = """
        SELECT request_hash, administration_id, created_at FROM idempotency_keys
        WHERE tenant_id = @TenantId AND idempotency_key = @Key;
        """;

    public Task<IdempotencyRecord?> FindAsync(DbSession s, long tenantId, string key, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<IdempotencyRecord>(s.Command(findSql, new { TenantId = tenantId, Key = key }, ct));

    readonly string deleteSql = "DELETE FROM idempotency_keys WHERE tenant_id = @TenantId AND idempotency_key = @Key;";

    /// <summary>Forgets an expired record so that its key can be used again.</summary>
    public Task DeleteAsync(DbSession s, long tenantId, string key, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(deleteSql, new { TenantId = tenantId, Key = key }, ct));

    readonly string insertSql = """
        INSERT INTO idempotency_keys (tenant_id, idempotency_key, request_hash, administration_id, created_at)
        VALUES (@TenantId, @Key, @RequestHash, @AdministrationId, @Now);
        """;

    public Task InsertAsync(DbSession s, long tenantId, string key, string requestHash, string administrationId, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(insertSql,
            new { TenantId = tenantId, Key = key, RequestHash = requestHash, AdministrationId = administrationId, Now = now }, ct));

    // Oldest first in bounded batches, by the created_at index: a purge never holds many locks at once (SQL Server would
    // escalate past about 5000 row locks to a table lock that blocks every submission with a key).
    readonly string purgeSql = dialect.Provider == DatabaseProvider.SqlServer
        ? "DELETE TOP (@Limit) FROM idempotency_keys WHERE created_at < @Cutoff;"
        : "DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys WHERE created_at < @Cutoff LIMIT @Limit);";

    /// <summary>Deletes up to <paramref name="limit"/> records created before <paramref name="cutoff"/>; returns how many.</summary>
    public Task<int> PurgeExpiredAsync(DbSession s, DateTimeOffset cutoff, int limit, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(purgeSql, new { Cutoff = cutoff, Limit = limit }, ct));
}
