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
    public string? ClinicianId { get; init; }
    public int? SessionNumber { get; init; }
    /// <summary>The client's age group stored with the administration (clinical.md section 1).</summary>
    public string AgeGroup { get; init; } = "";
}

/// <summary>
/// What the outcome and calibration reports read (clinical.md sections 8 and 12): the administrations of the episodes that
/// ended in a range, all of them or one instrument's client ratings.
/// </summary>
public sealed class ReportRepository
{
    const string Columns = """
        e.id AS episode_id, e.client_id, c.clinician_id AS client_clinician_id, a.id AS administration_id, a.instrument, a.rater,
        a.administered_at, a.total, a.clinician_id, a.session_number, a.age_group
        """;

    // Episodes closed in [From, To): ix_episodes_closed, then each one's administrations by ix_administrations_episode.
    readonly string closedSql = Closed("");

    // The calibration report's: one instrument's client ratings, sought in the same index by its instrument and rater.
    readonly string closedOfInstrumentSql = Closed(OfInstrument);

    const string OfInstrument = "AND a.instrument = @Instrument AND a.rater = @Rater";

    static string Closed(string filter) => $"""
        SELECT e.closed_at AS ended_at, {Columns}
        FROM episodes e
        JOIN clients c ON c.tenant_id = e.tenant_id AND c.client_id = e.client_id
        JOIN administrations a ON a.tenant_id = e.tenant_id AND a.episode_id = e.id
        WHERE e.tenant_id = @TenantId AND e.closed_at >= @From AND e.closed_at < @To {filter};
        """;

    // Open episodes whose last administration (any instrument, any rater) is older than the stale-episode guard and falls
    // in [From, To): they ended then, though nothing closed them yet. Written as nested IN (subquery) so that SQLite,
    // without statistics, starts from the open episodes (ux_episodes_open) and seeks ix_administrations_episode, rather
    // than walking every administration of the tenant; ended_at is the episode's latest administration, taken in code.
    readonly string staleSql = Stale("");

    readonly string staleOfInstrumentSql = Stale(OfInstrument);

    static string Stale(string filter) => $"""
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
                               HAVING MAX(x.administered_at) >= @From AND MAX(x.administered_at) < @To AND MAX(x.administered_at) < @StaleBefore)
          {filter};
        """;

    /// <summary>
    /// Every administration of the tenant's episodes that ended in [<paramref name="from"/>, <paramref name="to"/>): closed
    /// in it, or still open with a last administration in it and before <paramref name="staleBefore"/> (null: the
    /// stale-episode guard is off, and only closed episodes ended). With <paramref name="instrument"/>, only that
    /// instrument's client-rated administrations: an episode ends by its last administration of any kind, but the EndedAt
    /// of a stale one is then that instrument's last (the calibration report does not group by month).
    /// </summary>
    public async Task<IReadOnlyList<EndedEpisodeAdministration>> EndedInAsync(DbSession s, long tenantId, DateTimeOffset from, DateTimeOffset to,
        DateTimeOffset? staleBefore, CancellationToken ct, string? instrument = null)
    {
        var p = new { TenantId = tenantId, From = from, To = to, StaleBefore = staleBefore ?? from, Instrument = instrument, Rater = "client" };
        var rows = await ReadAsync(s, instrument is null ? closedSql : closedOfInstrumentSql, p, ct);
        if (staleBefore is null) return rows;
        var stale = await ReadAsync(s, instrument is null ? staleSql : staleOfInstrumentSql, p, ct);
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
                Total = r.GetDecimal(8), ClinicianId = r.IsDBNull(9) ? null : r.GetString(9), SessionNumber = r.IsDBNull(10) ? null : r.GetInt32(10),
                AgeGroup = r.GetString(11),
            });
        return rows;
    }
}
