using Feedback.Api.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Features.Bulk;

/// <summary>
/// interop.md 4.3, imported alerts: all stored with imported: true; one whose administration is within
/// Import:LiveWindowHours (72) of the import stays open, is on the worklist and fires alert.created; older ones are
/// stored resolved (imported_history) and fire nothing. No administration.created for imports. The clock is frozen so
/// that "72 hours before the import" is the same instant for the test and the service.
/// </summary>
public sealed class ImportedAlertsTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<List<(string Type, string Payload)>> EventsAsync(string endpointId)
    {
        await using var s = await app.Services.GetRequiredService<Feedback.Data.Connections.Database>().ReadAsync(Ct);
        await using var cmd = s.Connection.CreateCommand();
        cmd.CommandText = $"SELECT event_type, payload FROM webhook_deliveries WHERE endpoint_id = '{endpointId}' ORDER BY id";
        var rows = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    [Fact]
    public async Task Alerts_within_72_hours_are_open_and_announced_older_ones_are_stored_as_history()
    {
        var (endpoint, _) = await app.NewEndpointAsync("https://receiver.test/hooks");
        app.Clock.Freeze();
        try
        {
            var now = app.Clock.GetUtcNow();
            var window = TimeSpan.FromHours(72);
            // Item 9 answered 2: an urgent risk_item alert (clinical.md section 6), one client per instant.
            var instants = new (string Client, DateTimeOffset At, bool Open)[]
            {
                ("win-older", now - window - TimeSpan.FromSeconds(1), false),
                ("win-at", now - window, true),
                ("win-inside", now - window + TimeSpan.FromSeconds(1), true),
                ("win-today", now - TimeSpan.FromMinutes(30), true),
                ("win-year", now.AddDays(-365), false),
            };
            var result = await ImportAsync(app.Admin, instants.Select((x, i) => (object)Line($"win-{i}", x.Client, "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 2], x.At, 1)));
            result.Results.ShouldAllBe(r => r["status"]!.GetValue<string>() == "created" && r["alerts"]!.GetValue<int>() == 1);

            var openAlertIds = new List<string>();
            foreach (var (client, at, open) in instants)
            {
                var alerts = (await (await app.Reader.GetAsync(ApiRoutes.AlertsPath + $"?status=any&clientId={client}", Ct)).BodyAsync())["items"]!.AsArray();
                alerts.Count.ShouldBe(1, client);
                var alert = alerts[0]!;
                (alert["kind"]!.GetValue<string>(), alert["imported"]!.GetValue<bool>()).ShouldBe(("risk_item", true), client);
                alert["createdAt"]!.GetValue<DateTimeOffset>().ShouldBe(at, client);
                if (open)
                {
                    (alert["status"]!.GetValue<string>(), alert["resolvedReason"]).ShouldBe(("open", null), client);
                    openAlertIds.Add(alert["id"]!.GetValue<string>());
                }
                else
                {
                    alert["status"]!.GetValue<string>().ShouldBe("resolved", client);
                    alert["resolvedReason"]!.GetValue<string>().ShouldBe("imported_history", client);
                    alert["resolvedAt"]!.GetValue<DateTimeOffset>().ShouldBe(now, client);
                }
            }
            // The default worklist (status=open) shows the live-window ones and none of the history.
            var worklist = (await (await app.Reader.GetAsync(ApiRoutes.AlertsPath + "?imported=true", Ct)).BodyAsync())["items"]!.AsArray()
                .Select(a => a!["id"]!.GetValue<string>()).ToList();
            worklist.ShouldBe(openAlertIds, ignoreOrder: true);

            // alert.created for each open one, nothing for history, no administration.created for the import.
            var events = await EventsAsync(endpoint);
            events.ShouldAllBe(e => e.Type == "alert.created");
            events.Count.ShouldBe(openAlertIds.Count);
            foreach (var id in openAlertIds) events.ShouldContain(e => e.Payload.Contains(id));
            events.ShouldAllBe(e => JsonNode.Parse(e.Payload)!["data"]!["imported"]!.GetValue<bool>());

            // A live submission still announces itself (the control).
            (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("win-live"), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 0], now.AddMinutes(-5)), Ct))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
            (await EventsAsync(endpoint)).Count(e => e.Type == "administration.created").ShouldBe(1);
        }
        finally
        {
            app.Clock.Unfreeze();
        }
    }
}
