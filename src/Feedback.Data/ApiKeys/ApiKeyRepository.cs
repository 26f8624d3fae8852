namespace Feedback.Data.ApiKeys;

/// <summary>Keys are stored only as their SHA-256 hash; the key itself is shown once, at creation.</summary>
public sealed class ApiKeyRepository
{
    readonly string insertSql = """
        INSERT INTO api_keys (id, tenant_id, key_hash, scopes, created_at)
        VALUES (@Id, @TenantId, @KeyHash, @Scopes, @Now);
        """;

    public Task InsertAsync(DbSession s, string id, long tenantId, string keyHash, string scopes, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(insertSql, new { Id = id, TenantId = tenantId, KeyHash = keyHash, Scopes = scopes, Now = now }, ct));

    readonly string findActiveByHashSql = """
        SELECT k.id, k.tenant_id, t.name AS tenant_name, k.scopes, k.created_at, k.revoked_at
        FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
        WHERE k.key_hash = @KeyHash AND k.revoked_at IS NULL;
        """;

    public Task<ApiKeyRow?> FindActiveByHashAsync(DbSession s, string keyHash, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<ApiKeyRow>(s.Command(findActiveByHashSql, new { KeyHash = keyHash }, ct));

    readonly string listSql = """
        SELECT k.id, k.tenant_id, t.name AS tenant_name, k.scopes, k.created_at, k.revoked_at
        FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
        ORDER BY t.name, k.created_at;
        """;

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(DbSession s, CancellationToken ct) =>
        (await s.Connection.QueryAsync<ApiKeyRow>(s.Command(listSql, null, ct))).AsList();

    readonly string revokeSql = "UPDATE api_keys SET revoked_at = @Now WHERE id = @Id AND revoked_at IS NULL;";

    public async Task<bool> RevokeAsync(DbSession s, string id, DateTimeOffset now, CancellationToken ct) =>
        await s.Connection.ExecuteAsync(s.Command(revokeSql, new { Id = id, Now = now }, ct)) == 1;
}
