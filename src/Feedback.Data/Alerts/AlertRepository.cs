namespace Feedback.Data.Alerts;

public sealed class AlertRepository(ISqlDialect dialect)
{
    public const string Columns = """
        id, client_id, episode_id, administration_id, instrument, clinician_id, kind, priority, priority_rank, item, message,
        status, rules_version, created_at, acknowledged_at, acknowledged_by, note, resolved_at, rater, resolved_by_administration_id,
        imported, resolved_reason, session_number, administration_ordinal, reasons_json, suggestions_json, suggestions_version
        """;

    // The status vocabulary, written into the statements as literals (a plan per statement, as before).
    const string IsCurrent = $"status IN ('{AlertStatuses.Open}', '{AlertStatuses.Acknowledged}')";
    const string Resolved = AlertStatuses.Resolved;
    const string Acknowledged = AlertStatuses.Acknowledged;

    readonly string insertSql = $"""
        INSERT INTO alerts (tenant_id, {Columns})
        VALUES (@TenantId, @Id, @ClientId, @EpisodeId, @AdministrationId, @Instrument, @ClinicianId, @Kind, @Priority, @PriorityRank,
                @Item, @Message, @Status, @RulesVersion, @CreatedAt, @AcknowledgedAt, @AcknowledgedBy, @Note, @ResolvedAt, @Rater,
                @ResolvedByAdministrationId, @Imported, @ResolvedReason, @SessionNumber, @AdministrationOrdinal, @ReasonsJson,
                @SuggestionsJson, @SuggestionsVersion);
        """;

    public Task InsertAsync(DbSession s, long tenantId, AlertRow a, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(insertSql, new
        {
            TenantId = tenantId, a.Id, a.ClientId, a.EpisodeId, a.AdministrationId, a.Instrument, a.ClinicianId, a.Kind, a.Priority,
            a.PriorityRank, a.Item, a.Message, a.Status, a.RulesVersion, a.CreatedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.Note, a.ResolvedAt,
            a.Rater, a.ResolvedByAdministrationId, a.Imported, a.ResolvedReason, a.SessionNumber, a.AdministrationOrdinal, a.ReasonsJson,
            a.SuggestionsJson, a.SuggestionsVersion,
        }, ct));

    readonly string forAdministrationSql = $"""
        SELECT {Columns} FROM alerts WHERE tenant_id = @TenantId AND administration_id = @AdministrationId
        ORDER BY priority_rank, id;
        """;

    public async Task<IReadOnlyList<AlertRow>> ForAdministrationAsync(DbSession s, long tenantId, string administrationId, CancellationToken ct) =>
        (await s.Connection.QueryAsync<AlertRow>(s.Command(forAdministrationSql, new { TenantId = tenantId, AdministrationId = administrationId }, ct))).AsList();

    readonly string getSql = $"SELECT {Columns} FROM alerts WHERE tenant_id = @TenantId AND id = @Id;";

