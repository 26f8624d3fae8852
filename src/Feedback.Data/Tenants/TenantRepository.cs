namespace Feedback.Data.Tenants;

public sealed class TenantRepository(ISqlDialect dialect)
{
    readonly string insertSql = $"""
        INSERT INTO tenants (name, created_at) {dialect.OutputInsertedId} VALUES (@Name, @Now) {dialect.ReturningId};
        INSERT INTO tenant_settings (tenant_id, enabled_instruments, updated_at)
        SELECT id, @EnabledInstruments, @Now FROM tenants WHERE name = @Name;
        """;

    /// <summary>Creates a tenant with its settings row; returns its id.</summary>
    public Task<long> CreateAsync(DbSession s, string name, IEnumerable<string> enabledInstruments, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command(insertSql,
            new { Name = name, Now = now, EnabledInstruments = string.Join(',', enabledInstruments) }, ct));

    readonly string findIdByNameSql = "SELECT id FROM tenants WHERE name = @Name;";

    public Task<long?> FindIdByNameAsync(DbSession s, string name, CancellationToken ct) =>
        s.Connection.ExecuteScalarAsync<long?>(s.Command(findIdByNameSql, new { Name = name }, ct));

    readonly string enabledInstrumentsSql = "SELECT enabled_instruments FROM tenant_settings WHERE tenant_id = @TenantId;";

    public async Task<IReadOnlyList<string>> EnabledInstrumentsAsync(DbSession s, long tenantId, CancellationToken ct)
    {
        var csv = await s.Connection.ExecuteScalarAsync<string?>(s.Command(enabledInstrumentsSql, new { TenantId = tenantId }, ct));
        return csv is null ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    readonly string setEnabledInstrumentsSql = """
        UPDATE tenant_settings SET enabled_instruments = @Csv, updated_at = @Now WHERE tenant_id = @TenantId;
        """;

    public Task SetEnabledInstrumentsAsync(DbSession s, long tenantId, IEnumerable<string> codes, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(setEnabledInstrumentsSql,
            new { TenantId = tenantId, Csv = string.Join(',', codes), Now = now }, ct));

    readonly string staleEpisodeDaysSql = "SELECT stale_episode_days FROM tenant_settings WHERE tenant_id = @TenantId;";

    /// <summary>The tenant's stale-episode guard in days (clinical.md section 1); 0 is off.</summary>
    public Task<int> StaleEpisodeDaysAsync(DbSession s, long tenantId, CancellationToken ct) =>
        s.Connection.ExecuteScalarAsync<int>(s.Command(staleEpisodeDaysSql, new { TenantId = tenantId }, ct));

    readonly string setStaleEpisodeDaysSql = """
        UPDATE tenant_settings SET stale_episode_days = @Days, updated_at = @Now WHERE tenant_id = @TenantId;
        """;

    public Task SetStaleEpisodeDaysAsync(DbSession s, long tenantId, int days, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(setStaleEpisodeDaysSql, new { TenantId = tenantId, Days = days, Now = now }, ct));
}
