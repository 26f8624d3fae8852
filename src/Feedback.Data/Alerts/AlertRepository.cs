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

    // An acknowledged alert is still current (the clinician saw it, the client is still off track): it is resolved too.
    readonly string resolveTrajectoryFamilySql = $"""
        UPDATE alerts SET status = '{Resolved}', resolved_reason = 'replaced', resolved_at = @Now, resolved_by_administration_id = @By
        WHERE tenant_id = @TenantId AND episode_id = @EpisodeId AND instrument = @Instrument AND rater = @Rater
          AND kind IN ('off_track', 'at_risk', 'no_change') AND {IsCurrent};
        """;

    /// <summary>
    /// Resolves the current trajectory alerts (off_track, at_risk, no_change; v1.1's included) of one family: episode, instrument and rater
    /// (clinical.md section 6). Called only for the latest administration of that family.
    /// </summary>
    public Task ResolveTrajectoryFamilyAsync(DbSession s, long tenantId, string episodeId, string instrument, string rater,
        string byAdministrationId, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(resolveTrajectoryFamilySql, new
        {
            TenantId = tenantId, EpisodeId = episodeId, Instrument = instrument, Rater = rater, By = byAdministrationId, Now = now,
        }, ct));

    // The series' alerts the alliance-v2.1 rules read (clinical.md v1.2 sections 6 and 9); ix_alerts_family serves it.
    readonly string seriesAlertsSql = $"""
        SELECT id, administration_id, instrument, rater, kind, priority, status, created_at FROM alerts
        WHERE tenant_id = @TenantId AND episode_id = @EpisodeId AND instrument = @Instrument AND rater = @Rater
          AND kind IN ('alliance_rupture', 'rupture_unrepaired', 'alliance_concern') AND {IsCurrent};
        """;

    /// <summary>The current (open or acknowledged) alliance_rupture, rupture_unrepaired and alliance_concern alerts of one series.</summary>
    public async Task<IReadOnlyList<EpisodeAlertRow>> CurrentSeriesAlertsAsync(DbSession s, long tenantId, string episodeId, string instrument, string rater, CancellationToken ct) =>
        (await s.Connection.QueryAsync<EpisodeAlertRow>(s.Command(seriesAlertsSql,
            new { TenantId = tenantId, EpisodeId = episodeId, Instrument = instrument, Rater = rater }, ct))).AsList();

    readonly string resolveSeriesKindSql = $"""
        UPDATE alerts SET status = '{Resolved}', resolved_reason = 'replaced', resolved_at = @Now, resolved_by_administration_id = @By
        WHERE tenant_id = @TenantId AND episode_id = @EpisodeId AND instrument = @Instrument AND rater = @Rater
          AND kind = @Kind AND {IsCurrent};
        """;

    /// <summary>
    /// Resolves the series' current alerts of one kind: alliance_rupture (repaired, ended unrepaired, replaced),
    /// rupture_unrepaired (the alliance came back, or a new onset), alliance_concern (the family's latest rating).
    /// </summary>
    public Task ResolveSeriesKindAsync(DbSession s, long tenantId, string episodeId, string instrument, string rater, string kind,
        string byAdministrationId, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(resolveSeriesKindSql, new
        {
            TenantId = tenantId, EpisodeId = episodeId, Instrument = instrument, Rater = rater, Kind = kind, By = byAdministrationId, Now = now,
        }, ct));

    readonly string episodeAlertsSql = """
        SELECT id, administration_id, instrument, rater, kind, priority, status, created_at FROM alerts
        WHERE tenant_id = @TenantId AND episode_id = @EpisodeId;
        """;

    /// <summary>Every alert of the episode, whatever its status: what support-v1 reads (risk recently, alliance concerns).</summary>
    public async Task<IReadOnlyList<EpisodeAlertRow>> EpisodeAlertsAsync(DbSession s, long tenantId, string episodeId, CancellationToken ct) =>
        (await s.Connection.QueryAsync<EpisodeAlertRow>(s.Command(episodeAlertsSql, new { TenantId = tenantId, EpisodeId = episodeId }, ct))).AsList();

    readonly string resolveEarlyAllianceSql = $"""
        UPDATE alerts SET status = '{Resolved}', resolved_reason = 'replaced', resolved_at = @Now, resolved_by_administration_id = @By
        WHERE tenant_id = @TenantId AND episode_id = @EpisodeId AND kind = 'early_alliance_risk' AND priority = 'normal'
          AND {IsCurrent};
        """;

    /// <summary>Resolves the episode's normal early_alliance_risk alert when a high one replaces it.</summary>
    public Task ResolveEarlyAllianceAsync(DbSession s, long tenantId, string episodeId, string byAdministrationId, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(resolveEarlyAllianceSql, new { TenantId = tenantId, EpisodeId = episodeId, By = byAdministrationId, Now = now }, ct));

    // A rupture still open when its episode closes is unrepaired (clinical.md section 9): its alert is no longer current.
    readonly string resolveRupturesOfClosedEpisodesSql = $"""
        UPDATE alerts SET status = '{Resolved}', resolved_reason = 'replaced', resolved_at = @Now
        WHERE tenant_id = @TenantId AND client_id = @ClientId AND kind = 'alliance_rupture' AND {IsCurrent}
          AND episode_id IN (SELECT id FROM episodes WHERE tenant_id = @TenantId AND client_id = @ClientId AND closed_at IS NOT NULL);
        """;

    readonly string rupturesOfClosedEpisodesSql = $"""
        SELECT {Columns} FROM alerts
        WHERE tenant_id = @TenantId AND client_id = @ClientId AND kind = 'alliance_rupture' AND {IsCurrent}
          AND episode_id IN (SELECT id FROM episodes WHERE tenant_id = @TenantId AND client_id = @ClientId AND closed_at IS NOT NULL);
        """;

    /// <summary>
    /// Resolves the client's rupture alerts of closed episodes; called wherever an episode is closed. Answers them as
    /// they were before (the client's row is locked by the caller, so nothing changes between the read and the update).
    /// </summary>
    public async Task<IReadOnlyList<AlertRow>> ResolveRupturesOfClosedEpisodesAsync(DbSession s, long tenantId, string clientId, DateTimeOffset now, CancellationToken ct)
    {
        var p = new { TenantId = tenantId, ClientId = clientId, Now = now };
        var resolved = (await s.Connection.QueryAsync<AlertRow>(s.Command(rupturesOfClosedEpisodesSql, p, ct))).AsList();
        if (resolved.Count > 0) await s.Connection.ExecuteAsync(s.Command(resolveRupturesOfClosedEpisodesSql, p, ct));
        return resolved;
    }

    readonly string resolvedBySql = $"SELECT {Columns} FROM alerts WHERE tenant_id = @TenantId AND resolved_by_administration_id = @By;";

    /// <summary>The alerts an administration resolved (trajectory, rupture, early alliance): what its webhook events announce.</summary>
    public async Task<IReadOnlyList<AlertRow>> ResolvedByAsync(DbSession s, long tenantId, string administrationId, CancellationToken ct) =>
        (await s.Connection.QueryAsync<AlertRow>(s.Command(resolvedBySql, new { TenantId = tenantId, By = administrationId }, ct))).AsList();

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
