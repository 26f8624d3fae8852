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

    public async Task<IReadOnlyList<string>> EnabledInstrumentsAsync(DbSession s, long tenantId, CancellationToken ct) =>
        (await SettingsAsync(s, tenantId, ct)).EnabledInstruments;

    readonly string setEnabledInstrumentsSql = """
        UPDATE tenant_settings SET enabled_instruments = @Csv, updated_at = @Now WHERE tenant_id = @TenantId;
        """;

    public Task SetEnabledInstrumentsAsync(DbSession s, long tenantId, IEnumerable<string> codes, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(setEnabledInstrumentsSql,
            new { TenantId = tenantId, Csv = string.Join(',', codes), Now = now }, ct));

    readonly string settingsSql = "SELECT enabled_instruments, stale_episode_days FROM tenant_settings WHERE tenant_id = @TenantId;";

    /// <summary>The tenant's settings in one read: enabled instruments and the stale-episode guard in days (0 is off).</summary>
    public async Task<TenantSettingsRow> SettingsAsync(DbSession s, long tenantId, CancellationToken ct)
    {
        var row = await s.Connection.QuerySingleOrDefaultAsync<StoredSettings>(s.Command(settingsSql, new { TenantId = tenantId }, ct));
        return row is null
            ? new TenantSettingsRow([], 0)
            : new TenantSettingsRow(row.EnabledInstruments.Split(',', StringSplitOptions.RemoveEmptyEntries), (int)row.StaleEpisodeDays);
    }

    sealed class StoredSettings
    {
        public string EnabledInstruments { get; init; } = "";
        public long StaleEpisodeDays { get; init; }
    }

    readonly string setStaleEpisodeDaysSql = """
        UPDATE tenant_settings SET stale_episode_days = @Days, updated_at = @Now WHERE tenant_id = @TenantId;
        """;

    public Task SetStaleEpisodeDaysAsync(DbSession s, long tenantId, int days, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(setStaleEpisodeDaysSql, new { TenantId = tenantId, Days = days, Now = now }, ct));
}

/// <summary>A tenant's settings: the instruments it accepts and its stale-episode guard in days (0 is off).</summary>
public sealed record TenantSettingsRow(IReadOnlyList<string> EnabledInstruments, int StaleEpisodeDays);
