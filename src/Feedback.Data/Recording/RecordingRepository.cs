using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;

namespace Feedback.Data.Recording;

/// <summary>
/// The write path's reads and writes for a group of clients: what the decisions read, a few statements whatever the
/// group's size (one JSON array parameter per list), and the plan they made, one multi-row statement per table.
/// </summary>
public sealed class RecordingRepository(ISqlDialect dialect)
{
    const string ClientColumns = "client_id, age_group, clinician_id, created_at, updated_at";
    const string EpisodeColumns = "id, client_id, opened_at, closed_at, import_key";
    const string ImportLineColumns = "line_id, line_hash, administration_id, imported_at";

    // Locked until the transaction ends on SQL Server (key-range locks for clients not stored yet): the group's writers
    // of these clients, on any instance, run one after the other.
    readonly string clientsSql = $"""
        SELECT {ClientColumns} FROM clients {dialect.LockForUpdate}
        WHERE tenant_id = @TenantId AND client_id IN ({dialect.JsonStrings("@ClientIds")});
        """;

    readonly string episodesSql = $"""
        SELECT {EpisodeColumns} FROM episodes WHERE tenant_id = @TenantId AND client_id IN ({dialect.JsonStrings("@ClientIds")});
        """;

    readonly string administrationsSql = $"""
        SELECT {AdministrationRepository.Columns} FROM administrations
        WHERE tenant_id = @TenantId AND episode_id IN ({dialect.JsonStrings("@EpisodeIds")});
        """;

    readonly string alertsSql = $"""
        SELECT {AlertRepository.Columns} FROM alerts WHERE tenant_id = @TenantId AND episode_id IN ({dialect.JsonStrings("@EpisodeIds")});
        """;

    readonly string importLinesSql = $"""
        SELECT line_id, line_hash, administration_id FROM import_lines
        WHERE tenant_id = @TenantId AND line_id IN ({dialect.JsonStrings("@LineIds")});
        """;

    // ux_administrations_content serves it: an exact duplicate is found in any episode of the client.
    readonly string contentHashesSql = $"""
        SELECT content_hash, id FROM administrations WHERE tenant_id = @TenantId AND content_hash IN ({dialect.JsonStrings("@Hashes")});
        """;

    public async Task<IReadOnlyList<ClientRow>> ClientsAsync(DbSession s, long tenantId, IEnumerable<string> clientIds, CancellationToken ct) =>
        (await s.Connection.QueryAsync<ClientRow>(s.Command(clientsSql, new { TenantId = tenantId, ClientIds = Json(clientIds) }, ct))).AsList();

    public async Task<IReadOnlyList<EpisodeRow>> EpisodesAsync(DbSession s, long tenantId, IEnumerable<string> clientIds, CancellationToken ct) =>
        (await s.Connection.QueryAsync<EpisodeRow>(s.Command(episodesSql, new { TenantId = tenantId, ClientIds = Json(clientIds) }, ct))).AsList();

    public async Task<IReadOnlyList<AdministrationRow>> AdministrationsAsync(DbSession s, long tenantId, IEnumerable<string> episodeIds, CancellationToken ct) =>
        (await s.Connection.QueryAsync<AdministrationRow>(s.Command(administrationsSql, new { TenantId = tenantId, EpisodeIds = Json(episodeIds) }, ct))).AsList();

    public async Task<IReadOnlyList<AlertRow>> AlertsAsync(DbSession s, long tenantId, IEnumerable<string> episodeIds, CancellationToken ct) =>
        (await s.Connection.QueryAsync<AlertRow>(s.Command(alertsSql, new { TenantId = tenantId, EpisodeIds = Json(episodeIds) }, ct))).AsList();

