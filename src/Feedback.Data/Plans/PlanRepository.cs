namespace Feedback.Data.Plans;

public sealed class PlanRepository(ISqlDialect dialect)
{
    const string Columns = "client_id, episode_id, name, rules_json, version, updated_at";

    // The tenant default, the client's override and the episode's in one seek of the key (deleted ones included).
    readonly string forClientSql = $"""
        SELECT {Columns} FROM measurement_plans
        WHERE tenant_id = @TenantId AND client_id IN ('', @ClientId) AND episode_id IN ('', @EpisodeId);
        """;

    /// <summary>
    /// The plans that can apply to this client in this episode: the tenant default, the client's override and the
    /// episode's override, those that exist; "" for either id reads only the levels above it.
    /// </summary>
    public async Task<IReadOnlyList<PlanRow>> ForClientAsync(DbSession s, long tenantId, string clientId, string episodeId, CancellationToken ct) =>
        (await s.Connection.QueryAsync<PlanRow>(s.Command(forClientSql, new { TenantId = tenantId, ClientId = clientId, EpisodeId = episodeId }, ct))).AsList();

    readonly string findForWriteSql = $"""
        SELECT {Columns} FROM measurement_plans {dialect.LockForUpdate}
        WHERE tenant_id = @TenantId AND client_id = @ClientId AND episode_id = @EpisodeId;
        """;

    /// <summary>
    /// The plan at one level, locked until the write transaction ends (on SQL Server a key-range lock even when there is
    /// no row, so two instances creating the same override run one after the other); null when never written.
    /// </summary>
    public Task<PlanRow?> FindForWriteAsync(DbSession s, long tenantId, string clientId, string episodeId, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<PlanRow>(s.Command(findForWriteSql, new { TenantId = tenantId, ClientId = clientId, EpisodeId = episodeId }, ct));

    readonly string insertSql = """
        INSERT INTO measurement_plans (tenant_id, client_id, episode_id, name, rules_json, version, updated_at)
        VALUES (@TenantId, @ClientId, @EpisodeId, @Name, @RulesJson, @Version, @UpdatedAt);
        """;

    readonly string updateSql = """
        UPDATE measurement_plans SET name = @Name, rules_json = @RulesJson, version = @Version, updated_at = @UpdatedAt
        WHERE tenant_id = @TenantId AND client_id = @ClientId AND episode_id = @EpisodeId;
        """;

    /// <summary>Writes the plan as <paramref name="plan"/> says (its version already set); <paramref name="exists"/>: a row is stored.</summary>
    public Task SaveAsync(DbSession s, long tenantId, PlanRow plan, bool exists, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(exists ? updateSql : insertSql, new
        {
            TenantId = tenantId, plan.ClientId, plan.EpisodeId, plan.Name, plan.RulesJson, plan.Version, plan.UpdatedAt,
        }, ct));

    // A clinician's caseload: the tenant default and every override of the clinician's clients (closed episodes' too;
    // the caller keeps those of the open episodes), each part a seek of the key.
    readonly string forClinicianSql = $"""
        SELECT {Columns} FROM measurement_plans
        WHERE tenant_id = @TenantId AND client_id = '' AND episode_id = '' AND rules_json IS NOT NULL
        UNION ALL
        SELECT {Columns} FROM measurement_plans
        WHERE tenant_id = @TenantId AND rules_json IS NOT NULL
          AND client_id IN (SELECT c.client_id FROM clients c WHERE c.tenant_id = @TenantId AND c.clinician_id = @ClinicianId);
        """;

    public async Task<IReadOnlyList<PlanRow>> ForClinicianAsync(DbSession s, long tenantId, string clinicianId, CancellationToken ct) =>
        (await s.Connection.QueryAsync<PlanRow>(s.Command(forClinicianSql, new { TenantId = tenantId, ClinicianId = clinicianId }, ct))).AsList();

    // Every plan of the tenant that can still apply (a seek of the key's tenant prefix): the default and the overrides,
    // without deleted ones and without those of closed episodes (an episode is never reopened).
    readonly string liveOfTenantSql = $"""
        SELECT {Columns} FROM measurement_plans p
        WHERE p.tenant_id = @TenantId AND p.rules_json IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM episodes e WHERE e.id = p.episode_id AND e.tenant_id = @TenantId AND e.closed_at IS NOT NULL);
        """;

    /// <summary>The tenant's stored plans that can apply to someone: the default, clients' and open episodes' overrides.</summary>
    public async Task<IReadOnlyList<PlanRow>> LiveOfTenantAsync(DbSession s, long tenantId, CancellationToken ct) =>
        (await s.Connection.QueryAsync<PlanRow>(s.Command(liveOfTenantSql, new { TenantId = tenantId }, ct))).AsList();
}
