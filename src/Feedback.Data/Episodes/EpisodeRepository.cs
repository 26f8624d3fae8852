namespace Feedback.Data.Episodes;

public sealed class EpisodeRepository
{
    const string Columns = "id, client_id, opened_at, closed_at";

    readonly string closeOpenSql = """
        UPDATE episodes SET closed_at = @ClosedAt
        WHERE tenant_id = @TenantId AND client_id = @ClientId AND closed_at IS NULL;
        """;

    readonly string insertSql = """
        INSERT INTO episodes (id, tenant_id, client_id, opened_at) VALUES (@Id, @TenantId, @ClientId, @OpenedAt);
        """;

    /// <summary>
    /// Opens a new episode for the client at <paramref name="openedAt"/>, closing the open one at
    /// <paramref name="closeOpenAt"/> (default: the same instant); a client has at most one open episode.
    /// </summary>
    public async Task<EpisodeRow> OpenAsync(DbSession s, long tenantId, string clientId, DateTimeOffset openedAt, CancellationToken ct,
        DateTimeOffset? closeOpenAt = null)
    {
        var p = new { Id = Ulid.NewUlid().ToString(), TenantId = tenantId, ClientId = clientId, OpenedAt = openedAt, ClosedAt = closeOpenAt ?? openedAt };
        await s.Connection.ExecuteAsync(s.Command(closeOpenSql, p, ct));
        await s.Connection.ExecuteAsync(s.Command(insertSql, p, ct));
        return new EpisodeRow { Id = p.Id, ClientId = clientId, OpenedAt = openedAt };
    }

    readonly string findOpenSql = $"""
        SELECT {Columns} FROM episodes
        WHERE tenant_id = @TenantId AND client_id = @ClientId AND closed_at IS NULL;
        """;

    public Task<EpisodeRow?> FindOpenAsync(DbSession s, long tenantId, string clientId, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<EpisodeRow>(s.Command(findOpenSql, new { TenantId = tenantId, ClientId = clientId }, ct));

    readonly string findSql = $"""
        SELECT {Columns} FROM episodes
        WHERE tenant_id = @TenantId AND client_id = @ClientId AND id = @Id;
        """;

    public Task<EpisodeRow?> FindAsync(DbSession s, long tenantId, string clientId, string id, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<EpisodeRow>(s.Command(findSql, new { TenantId = tenantId, ClientId = clientId, Id = id }, ct));

    readonly string closeSql = """
        UPDATE episodes SET closed_at = @Now
        WHERE tenant_id = @TenantId AND client_id = @ClientId AND id = @Id AND closed_at IS NULL;
        """;

    public Task CloseAsync(DbSession s, long tenantId, string clientId, string id, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(closeSql, new { TenantId = tenantId, ClientId = clientId, Id = id, Now = now }, ct));

    readonly string listSql = $"""
        SELECT {Columns} FROM episodes
        WHERE tenant_id = @TenantId AND client_id = @ClientId
        ORDER BY opened_at DESC, id DESC;
        """;

    public async Task<IReadOnlyList<EpisodeRow>> ListAsync(DbSession s, long tenantId, string clientId, CancellationToken ct) =>
        (await s.Connection.QueryAsync<EpisodeRow>(s.Command(listSql, new { TenantId = tenantId, ClientId = clientId }, ct))).AsList();
}