    public async Task<IReadOnlyDictionary<string, Imports.ImportLineRow>> ImportLinesAsync(DbSession s, long tenantId, IEnumerable<string> lineIds, CancellationToken ct) =>
        (await s.Connection.QueryAsync<(string LineId, string LineHash, string AdministrationId)>(s.Command(importLinesSql, new { TenantId = tenantId, LineIds = Json(lineIds) }, ct)))
        .ToDictionary(r => r.LineId, r => new Imports.ImportLineRow { LineHash = r.LineHash, AdministrationId = r.AdministrationId }, StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, string>> ContentHashesAsync(DbSession s, long tenantId, IEnumerable<string> hashes, CancellationToken ct) =>
        (await s.Connection.QueryAsync<(string Hash, string Id)>(s.Command(contentHashesSql, new { TenantId = tenantId, Hashes = Json(hashes) }, ct)))
        .ToDictionary(r => r.Hash, r => r.Id, StringComparer.Ordinal);

    static string Json(IEnumerable<string> values) => System.Text.Json.JsonSerializer.Serialize(values.Distinct(StringComparer.Ordinal));

    static readonly IReadOnlyList<string> ClientList = MultiRowInsert.Split(ClientColumns);
    static readonly IReadOnlyList<string> EpisodeList = MultiRowInsert.Split(EpisodeColumns);
    static readonly IReadOnlyList<string> AdministrationList = MultiRowInsert.Split(AdministrationRepository.Columns);
    static readonly IReadOnlyList<string> AlertList = MultiRowInsert.Split(AlertRepository.Columns);
    static readonly IReadOnlyList<string> ImportLineList = MultiRowInsert.Split(ImportLineColumns);

    readonly IReadOnlyDictionary<string, string> insertClientsSqls = MultiRowInsert.Sqls("clients", ClientList);
    readonly IReadOnlyDictionary<string, string> insertEpisodesSqls = MultiRowInsert.Sqls("episodes", EpisodeList);
    readonly IReadOnlyDictionary<string, string> insertAdministrationsSqls = MultiRowInsert.Sqls("administrations", AdministrationList);
    readonly IReadOnlyDictionary<string, string> insertAlertsSqls = MultiRowInsert.Sqls("alerts", AlertList);
    readonly IReadOnlyDictionary<string, string> insertImportLinesSqls = MultiRowInsert.Sqls("import_lines", ImportLineList);

    readonly string changeEpisodeSql = """
        UPDATE episodes SET opened_at = @OpenedAt, closed_at = @ClosedAt WHERE tenant_id = @TenantId AND id = @Id;
        """;

    readonly string resolveAlertSql = $"""
        UPDATE alerts SET status = '{AlertStatuses.Resolved}', resolved_reason = @Reason, resolved_at = @At, resolved_by_administration_id = @By
        WHERE tenant_id = @TenantId AND id = @Id;
        """;

    /// <summary>
    /// Writes the plan in the caller's transaction: stored episodes' changes first (a client has at most one open
    /// episode, so the stale one closes before the new one is inserted), then each table's new rows in key order.
    /// </summary>
    public async Task ApplyAsync(DbSession s, long tenantId, WritePlan plan, CancellationToken ct)
    {
        await MultiRowInsert.RunAsync(s, tenantId, insertClientsSqls, ClientList, plan.Clients,
            c => [c.ClientId, c.AgeGroup, c.ClinicianId, c.CreatedAt, c.UpdatedAt], ct);
        foreach (var e in plan.EpisodeChanges)
            await s.Connection.ExecuteAsync(s.Command(changeEpisodeSql, new { TenantId = tenantId, e.Id, e.OpenedAt, e.ClosedAt }, ct));
        await MultiRowInsert.RunAsync(s, tenantId, insertEpisodesSqls, EpisodeList, plan.Episodes,
            e => [e.Id, e.ClientId, e.OpenedAt, e.ClosedAt, e.ImportKey], ct);
        await MultiRowInsert.RunAsync(s, tenantId, insertAdministrationsSqls, AdministrationList, plan.Administrations, a =>
        [
            a.Id, a.ClientId, a.EpisodeId, a.Instrument, a.Rater, a.SessionNumber, a.ClinicianId, a.AdministeredAt, a.ReceivedAt,
            a.ItemsJson, a.Total, a.Prorated, a.Severity, a.ClinicalRange, a.SubscalesJson, a.FeedbackJson, a.ContentHash,
            a.AgeGroup, a.Model, a.RulesVersion, a.EpisodeOpened, a.FhirIdentifierSystem, a.FhirIdentifierValue, a.FhirEncounter, a.Source,
        ], ct);
        foreach (var r in plan.Resolutions)
            await s.Connection.ExecuteAsync(s.Command(resolveAlertSql, new { TenantId = tenantId, Id = r.AlertId, r.Reason, r.At, By = r.ByAdministrationId }, ct));
        await MultiRowInsert.RunAsync(s, tenantId, insertAlertsSqls, AlertList, plan.Alerts, a =>
        [
            a.Id, a.ClientId, a.EpisodeId, a.AdministrationId, a.Instrument, a.ClinicianId, a.Kind, a.Priority, a.PriorityRank, a.Item, a.Message,
            a.Status, a.RulesVersion, a.CreatedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.Note, a.ResolvedAt, a.Rater, a.ResolvedByAdministrationId,
            a.Imported, a.ResolvedReason, a.SessionNumber, a.AdministrationOrdinal, a.ReasonsJson, a.SuggestionsJson, a.SuggestionsVersion,
        ], ct);
        await MultiRowInsert.RunAsync(s, tenantId, insertImportLinesSqls, ImportLineList, plan.ImportLines,
            l => [l.LineId, l.LineHash, l.AdministrationId, l.ImportedAt], ct);
    }
}
