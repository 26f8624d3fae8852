namespace Feedback.Data.Reports;

/// <summary>An administration of an episode that ended in a report's range, with what the report groups it by.</summary>
public sealed class EndedEpisodeAdministration
{
    public string EpisodeId { get; init; } = "";
    public string ClientId { get; init; } = "";
    /// <summary>When the episode ended: closed_at, or for a stale open episode its last administration.</summary>
    public DateTimeOffset EndedAt { get; set; }
    public string? ClientClinicianId { get; init; }
    public string AdministrationId { get; init; } = "";
    public string Instrument { get; init; } = "";
    public string Rater { get; init; } = "";
    public DateTimeOffset AdministeredAt { get; init; }
    public decimal Total { get; init; }
    public bool? ClinicalRange { get; init; }
    public string? ClinicianId { get; init; }
}

/// <summary>What an outcome report reads (clinical.md section 8): the administrations of the episodes that ended in a range.</summary>
public sealed class ReportRepository
{
    const string Columns = """
        e.id AS episode_id, e.client_id, c.clinician_id AS client_clinician_id, a.id AS administration_id, a.instrument, a.rater,
        a.administered_at, a.total, a.clinical_range, a.clinician_id
        """;

    // Episodes closed in [From, To): ix_episodes_closed, then each one's administrations by ix_administrations_episode.
    readonly string closedSql = $"""
        SELECT e.closed_at AS ended_at, {Columns}
        FROM episodes e
        JOIN clients c ON c.tenant_id = e.tenant_id AND c.client_id = e.client_id
        JOIN administrations a ON a.tenant_id = e.tenant_id AND a.episode_id = e.id
        WHERE e.tenant_id = @TenantId AND e.closed_at >= @From AND e.closed_at < @To;
        """;

    // Open episodes whose last administration (any instrument, any rater) is older than the stale-episode guard and falls
    // in [From, To): they ended then, though nothing closed them yet. Written as nested IN (subquery) so that SQLite,
    // without statistics, starts from the open episodes (ux_episodes_open) and seeks ix_administrations_episode, rather
    // than walking every administration of the tenant; ended_at is the episode's latest administration, taken in code.
    readonly string staleSql = $"""
        SELECT e.opened_at AS ended_at, {Columns}
        FROM administrations a
        JOIN episodes e ON e.id = a.episode_id
        JOIN clients c ON c.tenant_id = e.tenant_id AND c.client_id = e.client_id
        WHERE a.tenant_id = @TenantId
          AND a.episode_id IN (SELECT x.episode_id
                               FROM administrations x
                               WHERE x.tenant_id = @TenantId
                                 AND x.episode_id IN (SELECT o.id FROM episodes o WHERE o.tenant_id = @TenantId AND o.closed_at IS NULL)
                               GROUP BY x.episode_id
                               HAVING MAX(x.administered_at) >= @From AND MAX(x.administered_at) < @To AND MAX(x.administered_at) < @StaleBefore);
        """;

    /// <summary>
    /// Every administration of the tenant's episodes that ended in [<paramref name="from"/>, <paramref name="to"/>): closed
    /// in it, or still open with a last administration in it and before <paramref name="staleBefore"/> (null: the
    /// stale-episode guard is off, and only closed episodes ended).
    /// </summary>
    public async Task<IReadOnlyList<EndedEpisodeAdministration>> EndedInAsync(DbSession s, long tenantId, DateTimeOffset from, DateTimeOffset to,
        DateTimeOffset? staleBefore, CancellationToken ct)
    {
        var p = new { TenantId = tenantId, From = from, To = to, StaleBefore = staleBefore ?? from };
        var rows = await ReadAsync(s, closedSql, p, ct);
        if (staleBefore is null) return rows;
        var stale = await ReadAsync(s, staleSql, p, ct);
        foreach (var episode in stale.GroupBy(r => r.EpisodeId))
        {
            var endedAt = episode.Max(r => r.AdministeredAt);
            foreach (var row in episode) row.EndedAt = endedAt;
        }
        rows.AddRange(stale);
        return rows;
    }

    // Read with the typed getters in the order of Columns: Dapper's mapping boxes every value and was a third of a report
    // over 100,000 episodes (docs/performance.md).
    static async Task<List<EndedEpisodeAdministration>> ReadAsync(DbSession s, string sql, object p, CancellationToken ct)
    {
        var rows = new List<EndedEpisodeAdministration>();
        await using var r = await s.Connection.ExecuteReaderAsync(s.Command(sql, p, ct));
        while (await r.ReadAsync(ct))
            rows.Add(new EndedEpisodeAdministration
            {
                EndedAt = DateTimeOffsetHandler.Read(r, 0), EpisodeId = r.GetString(1), ClientId = r.GetString(2), ClientClinicianId = r.IsDBNull(3) ? null : r.GetString(3),
                AdministrationId = r.GetString(4), Instrument = r.GetString(5), Rater = r.GetString(6), AdministeredAt = DateTimeOffsetHandler.Read(r, 7),
                Total = r.GetDecimal(8), ClinicalRange = r.IsDBNull(9) ? null : r.GetBoolean(9), ClinicianId = r.IsDBNull(10) ? null : r.GetString(10),
            });
        return rows;
    }
}
