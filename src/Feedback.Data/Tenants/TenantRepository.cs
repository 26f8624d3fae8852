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

    readonly string settingsSql = "SELECT enabled_instruments, stale_episode_days, fhir_client_id_system FROM tenant_settings WHERE tenant_id = @TenantId;";

    /// <summary>The tenant's settings in one read: enabled instruments and the stale-episode guard in days (0 is off).</summary>
    public async Task<TenantSettingsRow> SettingsAsync(DbSession s, long tenantId, CancellationToken ct)
    {
        var row = await s.Connection.QuerySingleOrDefaultAsync<StoredSettings>(s.Command(settingsSql, new { TenantId = tenantId }, ct));
        return row is null
            ? new TenantSettingsRow([], 0, null)
            : new TenantSettingsRow(row.EnabledInstruments.Split(',', StringSplitOptions.RemoveEmptyEntries), (int)row.StaleEpisodeDays, row.FhirClientIdSystem);
    }

    sealed class StoredSettings
    {
        public string EnabledInstruments { get; init; } = "";
        public long StaleEpisodeDays { get; init; }
        public string? FhirClientIdSystem { get; init; }
    }

    readonly string setStaleEpisodeDaysSql = """
        UPDATE tenant_settings SET stale_episode_days = @Days, updated_at = @Now WHERE tenant_id = @TenantId;
        """;

    public Task SetStaleEpisodeDaysAsync(DbSession s, long tenantId, int days, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(setStaleEpisodeDaysSql, new { TenantId = tenantId, Days = days, Now = now }, ct));

    readonly string setFhirClientIdSystemSql = """
        UPDATE tenant_settings SET fhir_client_id_system = @System, updated_at = @Now WHERE tenant_id = @TenantId;
        """;

    public Task SetFhirClientIdSystemAsync(DbSession s, long tenantId, string? system, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(setFhirClientIdSystemSql, new { TenantId = tenantId, System = system, Now = now }, ct));
}

/// <summary>
/// A tenant's settings: the instruments it accepts, its stale-episode guard in days (0 is off), and the identifier system
/// whose FHIR subject.identifier values are client ids (null: only the default one).
/// </summary>
public sealed record TenantSettingsRow(IReadOnlyList<string> EnabledInstruments, int StaleEpisodeDays, string? FhirClientIdSystem);
