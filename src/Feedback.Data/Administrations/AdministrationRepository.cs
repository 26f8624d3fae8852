namespace Feedback.Data.Administrations;

public sealed class AdministrationRepository(ISqlDialect dialect)
{
    const string Columns = """
        id, client_id, episode_id, instrument, rater, session_number, clinician_id, administered_at, received_at,
        items_json, total, prorated, severity, clinical_range, subscales_json, feedback_json, content_hash
        """;

    readonly string insertSql = $"""
        INSERT INTO administrations (tenant_id, {Columns})
        VALUES (@TenantId, @Id, @ClientId, @EpisodeId, @Instrument, @Rater, @SessionNumber, @ClinicianId, @AdministeredAt,
                @ReceivedAt, @ItemsJson, @Total, @Prorated, @Severity, @ClinicalRange, @SubscalesJson, @FeedbackJson, @ContentHash);
        """;

    public Task InsertAsync(DbSession s, long tenantId, AdministrationRow a, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(insertSql, new
        {
            TenantId = tenantId, a.Id, a.ClientId, a.EpisodeId, a.Instrument, a.Rater, a.SessionNumber, a.ClinicianId,
            a.AdministeredAt, a.ReceivedAt, a.ItemsJson, a.Total, a.Prorated, a.Severity, a.ClinicalRange,
            a.SubscalesJson, a.FeedbackJson, a.ContentHash,
        }, ct));

    readonly string getSql = $"""
        SELECT {Columns} FROM administrations
        WHERE tenant_id = @TenantId AND client_id = @ClientId AND id = @Id;
        """;

    public Task<AdministrationRow?> GetAsync(DbSession s, long tenantId, string clientId, string id, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<AdministrationRow>(s.Command(getSql, new { TenantId = tenantId, ClientId = clientId, Id = id }, ct));

    readonly string findIdByContentHashSql = """
        SELECT id FROM administrations WHERE tenant_id = @TenantId AND content_hash = @ContentHash;
        """;

    public Task<string?> FindIdByContentHashAsync(DbSession s, long tenantId, string contentHash, CancellationToken ct) =>
        s.Connection.ExecuteScalarAsync<string?>(s.Command(findIdByContentHashSql, new { TenantId = tenantId, ContentHash = contentHash }, ct));

    // Keyset paging, newest first: the index (tenant_id, client_id, administered_at, id) serves it at any depth.
    readonly string listSql = $"""
        SELECT {dialect.Top} {Columns} FROM administrations
        WHERE tenant_id = @TenantId AND client_id = @ClientId
          AND (@Instrument IS NULL OR instrument = @Instrument)
          AND (@EpisodeId IS NULL OR episode_id = @EpisodeId)
          AND (administered_at < @BeforeAt OR (administered_at = @BeforeAt AND id < @BeforeId))
        ORDER BY administered_at DESC, id DESC
        {dialect.Limit};
        """;

    public async Task<IReadOnlyList<AdministrationRow>> ListAsync(
        DbSession s, long tenantId, string clientId, string? instrument, string? episodeId,
        AdministrationCursor after, int limit, CancellationToken ct) =>
        (await s.Connection.QueryAsync<AdministrationRow>(s.Command(listSql, new
        {
            TenantId = tenantId, ClientId = clientId, Instrument = instrument, EpisodeId = episodeId,
            BeforeAt = after.AdministeredAt, BeforeId = after.Id, Limit = limit,
        }, ct))).AsList();

    readonly string countSql = "SELECT COUNT(*) FROM administrations WHERE tenant_id = @TenantId;";

    public Task<long> CountAsync(DbSession s, long tenantId, CancellationToken ct) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command(countSql, new { TenantId = tenantId }, ct));
}
