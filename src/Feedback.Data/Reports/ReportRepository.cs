namespace Feedback.Data.Reports;

/// <summary>An administration of an episode that ended in a report's range, with what the report groups it by.</summary>
public sealed class EndedEpisodeAdministration
{
    public string EpisodeId { get; init; } = "";
    public string ClientId { get; init; } = "";
    /// <summary>When the episode ended: closed_at, or for a stale open episode its last administration.</summary>
    public DateTimeOffset EndedAt { get; init; }
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

    // Episodes closed in [From, To).
    readonly string closedSql = $"""
        SELECT e.closed_at AS ended_at, {Columns}
        FROM episodes e
        JOIN clients c ON c.tenant_id = e.tenant_id AND c.client_id = e.client_id
        JOIN administrations a ON a.tenant_id = e.tenant_id AND a.episode_id = e.id
        WHERE e.tenant_id = @TenantId AND e.closed_at >= @From AND e.closed_at < @To;
        """;

    // Open episodes whose last administration (any instrument, any rater) is older than the stale-episode guard and falls
    // in [From, To): they ended then, though nothing closed them yet.
    readonly string staleSql = $"""
        SELECT last.ended_at, {Columns}
        FROM (SELECT o.id AS episode_id, MAX(x.administered_at) AS ended_at
              FROM episodes o
              JOIN administrations x ON x.tenant_id = o.tenant_id AND x.episode_id = o.id
              WHERE o.tenant_id = @TenantId AND o.closed_at IS NULL
              GROUP BY o.id) last
        JOIN episodes e ON e.tenant_id = @TenantId AND e.id = last.episode_id
        JOIN clients c ON c.tenant_id = e.tenant_id AND c.client_id = e.client_id
        JOIN administrations a ON a.tenant_id = e.tenant_id AND a.episode_id = e.id
        WHERE last.ended_at >= @From AND last.ended_at < @To AND last.ended_at < @StaleBefore;
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
        var rows = (await s.Connection.QueryAsync<EndedEpisodeAdministration>(s.Command(closedSql, p, ct))).AsList();
        if (staleBefore is not null)
            rows.AddRange(await s.Connection.QueryAsync<EndedEpisodeAdministration>(s.Command(staleSql, p, ct)));
        return rows;
    }
}
