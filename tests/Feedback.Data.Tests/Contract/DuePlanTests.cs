using Microsoft.Data.Sqlite;

namespace Feedback.Data.Tests.Contract;

/// <summary>
/// The overdue list must stay fast for a clinician with hundreds of open episodes: each statement it sends
/// seeks an index, checked with SQLite's EXPLAIN QUERY PLAN on the migrated schema, never analysed (as a database that
/// grew in use is). A plan assertion, not a timing.
/// </summary>
public sealed class DuePlanTests(SqliteDatabase fixture) : IClassFixture<SqliteDatabase>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Statements() => new()
    {
        // statement, the index each table is read by ("table=index", comma-separated)
        { "DueRepository.caseloadSql", "c=ix_clients_clinician,e=ux_episodes_open" },
        { "DueRepository.caseloadAdministrationsSql", "a=ix_administrations_episode,c=ix_clients_clinician,e=ux_episodes_open" },
        { "DueRepository.ofEpisodeSql", "a=ix_administrations_episode" },
        { "PlanRepository.forClinicianSql", "measurement_plans=PRIMARY KEY (tenant_id=? AND client_id=? AND episode_id=?),measurement_plans=PRIMARY KEY (tenant_id=? AND client_id=?),c=ix_clients_clinician" },
        { "PlanRepository.forClientSql", "measurement_plans=PRIMARY KEY (tenant_id=? AND client_id=? AND episode_id=?)" },
        // The outcome report: the range's episodes, never every administration of the tenant.
        { "ReportRepository.closedSql", "e=ix_episodes_closed,a=ix_administrations_episode" },
        { "ReportRepository.staleSql", "a=ix_administrations_episode,x=ix_administrations_episode,o=ux_episodes_open" },
        // The export: its snapshot and each batch walk (tenant_id, id), whatever the filters.
        { "ExportRepository.snapshotSql", "administrations=ix_administrations_export" },
        { "ExportRepository.batchSql", "administrations=ix_administrations_export (tenant_id=? AND id>? AND id<?)" },
        // The write path's reads of a group of clients: each element of a JSON list seeks the key it names.
        { "RecordingRepository.clientsSql", "clients=sqlite_autoindex_clients_1 (tenant_id=? AND client_id=?)" },
        { "RecordingRepository.episodesSql", "episodes=ix_episodes_client (tenant_id=? AND client_id=?)" },
        { "RecordingRepository.administrationsSql", "administrations=ix_administrations_episode (tenant_id=? AND episode_id=?)" },
        { "RecordingRepository.alertsSql", "alerts=ix_alerts_family (tenant_id=? AND episode_id=?)" },
        { "RecordingRepository.importLinesSql", "import_lines=sqlite_autoindex_import_lines_1 (tenant_id=? AND line_id=?)" },
        { "RecordingRepository.contentHashesSql", "administrations=ux_administrations_content (tenant_id=? AND content_hash=?)" },
        { "LeaseRepository.findSql", "tenant_leases=sqlite_autoindex_tenant_leases_1 (tenant_id=? AND kind=?)" },
    };

    [Theory, MemberData(nameof(Statements))]
    public async Task Every_due_statement_seeks_an_index(string statement, string expected)
    {
        var sql = SqlServerSyntax.Statements(fixture.Database.Dialect).Single(s => s.Name == statement).Sql;
        await using var connection = new SqliteConnection(fixture.Database.Options.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "@TenantId", "@ClinicianId", "@ClientId", "@EpisodeId", "@From", "@To", "@StaleBefore",
                     "@Instrument", "@After", "@Snapshot", "@Limit", "@LineId", "@ImportKey", "@Kind", "@ClientIds", "@EpisodeIds", "@LineIds", "@Hashes" })
            command.Parameters.AddWithValue(name, "x");
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct))
                plan.Add(reader.GetString(3));
        var text = string.Join("\n", plan);
        // A JSON list parameter is walked (json_each): its elements, not a table.
        plan.ShouldNotContain(line => line.StartsWith("SCAN", StringComparison.Ordinal) && !line.StartsWith("SCAN json_each", StringComparison.Ordinal), text);
        foreach (var pair in expected.Split(','))
        {
            var (table, index) = (pair.Split('=')[0], pair.Split('=')[1]);
            plan.ShouldContain(line => line.StartsWith($"SEARCH {table} USING ", StringComparison.Ordinal) && line.Contains(index, StringComparison.Ordinal), text);
        }
    }
}
