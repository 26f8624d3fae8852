namespace Feedback.Data.Clients;

public sealed class ClientRepository(ISqlDialect dialect)
{
    const string Columns = "client_id, age_group, clinician_id, created_at, updated_at";

    readonly string findSql = $"""
        SELECT {Columns} FROM clients WHERE tenant_id = @TenantId AND client_id = @ClientId;
        """;

    public Task<ClientRow?> FindAsync(DbSession s, long tenantId, string clientId, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<ClientRow>(s.Command(findSql, new { TenantId = tenantId, ClientId = clientId }, ct));

    readonly string findForWriteSql = $"""
        SELECT {Columns} FROM clients {dialect.LockForUpdate} WHERE tenant_id = @TenantId AND client_id = @ClientId;
        """;

    /// <summary>
    /// The client, locked until the write transaction ends (SQL Server): concurrent writes for one client (its episode,
    /// the trajectory family of its alerts) run one after the other on any number of instances.
    /// </summary>
    public Task<ClientRow?> FindForWriteAsync(DbSession s, long tenantId, string clientId, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<ClientRow>(s.Command(findForWriteSql, new { TenantId = tenantId, ClientId = clientId }, ct));

    readonly string insertSql = """
        INSERT INTO clients (tenant_id, client_id, age_group, clinician_id, created_at, updated_at)
        VALUES (@TenantId, @ClientId, @AgeGroup, @ClinicianId, @CreatedAt, @UpdatedAt);
        """;

    public Task InsertAsync(DbSession s, long tenantId, ClientRow c, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(insertSql,
            new { TenantId = tenantId, c.ClientId, c.AgeGroup, c.ClinicianId, c.CreatedAt, c.UpdatedAt }, ct));

    readonly string updateSql = """
        UPDATE clients SET age_group = @AgeGroup, clinician_id = @ClinicianId, updated_at = @UpdatedAt
        WHERE tenant_id = @TenantId AND client_id = @ClientId;
        """;

    public Task UpdateAsync(DbSession s, long tenantId, ClientRow c, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(updateSql,
            new { TenantId = tenantId, c.ClientId, c.AgeGroup, c.ClinicianId, c.UpdatedAt }, ct));
}
