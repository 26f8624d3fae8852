namespace Feedback.Data.Administrations;

public sealed class AdministrationRepository(ISqlDialect dialect)
{
    public const string Columns = """
        id, client_id, episode_id, instrument, rater, session_number, clinician_id, administered_at, received_at,
        items_json, total, prorated, severity, clinical_range, subscales_json, feedback_json, content_hash,
        age_group, model, rules_version, episode_opened, fhir_identifier_system, fhir_identifier_value, fhir_encounter, source
        """;

    readonly string insertSql = $"""
        INSERT INTO administrations (tenant_id, {Columns})
        VALUES (@TenantId, @Id, @ClientId, @EpisodeId, @Instrument, @Rater, @SessionNumber, @ClinicianId, @AdministeredAt,
                @ReceivedAt, @ItemsJson, @Total, @Prorated, @Severity, @ClinicalRange, @SubscalesJson, @FeedbackJson, @ContentHash,
                @AgeGroup, @Model, @RulesVersion, @EpisodeOpened, @FhirIdentifierSystem, @FhirIdentifierValue, @FhirEncounter, @Source);
        """;

    public Task InsertAsync(DbSession s, long tenantId, AdministrationRow a, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(insertSql, new
        {
            TenantId = tenantId, a.Id, a.ClientId, a.EpisodeId, a.Instrument, a.Rater, a.SessionNumber, a.ClinicianId,
            a.AdministeredAt, a.ReceivedAt, a.ItemsJson, a.Total, a.Prorated, a.Severity, a.ClinicalRange,
            a.SubscalesJson, a.FeedbackJson, a.ContentHash, a.AgeGroup, a.Model, a.RulesVersion, a.EpisodeOpened,
            a.FhirIdentifierSystem, a.FhirIdentifierValue, a.FhirEncounter, a.Source,
        }, ct));

    readonly string getSql = $"""
        SELECT {Columns} FROM administrations
        WHERE tenant_id = @TenantId AND client_id = @ClientId AND id = @Id;
        """;

    public Task<AdministrationRow?> GetAsync(DbSession s, long tenantId, string clientId, string id, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<AdministrationRow>(s.Command(getSql, new { TenantId = tenantId, ClientId = clientId, Id = id }, ct));

    readonly string findSql = $"SELECT {Columns} FROM administrations WHERE tenant_id = @TenantId AND id = @Id;";

    /// <summary>An administration by id alone (the FHIR routes name no client).</summary>
    public Task<AdministrationRow?> FindAsync(DbSession s, long tenantId, string id, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<AdministrationRow>(s.Command(findSql, new { TenantId = tenantId, Id = id }, ct));

    // The filtered unique index ux_administrations_fhir_identifier serves it.
    readonly string findIdByFhirIdentifierSql = """
        SELECT id FROM administrations
        WHERE tenant_id = @TenantId AND fhir_identifier_system = @System AND fhir_identifier_value = @Value;
        """;

    /// <summary>The administration stored with this FHIR identifier (system '' when it had none); null when none.</summary>
    public Task<string?> FindIdByFhirIdentifierAsync(DbSession s, long tenantId, string system, string value, CancellationToken ct) =>
        s.Connection.ExecuteScalarAsync<string?>(s.Command(findIdByFhirIdentifierSql, new { TenantId = tenantId, System = system, Value = value }, ct));

    // FHIR searches (Observation, QuestionnaireResponse): keyset on (administered_at, id) in either direction, the
    // position's own row included (a page may end inside one administration's Observations). One statement per shape:
    // the client (subject/patient) or the administration (derived-from) as a plain equality, so a client's
    // search seeks (tenant_id, client_id, administered_at, id) in its order and one administration is read by its key;
    // a filter written (@X IS NULL OR x = @X) had made SQLite walk and sort every administration of the tenant.
    readonly IReadOnlyDictionary<string, string> searchSqls = SearchShapes.ToDictionary(shape => shape, shape => SearchSql(dialect, shape));

    /// <summary>Direction (newest or oldest first) and what the search names first: the client, the administration, or neither.</summary>
    public static readonly IReadOnlyList<string> SearchShapes =
        [.. from direction in new[] { "newest", "oldest" } from lead in new[] { "client", "id", "tenant" } select $"{direction}/{lead}"];

    static string SearchSql(ISqlDialect dialect, string shape)
    {
        var (newest, lead) = (shape.StartsWith("newest", StringComparison.Ordinal), shape.Split('/')[1]);
        var leading = lead switch
        {
            "client" => "AND client_id = @ClientId AND (@Id IS NULL OR id = @Id)",
            "id" => "AND id = @Id",
            _ => "",
        };
        return $"""
            SELECT {dialect.Top} {Columns} FROM administrations
            WHERE tenant_id = @TenantId {leading}
              AND (@Instrument IS NULL OR instrument = @Instrument)
              AND administered_at >= @From AND administered_at < @To
              AND {(newest ? "(administered_at < @FromAt OR (administered_at = @FromAt AND id <= @FromId))" : "(administered_at > @FromAt OR (administered_at = @FromAt AND id >= @FromId))")}
            ORDER BY {(newest ? "administered_at DESC, id DESC" : "administered_at, id")}
            {dialect.Limit};
            """;
    }

    public async Task<IReadOnlyList<AdministrationRow>> SearchAsync(DbSession s, long tenantId, AdministrationSearch q, CancellationToken ct)
    {
        var shape = (q.OldestFirst ? "oldest/" : "newest/") + (q.ClientId is not null ? "client" : q.Id is not null ? "id" : "tenant");
        return (await s.Connection.QueryAsync<AdministrationRow>(s.Command(searchSqls[shape], new
        {
            TenantId = tenantId, q.ClientId, q.Id, q.Instrument, q.From, q.To, q.FromAt, q.FromId, q.Limit,
        }, ct))).AsList();
    }

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

    readonly string seriesSql = """
        SELECT id, administered_at, session_number, total, prorated, age_group, items_json FROM administrations
        WHERE tenant_id = @TenantId AND episode_id = @EpisodeId AND instrument = @Instrument AND rater = @Rater
        ORDER BY administered_at, id;
        """;

    /// <summary>Every administration of this instrument and rater in the episode, in session order (for progress).</summary>
    public async Task<IReadOnlyList<SeriesPoint>> SeriesAsync(DbSession s, long tenantId, string episodeId, string instrument, string rater, CancellationToken ct) =>
        (await s.Connection.QueryAsync<SeriesPoint>(s.Command(seriesSql,
            new { TenantId = tenantId, EpisodeId = episodeId, Instrument = instrument, Rater = rater }, ct))).AsList();

    readonly string episodeVisitsSql = """
        SELECT id, instrument, rater, administered_at, session_number, feedback_json FROM administrations
        WHERE tenant_id = @TenantId AND episode_id = @EpisodeId;
        """;

    /// <summary>
    /// Every administration of the episode, any instrument and rater, in no particular order (an episode holds few): what the episode and clinic session
    /// counts of clinical.md v1.2 section 1 are computed from.
    /// </summary>
    public async Task<IReadOnlyList<EpisodeVisitRow>> EpisodeVisitsAsync(DbSession s, long tenantId, string episodeId, CancellationToken ct) =>
        (await s.Connection.QueryAsync<EpisodeVisitRow>(s.Command(episodeVisitsSql, new { TenantId = tenantId, EpisodeId = episodeId }, ct))).AsList();
}
