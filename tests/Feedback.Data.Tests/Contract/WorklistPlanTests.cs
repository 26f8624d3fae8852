using Feedback.Data.Alerts;
using Microsoft.Data.Sqlite;

namespace Feedback.Data.Tests.Contract;

/// <summary>
/// Every worklist shape seeks an index in the page's order, on a seeded database (20,000 alerts of a large
/// tenant, 2% open, and a small tenant). A plan assertion, not a timing, checked before any statistics exist (a database
/// that grew in use) and after the service's own PRAGMA optimize (Database.OptimizeAsync), never after a hand-run ANALYZE.
/// No shape scans the alerts table or sorts in a temporary B-tree.
/// </summary>
public sealed class WorklistPlanTests : IClassFixture<WorklistPlanTests.Seeded>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    readonly Seeded seeded;

    public WorklistPlanTests(Seeded seeded) => this.seeded = seeded;

    public sealed class Seeded : IDisposable
    {
        readonly SqliteDatabase inner = new();
        public Database Database => inner.Database;

        public Seeded()
        {
            using var connection = new SqliteConnection(Database.Options.ConnectionString);
            connection.Open();
            connection.Execute("""
                PRAGMA foreign_keys = OFF;
                BEGIN;
                INSERT INTO tenants (id, name, created_at) VALUES (1, 'large', '2026-01-01 00:00:00'), (2, 'small', '2026-01-01 00:00:00');
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19999)
                INSERT INTO alerts (id, tenant_id, client_id, episode_id, administration_id, instrument, clinician_id, kind, priority, priority_rank,
                                    message, status, rules_version, created_at, rater, imported)
                SELECT printf('A%025d', i), CASE WHEN i % 100 = 99 THEN 2 ELSE 1 END, 'c-' || (i % 2000), 'E' || (i % 2000), 'X' || i, 'PHQ-9',
                       'clin-' || (i % 40), CASE i % 4 WHEN 0 THEN 'risk_item' WHEN 1 THEN 'off_track' WHEN 2 THEN 'at_risk' ELSE 'reliable_deterioration' END,
                       CASE i % 3 WHEN 0 THEN 'urgent' WHEN 1 THEN 'high' ELSE 'normal' END, i % 3, 'm',
                       CASE WHEN i % 50 = 0 THEN 'open' WHEN i % 50 = 1 THEN 'acknowledged' ELSE 'resolved' END, 'alerts-v1.1',
                       strftime('%Y-%m-%d %H:%M:%S', '2025-01-01', '+' || (i * 10) || ' minutes'), 'client', i % 7 = 0
                FROM n;
                COMMIT;
                """);
        }

        public void Dispose() => inner.Dispose();
    }

    public static TheoryData<string> Shapes() => [.. AlertRepository.WorklistShapes];

    async Task<List<string>> PlanAsync(string shape)
    {
        var sql = SqlServerSyntax.Statements(seeded.Database.Dialect).Single(s => s.Name == $"AlertRepository.worklistSqls[{shape}]").Sql;
        await using var connection = new SqliteConnection(seeded.Database.Options.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in new (string, object)[]
                 {
                     ("@TenantId", 1), ("@Status", "open"), ("@NotStatus", "open"), ("@ClinicianId", "clin-3"), ("@ClientId", "c-7"), ("@Kind", "off_track"),
                     ("@Priority", DBNull.Value), ("@Imported", DBNull.Value), ("@AfterRank", -1), ("@AfterAt", "9999-12-31 23:59:59"), ("@AfterId", "~"), ("@Limit", 50),
                 })
            command.Parameters.AddWithValue(name, value);
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) plan.Add(reader.GetString(3));
        return plan;
    }

    static readonly Dictionary<string, string> IndexOf = new()
    {
        ["status/tenant"] = "ix_alerts_status_order", ["not-status/tenant"] = "ix_alerts_order", ["any-status/tenant"] = "ix_alerts_order",
        ["status/clinician"] = "ix_alerts_clinician_status_order", ["not-status/clinician"] = "ix_alerts_clinician_order", ["any-status/clinician"] = "ix_alerts_clinician_order",
        ["status/kind"] = "ix_alerts_kind_status_order", ["not-status/kind"] = "ix_alerts_kind_order", ["any-status/kind"] = "ix_alerts_kind_order",
        ["status/client"] = "ix_alerts_client_order", ["not-status/client"] = "ix_alerts_client_order", ["any-status/client"] = "ix_alerts_client_order",
    };

    void ShouldSeekInOrder(string shape, List<string> plan)
    {
        var text = string.Join("\n", plan);
        plan.ShouldNotContain(line => line.StartsWith("SCAN", StringComparison.Ordinal), text);
        plan.ShouldContain(line => line.StartsWith("SEARCH alerts USING", StringComparison.Ordinal), text);
        plan.ShouldNotContain(line => line.Contains("TEMP B-TREE", StringComparison.Ordinal), text);
        plan.ShouldContain(line => line.Contains(IndexOf[shape] + " ", StringComparison.Ordinal), text);
    }

    [Theory, MemberData(nameof(Shapes))]
    public async Task Every_worklist_shape_seeks_an_index_in_page_order_without_statistics(string shape) =>
        ShouldSeekInOrder(shape, await PlanAsync(shape));

    [Theory, MemberData(nameof(Shapes))]
    public async Task Every_worklist_shape_seeks_an_index_in_page_order_with_the_services_statistics(string shape)
    {
        await seeded.Database.OptimizeAsync(Ct);
        ShouldSeekInOrder(shape, await PlanAsync(shape));
    }
}
