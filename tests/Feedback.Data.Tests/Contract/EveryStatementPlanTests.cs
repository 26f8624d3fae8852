using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Feedback.Data.Tests.Contract;

/// <summary>
/// Every statement a repository sends (the worklist's shapes have their own, stricter test): on the migrated
/// schema, never analysed, none reads a whole large table, and none sorts in a temporary B-tree, unless it is listed
/// below with the reason it may. A plan assertion, not a timing.
/// </summary>
public sealed partial class EveryStatementPlanTests(SqliteDatabase fixture) : IClassFixture<SqliteDatabase>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Tables that grow with use; a SCAN of one is a walk of everything every tenant stored.
    static readonly string[] Large = ["administrations", "alerts", "audit_log", "episodes", "clients", "idempotency_keys", "import_lines",
        "webhook_deliveries", "webhook_attempts", "measurement_plans"];

    // Statement -> why its plan may scan or sort.
    static readonly Dictionary<string, string> Allowed = new()
    {
        ["WebhookDeliveryRepository.attemptsSql"] = "sorts the attempts of one page of deliveries (at most a few each)",
        ["WebhookDeliveryRepository.claimSql"] = "the worker's fair claim: walks the partial index of deliveries still to deliver (the backlog, not the history) and ranks the due ones per endpoint and tenant",
        ["WebhookDeliveryRepository.failPendingSql"] = "walks the partial index of deliveries still pending, not the table",
        ["WebhookDeliveryRepository.purgeSql"] = "the background purge, not a request; it walks the table in batches",
        ["ApiKeyRepository.listSql"] = "the keys CLI (`keys list`), not a request; a deployment holds few keys",
        // A FHIR search always names a client or an administration (interop.md 1.6, the endpoints refuse one that does
        // not); the shape naming neither exists for completeness and walks the tenant's administrations.
        ["AdministrationRepository.searchSqls[newest/tenant]"] = "unreachable: every FHIR search names a client or an administration",
        ["AdministrationRepository.searchSqls[oldest/tenant]"] = "unreachable: every FHIR search names a client or an administration",
    };

    public static TheoryData<string> Statements() =>
        [.. SqlServerSyntax.Statements(new SqliteDialect()).Select(s => s.Name).Where(n => !n.StartsWith("AlertRepository.worklistSqls[", StringComparison.Ordinal))];

    [Theory]
    [InlineData("newest/client", "ix_administrations_client (tenant_id=? AND client_id=?")]
    [InlineData("oldest/client", "ix_administrations_client (tenant_id=? AND client_id=?")]
    [InlineData("newest/id", "sqlite_autoindex_administrations_1 (id=?)")]
    [InlineData("oldest/id", "sqlite_autoindex_administrations_1 (id=?)")]
    public async Task A_FHIR_search_seeks_its_client_or_its_administration(string shape, string index)
    {
        var plan = await PlanAsync($"AdministrationRepository.searchSqls[{shape}]");
        plan.ShouldContain(line => line.StartsWith("SEARCH administrations USING", StringComparison.Ordinal) && line.Contains(index, StringComparison.Ordinal), string.Join("\n", plan));
        plan.ShouldNotContain(line => line.Contains("TEMP B-TREE", StringComparison.Ordinal), string.Join("\n", plan));
    }

    // The settings routes read the tenant's attestations and its live plans; each is a seek of its key's tenant prefix.
    [Theory]
    [InlineData("LicenseAttestationRepository.ofTenantSql", "SEARCH license_attestations USING PRIMARY KEY (tenant_id=?)")]
    [InlineData("LicenseAttestationRepository.recordSql", "SEARCH license_attestations USING PRIMARY KEY (tenant_id=? AND instrument=?)")]
    [InlineData("PlanRepository.liveOfTenantSql", "SEARCH p USING PRIMARY KEY (tenant_id=?)")]
    public async Task The_settings_reads_seek_the_tenant(string statement, string seek)
    {
        var plan = await PlanAsync(statement);
        plan.ShouldContain(seek, string.Join("\n", plan));
        plan.ShouldNotContain(line => line.StartsWith("SCAN", StringComparison.Ordinal) || line.Contains("TEMP B-TREE", StringComparison.Ordinal), string.Join("\n", plan));
    }

    [GeneratedRegex(@"@[A-Za-z]+")] private static partial Regex Parameter();

    async Task<List<string>> PlanAsync(string statement)
    {
        var sql = SqlServerSyntax.Statements(fixture.Database.Dialect).Single(s => s.Name == statement).Sql;
        await using var connection = new SqliteConnection(fixture.Database.Options.ConnectionString);
        await connection.OpenAsync(Ct);
        var plan = new List<string>();
        foreach (var part in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(p => !p.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase)))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + part;
            foreach (var name in Parameter().Matches(part).Select(m => m.Value).Distinct())
                command.Parameters.AddWithValue(name, name is "@Limit" or "@TenantId" ? 1 : "x");
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct)) plan.Add(reader.GetString(3));
        }
        return plan;
    }

    [Theory, MemberData(nameof(Statements))]
    public async Task No_statement_walks_a_large_table_or_sorts_what_an_index_could_order(string statement)
    {
        var plan = await PlanAsync(statement);
        var text = string.Join("\n", plan);
        if (Allowed.ContainsKey(statement)) return;
        // A multi-row INSERT's plan lists the foreign-key children SQLite would look through if a deferred violation were
        // outstanding; with immediate constraints none is, and the step that would scan them is skipped.
        if (statement.StartsWith("RecordingRepository.insert", StringComparison.Ordinal)) return;
        plan.ShouldNotContain(line => Large.Any(t => line.StartsWith($"SCAN {t}", StringComparison.Ordinal) && !line.Contains("COVERING INDEX", StringComparison.Ordinal)), text);
        plan.ShouldNotContain(line => line.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal), text);
    }
}
