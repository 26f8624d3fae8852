using Dapper;
using Feedback.Api.Shared.Views;
using Feedback.Clinical.Alerts;
using Feedback.Data.Alerts;
using Feedback.Data.Connections;
using Microsoft.Data.Sqlite;

namespace Feedback.Api.Tests.Features.Alerts;

/// <summary>
/// One vocabulary for an alert's status and priority: the API's enum, the stored strings, the worklist filter, the SQL, and
/// the stored priority_rank, which must keep meaning what migration 0002 says (0 urgent, 1 high, 2 normal).
/// </summary>
public sealed class AlertVocabularyTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_api_statuses_are_the_stored_statuses()
    {
        Names.All<AlertStatus>().ShouldBe(AlertStatuses.All, ignoreOrder: true);
        Feedback.Api.Features.Alerts.List.Request.Statuses.ShouldBe([.. AlertStatuses.All, "any"], ignoreOrder: true);
    }

    [Fact]
    public void The_data_layers_priority_ranks_are_the_engines_priority_values()
    {
        foreach (var priority in Enum.GetValues<Feedback.Clinical.Alerts.AlertPriority>())
            Feedback.Data.Alerts.PriorityRanks.Of(priority.ToString().ToLowerInvariant()).ShouldBe((int)priority);
        Should.Throw<ArgumentOutOfRangeException>(() => Feedback.Data.Alerts.PriorityRanks.Of("critical"));
    }

    [Fact]
    public void Every_status_the_alert_statements_name_is_in_the_vocabulary()
    {
        var repository = new AlertRepository(new SqliteDialect());
        var statements = typeof(AlertRepository).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
            .Where(f => f.FieldType == typeof(string)).Select(f => (string)f.GetValue(repository)!).ToList();
        var named = statements.SelectMany(sql => System.Text.RegularExpressions.Regex.Matches(sql, @"status\s*(?:=|<>|IN)\s*\(?\s*'(\w+)'(?:\s*,\s*'(\w+)')*")
            .SelectMany(m => m.Groups.Cast<System.Text.RegularExpressions.Group>().Skip(1).SelectMany(g => g.Captures.Select(c => c.Value)))).ToHashSet();
        named.ShouldNotBeEmpty();
        named.ShouldBeSubsetOf(AlertStatuses.All);
    }

    [Fact]
    public async Task Each_stored_alert_ranks_as_its_priority_and_the_worklist_reads_them_in_that_order()
    {
        // Item 9 answered 1 (a high risk_item), then 3 (an urgent one) with a total of 4 against 1: at_risk, normal.
        await Post("voc-1", [0, 0, 0, 0, 0, 0, 0, 0, 1], 0, 1);
        await Post("voc-1", [0, 0, 0, 0, 0, 0, 0, 1, 3], 7, 2);
        await using var db = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False;Mode=ReadOnly");
        var stored = (await db.QueryAsync<(string Priority, long Rank, string Status)>(
            "SELECT priority, priority_rank, status FROM alerts WHERE client_id = 'voc-1'")).ToList();
        stored.Select(r => r.Priority).Distinct().ShouldBe(["high", "normal", "urgent"], ignoreOrder: true);
        foreach (var (priority, rank, status) in stored)
        {
            rank.ShouldBe((long)Names.Parse<AlertPriority>(priority));
            AlertStatuses.All.ShouldContain(status);
        }
        var listed = (await (await app.Reader.GetAsync($"{ApiRoutes.AlertsPath}?clientId=voc-1&status=any", Ct)).BodyAsync())["items"]!.AsArray();
        listed.Select(a => a!["priority"]!.GetValue<string>()).ShouldBe(stored.OrderBy(r => r.Rank).Select(r => r.Priority));
    }

    async Task Post(string clientId, int?[] items, int day, int session) =>
        (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), Http.Phq9(items, Http.Monday.AddDays(day), session), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
}
