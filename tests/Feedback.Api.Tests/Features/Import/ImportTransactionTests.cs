using Microsoft.Extensions.DependencyInjection;
using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Features.Import;

/// <summary>
/// What the import's description promises of its transactions (one per group of whole clients, not one per line), checked from outside:
/// a line the rules refuse never undoes its client's other lines; a client whose line the database refuses keeps none
/// of its lines; another client's lines are never stored in part; and re-sending the file completes it.
/// </summary>
public sealed class ImportTransactionTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_OpenAPI_description_says_one_transaction_per_group_of_whole_clients()
    {
        var document = await (await app.Anonymous.GetAsync("/openapi/v1.json", Ct)).BodyAsync();
        var description = document["paths"]![ApiRoutes.ImportAdministrationsPath]!["post"]!["description"]!.GetValue<string>();
        description.ShouldNotContain("own transaction");
        description.ShouldContain("Transactions: one per group of whole clients (about 400 lines; not one per line)");
    }

    [Fact]
    public async Task A_line_the_rules_refuse_inside_its_clients_transaction_keeps_the_clients_other_lines()
    {
        var day = app.Clock.GetUtcNow().AddDays(-60);
        // The second line's key would open a second episode while the first line's is open: refused by the recorder,
        // inside the client's transaction, after the first line was written in it.
        var keyed = Line("keep-2", "tx-keep", "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 0], day.AddDays(7), 2);
        keyed["episodeKey"] = "second";
        var result = await ImportAsync(app.Admin, [
            Line("keep-1", "tx-keep", "PHQ-9", [2, 2, 2, 2, 2, 2, 1, 1, 0], day, 1),
            keyed,
            Line("keep-3", "tx-keep", "GAD-7", [1, 2, 1, 2, 1, 2, 1], day.AddDays(14), 3),
        ]);
        result.Results.Select(r => r["status"]!.GetValue<string>()).ShouldBe(["created", "invalid", "created"]);
        result.Results[1]["errors"]!["episodeKey"].ShouldNotBeNull();
        (await CountAsync("administrations", "tx-keep")).ShouldBe(2);
    }

    [Fact]
    public async Task A_client_whose_line_the_database_refuses_keeps_none_and_no_client_is_stored_in_part()
    {
        var day = app.Clock.GetUtcNow().AddDays(-90);
        object[] file =
        [
            .. Enumerable.Range(1, 3).Select(s => (object)Line($"good-{s}", "tx-good", "PHQ-9", [1, 2, 1, 2, 1, 2, 1, 0, 0], day.AddDays(7 * s), s)),
            .. Enumerable.Range(1, 3).Select(s => (object)Line($"bad-{s}", "tx-bad", "PHQ-9", [2, 1, 2, 1, 2, 1, 2, 0, 0], day.AddDays(7 * s), s)),
        ];
        // A fault on the third line of one client, after its first two were written in the same transaction.
        await SqlAsync(app, """
            CREATE TRIGGER tx_fault BEFORE INSERT ON administrations WHEN NEW.client_id = 'tx-bad' AND NEW.session_number = 3
            BEGIN SELECT RAISE(ABORT, 'injected fault'); END;
            """);
        var failed = await app.Admin.PostAsync(ApiRoutes.ImportAdministrationsPath, Ndjson(file), Ct);
        await failed.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);

        foreach (var table in new[] { "clients", "episodes", "administrations" })
            (await CountAsync(table, "tx-bad")).ShouldBe(0, $"none of tx-bad's {table}");
        (await CountLinesAsync("bad-")).ShouldBe(0);
        var good = await CountAsync("administrations", "tx-good");
        good.ShouldBeOneOf(0L, 3L); // recorded before the fault or not at all, never in part
        (await CountLinesAsync("good-")).ShouldBe(good);

        await SqlAsync(app, "DROP TRIGGER tx_fault");
        var again = await ImportAsync(app.Admin, file);
        again.Results.Where(r => r["lineId"]!.GetValue<string>().StartsWith("bad-", StringComparison.Ordinal))
            .ShouldAllBe(r => r["status"]!.GetValue<string>() == "created");
        again.Results.Count(r => r["status"]!.GetValue<string>() == "duplicate").ShouldBe((int)good);
        (await CountAsync("administrations", "tx-bad"), await CountAsync("administrations", "tx-good")).ShouldBe((3L, 3L));
    }

    async Task<long> CountAsync(string table, string clientId) =>
        await ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE client_id = '{clientId}'");

    async Task<long> CountLinesAsync(string prefix) =>
        await ScalarAsync($"SELECT COUNT(*) FROM import_lines WHERE line_id LIKE '{prefix}%'");

    async Task<long> ScalarAsync(string sql)
    {
        await using var s = await app.Services.GetRequiredService<Feedback.Data.Connections.Database>().ReadAsync(Ct);
        await using var cmd = s.Connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(Ct));
    }
}