    public Task<AlertRow?> GetAsync(DbSession s, long tenantId, string id, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<AlertRow>(s.Command(getSql, new { TenantId = tenantId, Id = id }, ct));

    // Urgent first, then newest: keyset on (priority_rank ASC, created_at DESC, id DESC). One statement per filter shape:
    // the status condition and the leading filter are plain equalities, so each shape seeks an index whose
    // order is the page's order (migration 0014) instead of scanning the tenant's alerts and sorting them; the other
    // filters are checked on the rows read. A client's alerts are few: its index leaves the status to be checked too.
    readonly IReadOnlyDictionary<string, string> worklistSqls = WorklistShapes.ToDictionary(shape => shape, shape => WorklistSql(dialect, shape));

    /// <summary>Every shape: the status condition (equal, not equal, any) and the leading filter (client, clinician, kind, none).</summary>
    public static readonly IReadOnlyList<string> WorklistShapes =
        [.. from status in new[] { "status", "not-status", "any-status" } from lead in new[] { "client", "clinician", "kind", "tenant" } select $"{status}/{lead}"];

    static string ShapeOf(AlertFilter f) =>
        (f.Status is not null ? "status" : f.NotStatus is not null ? "not-status" : "any-status") + "/"
        + (f.ClientId is not null ? "client" : f.ClinicianId is not null ? "clinician" : f.Kind is not null ? "kind" : "tenant");

    static string WorklistSql(ISqlDialect dialect, string shape)
    {
        var (status, lead) = (shape.Split('/')[0], shape.Split('/')[1]);
        var conditions = new List<string> { "tenant_id = @TenantId" };
        conditions.Add(lead switch
        {
            "client" => "client_id = @ClientId",
            "clinician" => "clinician_id = @ClinicianId",
            "kind" => "kind = @Kind",
            _ => "1 = 1",
        });
        if (status == "status") conditions.Add("status = @Status");
        if (status == "not-status") conditions.Add("status <> @NotStatus");
        // The filters after the leading one (null: any), then the keyset.
        if (lead is "kind" or "tenant") conditions.Add("(@ClinicianId IS NULL OR clinician_id = @ClinicianId)");
        if (lead is "clinician" or "kind" or "tenant") conditions.Add("(@ClientId IS NULL OR client_id = @ClientId)");
        if (lead != "kind") conditions.Add("(@Kind IS NULL OR kind = @Kind)");
        conditions.Add("(@Priority IS NULL OR priority = @Priority)");
        conditions.Add("(@Imported IS NULL OR imported = @Imported)");
        conditions.Add("""
            (priority_rank > @AfterRank
                   OR (priority_rank = @AfterRank AND (created_at < @AfterAt OR (created_at = @AfterAt AND id < @AfterId))))
            """);
        return $"""
            SELECT {dialect.Top} {Columns} FROM alerts
            WHERE {string.Join("\n  AND ", conditions.Where(c => c != "1 = 1"))}
            ORDER BY priority_rank, created_at DESC, id DESC
            {dialect.Limit};
            """;
    }

    public async Task<IReadOnlyList<AlertRow>> WorklistAsync(DbSession s, long tenantId, AlertFilter f, AlertCursor after, int limit, CancellationToken ct) =>
        (await s.Connection.QueryAsync<AlertRow>(s.Command(worklistSqls[ShapeOf(f)], new
        {
            TenantId = tenantId, f.Status, f.NotStatus, f.ClinicianId, f.ClientId, f.Kind, f.Priority, f.Imported,
            AfterRank = after.PriorityRank, AfterAt = after.CreatedAt, AfterId = after.Id, Limit = limit,
        }, ct))).AsList();

    // A reassignment (PUT /v1/clients/{id} with a new clinicianId) moves the client's open alerts to the new clinician's
    // worklist; acknowledged and resolved ones keep the clinician who had the case when they were handled (docs/decisions.md).
    readonly string reassignOpenSql = $"""
        UPDATE alerts SET clinician_id = @ClinicianId
        WHERE tenant_id = @TenantId AND client_id = @ClientId AND status = '{AlertStatuses.Open}'
          AND (clinician_id IS NULL OR clinician_id <> @ClinicianId);
        """;

    /// <summary>Moves the client's open alerts to this clinician; in the caller's transaction, which holds the client's row lock.</summary>
    public Task<int> ReassignOpenAsync(DbSession s, long tenantId, string clientId, string clinicianId, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(reassignOpenSql, new { TenantId = tenantId, ClientId = clientId, ClinicianId = clinicianId }, ct));

    readonly string acknowledgeSql = $"""
        UPDATE alerts SET status = CASE WHEN status = '{Resolved}' THEN '{Resolved}' ELSE '{Acknowledged}' END,
                          acknowledged_at = @Now, acknowledged_by = @By, note = @Note
        WHERE tenant_id = @TenantId AND id = @Id AND acknowledged_at IS NULL;
        """;

    /// <summary>Records who acknowledged the alert (a resolved one stays resolved); a second acknowledgement changes nothing.</summary>
    public Task<int> AcknowledgeAsync(DbSession s, long tenantId, string id, string by, string? note, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(acknowledgeSql, new { TenantId = tenantId, Id = id, By = by, Note = note, Now = now }, ct));

    // Charts (clinical.md v1.2 section 10): what an episode's chart of one instrument marks (risk items, discrepancies, open alerts by kind).
    // ix_alerts_family (tenant_id, episode_id, instrument, ...) seeks it; an episode holds a handful, so no ORDER BY.
    readonly string ofEpisodeInstrumentSql = $"""
        SELECT {Columns} FROM alerts WHERE tenant_id = @TenantId AND episode_id = @EpisodeId AND instrument = @Instrument;
        """;

    /// <summary>Every alert raised on the episode's administrations of one instrument, any rater, kind and status, in no particular order.</summary>
    public async Task<IReadOnlyList<AlertRow>> OfEpisodeInstrumentAsync(DbSession s, long tenantId, string episodeId, string instrument, CancellationToken ct) =>
        (await s.Connection.QueryAsync<AlertRow>(s.Command(ofEpisodeInstrumentSql, new { TenantId = tenantId, EpisodeId = episodeId, Instrument = instrument }, ct))).AsList();
}
