using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Features.Bulk;

/// <summary>
/// POST /v1/import/administrations over real HTTP (interop.md 4.3): per-line results, idempotency by lineId, episode keys,
/// whole-request refusals, and a history computed as of its time: the feedback and alerts a live submission gives.
/// </summary>
public sealed class ImportTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_line_gets_its_result_in_input_order_and_re_sending_the_file_creates_nothing()
    {
        var day = app.Clock.GetUtcNow().AddDays(-200);
        object[] file =
        [
            // interop.md 4.3's own example line.
            """{"lineId":"mig-000001","clientId":"c-1001","episodeKey":"2024-a","episodeClosedAt":"2024-06-30T00:00:00Z","instrument":"PHQ-9","administeredAt":"2024-02-01T10:00:00Z","sessionNumber":1,"items":[2,2,2,2,2,2,1,1,0]}""",
            Line("mig-000002", "c-1001", "PHQ-9", [2, 2, 2, 2, 2, 2, 1, 1, 4], day),
            """{"lineId":"mig-000001","clientId":"c-1001","episodeKey":"2024-a","episodeClosedAt":"2024-06-30T00:00:00Z","instrument":"PHQ-9","administeredAt":"2024-02-01T10:00:00Z","sessionNumber":1,"items":[2,2,2,2,2,2,1,1,0]}""",
            Line("mig-000003", "c-1002", "ORS", [6.5m, 7.2m, 5, 8.1m], day),
            "this is not JSON",
            Line("mig-000004", "c-1002", "GAD-7", [1, 1, 1, 1, 1, 1, 1], day.AddDays(7)),
        ];
        var before = await app.CountRowsAsync();
        var first = await ImportAsync(app.Admin, file);

        first.Results.Select(r => r["line"]!.GetValue<int>()).ShouldBe([1, 2, 3, 4, 5, 6]);
        first.Results.Select(r => r["status"]!.GetValue<string>()).ShouldBe(["created", "invalid", "duplicate", "created", "invalid", "created"]);
        first.Results[0]["lineId"]!.GetValue<string>().ShouldBe("mig-000001");
        first.Results[1]["errors"]!["items[8]"]![0]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        first.Results[1]["lineId"]!.GetValue<string>().ShouldBe("mig-000002");
        first.Results[2]["administrationId"]!.GetValue<string>().ShouldBe(first.Results[0]["administrationId"]!.GetValue<string>());
        first.Results[4]["lineId"].ShouldBeNull();
        first.Results[4]["errors"]!["line"].ShouldNotBeNull();
        Counts(first.Summary).ShouldBe((3, 1, 0, 2));
        first.Summary.ToJsonString().ShouldStartWith("{\"type\":\"summary\",");
        // Clients, episodes and administrations: c-1001 (1 + its key's episode + 1), c-1002 (1 + 1 opened + 2); the three
        // created lines' ids; the import's audit entry.
        (await app.CountRowsAsync()).ShouldBe(before + 7 + 3 + 1);

        var again = await ImportAsync(app.Admin, file);
        again.Results.Select(r => r["status"]!.GetValue<string>()).ShouldBe(["duplicate", "invalid", "duplicate", "duplicate", "invalid", "duplicate"]);
        again.Results.Select(r => r["administrationId"]?.GetValue<string>()).ShouldBe(first.Results.Select(r => r["administrationId"]?.GetValue<string>()));
        Counts(again.Summary).ShouldBe((0, 4, 0, 2));
        (await app.CountRowsAsync()).ShouldBe(before + 7 + 3 + 2); // and the second import's audit entry

        // The same line id with other content is a conflict naming what the id stored; nothing changes.
        var changed = await ImportAsync(app.Admin, [Line("mig-000003", "c-1002", "ORS", [6.5m, 7.2m, 5, 8.2m], day)]);
        changed.Results[0]["status"]!.GetValue<string>().ShouldBe("conflict");
        changed.Results[0]["administrationId"]!.GetValue<string>().ShouldBe(first.Results[3]["administrationId"]!.GetValue<string>());
        (await app.CountRowsAsync()).ShouldBe(before + 7 + 3 + 3);

        // A stored administration sent again under a new line id is the REST exact duplicate: the existing id.
        var renamed = await ImportAsync(app.Admin, [Line("mig-renamed-3", "c-1002", "ORS", [6.5m, 7.2m, 5, 8.1m], day)]);
        renamed.Results[0]["status"]!.GetValue<string>().ShouldBe("duplicate");
        renamed.Results[0]["administrationId"]!.GetValue<string>().ShouldBe(first.Results[3]["administrationId"]!.GetValue<string>());

        // A line sent again meaning the same (6.5 as 6.50, the default rater and convention spelt out, another ageGroup,
        // which only a new client takes, members in another order) is the same line.
        var same = Line("mig-000003", "c-1002", "ORS", [6.50m, 7.20m, 5.0m, 8.10m], day);
        (same["rater"], same["itemConvention"], same["ageGroup"]) = ("client", "response", "adolescent");
        var sameMeaning = await ImportAsync(app.Admin, [same]);
        (sameMeaning.Results[0]["status"]!.GetValue<string>(), sameMeaning.Results[0]["administrationId"]!.GetValue<string>())
            .ShouldBe(("duplicate", first.Results[3]["administrationId"]!.GetValue<string>()));

        // A byte order mark before the first line (Windows tools write one) is not part of it.
        var bom = new StringContent("\uFEFF" + JsonSerializer.Serialize(Line("mig-bom", "c-1002", "GAD-7", [0, 1, 0, 1, 0, 1, 0], day.AddDays(14))) + "\r\n",
            System.Text.Encoding.UTF8, "application/x-ndjson");
        var withBom = await app.Admin.PostAsync(ApiRoutes.ImportAdministrationsPath, bom, Ct);
        (await withBom.Content.ReadAsStringAsync(Ct)).ShouldStartWith("{\"line\":1,\"lineId\":\"mig-bom\",\"status\":\"created\"");

        // Another client's episode is refused even when the content is a stored administration's.
        var wrongEpisode = Line("mig-wrong-episode", "c-1002", "ORS", [6.5m, 7.2m, 5, 8.1m], day);
        wrongEpisode["episodeId"] = (await (await app.Ehr.GetAsync(ApiRoutes.EpisodesOf("c-1001"), Ct)).BodyAsync())["items"]![0]!["id"]!.GetValue<string>();
        var refused = await ImportAsync(app.Admin, [wrongEpisode]);
        (refused.Results[0]["status"]!.GetValue<string>(), refused.Results[0]["errors"]!["episodeId"] is not null).ShouldBe(("invalid", true));

        // What GET answers: source import, scored and with feedback.
        var view = await (await app.Ehr.GetAsync(ApiRoutes.AdministrationOf("c-1002", first.Results[3]["administrationId"]!.GetValue<string>()), Ct)).BodyAsync();
        view["source"]!.GetValue<string>().ShouldBe("import");
        view["score"]!["total"]!.GetValue<decimal>().ShouldBe(26.8m); // 6.5 + 7.2 + 5 + 8.1
        view["feedback"]!["kind"]!.GetValue<string>().ShouldBe("outcome");
    }

    // One client's history: PHQ-9 and ORS (decimals) by the client, SRS (decimals), WAI-SR by client and therapist, a risk
    // answer, a deterioration and a rupture: the alerts that come out depend on the order and on each earlier administration.
    static List<(string Instrument, decimal?[] Items, int Day, int Session, string Rater)> History() =>
    [
        ("PHQ-9", [2, 2, 2, 2, 2, 2, 1, 1, 0], 0, 1, "client"),
        ("ORS", [4.5m, 5.1m, 3.9m, 4.4m], 0, 1, "client"),
        ("SRS", [9.1m, 9.4m, 9.0m, 9.6m], 0, 1, "client"),
        ("WAI-SR", [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 0, 1, "client"),
        ("WAI-SR", [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 0, 1, "therapist"),
        ("PHQ-9", [3, 3, 3, 2, 2, 2, 2, 2, 2], 7, 2, "client"),
        ("ORS", [3.0m, 2.5m, 2.2m, 3.1m], 7, 2, "client"),
        ("SRS", [6.0m, 7.5m, 6.2m, 6.9m], 7, 2, "client"),
        ("WAI-SR", [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], 7, 2, "client"),
        ("WAI-SR", [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 7, 2, "therapist"),
        ("PHQ-9", [3, 3, 3, 3, 3, 3, 3, 2, 0], 14, 3, "client"),
        ("ORS", [2.0m, 2.1m, 1.5m, 2.6m], 14, 3, "client"),
        ("SRS", [9.5m, 9.5m, 9.2m, 9.7m], 14, 3, "client"),
        ("PHQ-9", [1, 1, 1, 1, 1, 1, 1, 0, 0], 21, 4, "client"),
        ("ORS", [7.0m, 7.5m, 6.8m, 7.9m], 21, 4, "client"),
    ];

    [Fact]
    public async Task An_imported_history_gives_the_scores_feedback_and_alerts_a_live_submission_gave()
    {
        var start = app.Clock.GetUtcNow().AddDays(-60);
        var history = History();
        var live = new List<JsonNode>();
        foreach (var (instrument, items, day, session, rater) in history)
        {
            var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("live-h"),
                Http.Administration(instrument, items, start.AddDays(day).AddMinutes(live.Count), session, rater), Ct);
            rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
            live.Add(await rsp.BodyAsync());
        }
        live.Sum(a => a["alerts"]!.AsArray().Count).ShouldBeGreaterThan(2, "the history raises alerts of several kinds");

        // The same history for another client, sent newest first: the service orders it by administeredAt.
        var lines = history.Select((h, i) => (object)Line($"hist-{i:000}", "imported-h", h.Instrument, h.Items, start.AddDays(h.Day).AddMinutes(i), h.Session, h.Rater))
            .Reverse().ToList();
        var imported = await ImportAsync(app.Admin, lines);
        imported.Results.ShouldAllBe(r => r["status"]!.GetValue<string>() == "created");
        var ids = imported.Results.Select(r => r["administrationId"]!.GetValue<string>()).Reverse().ToList();

        for (var i = 0; i < history.Count; i++)
        {
            var view = await (await app.Ehr.GetAsync(ApiRoutes.AdministrationOf("imported-h", ids[i]), Ct)).BodyAsync();
            var because = $"{history[i].Instrument} {history[i].Rater} session {history[i].Session}";
            view["score"]!.ToJsonString().ShouldBe(live[i]["score"]!.ToJsonString(), because);
            view["feedback"]!.ToJsonString().ShouldBe(live[i]["feedback"]!.ToJsonString(), because);
            view["episode"]!["opened"]!.GetValue<bool>().ShouldBe(live[i]["episode"]!["opened"]!.GetValue<bool>(), because);
            var liveAlerts = live[i]["alerts"]!.AsArray().Select(a => (a!["kind"]!.GetValue<string>(), a["priority"]!.GetValue<string>(), a["message"]!.GetValue<string>()));
            var importedAlerts = view["alerts"]!.AsArray().Select(a => (a!["kind"]!.GetValue<string>(), a["priority"]!.GetValue<string>(), a["message"]!.GetValue<string>()));
            importedAlerts.OrderBy(a => a.Item1).ShouldBe(liveAlerts.OrderBy(a => a.Item1), because);
            imported.Results[history.Count - 1 - i]["alerts"]!.GetValue<int>().ShouldBe(live[i]["alerts"]!.AsArray().Count, because);
            // Older than 72 hours: all history, dated as of their administration.
            foreach (var alert in view["alerts"]!.AsArray())
            {
                alert!["imported"]!.GetValue<bool>().ShouldBeTrue();
                alert["status"]!.GetValue<string>().ShouldBe("resolved");
                alert["resolvedReason"]!.GetValue<string>().ShouldBe("imported_history");
                alert["createdAt"]!.GetValue<DateTimeOffset>().ShouldBe(view["administeredAt"]!.GetValue<DateTimeOffset>());
            }
        }
        // Progress reads the imported series as the live one (ids and the client's name aside).
        foreach (var instrument in new[] { "PHQ-9", "ORS", "SRS", "WAI-SR" })
        {
            static string Anonymous(string json, string client) => Regex.Replace(json.Replace(client, "c"), "\"[0-9A-Z]{26}\"", "\"id\"");
            var a = await (await app.Ehr.GetAsync(ApiRoutes.ProgressOf("live-h", instrument), Ct)).Content.ReadAsStringAsync(Ct);
            var b = await (await app.Ehr.GetAsync(ApiRoutes.ProgressOf("imported-h", instrument), Ct)).Content.ReadAsStringAsync(Ct);
            Anonymous(b, "imported-h").ShouldBe(Anonymous(a, "live-h"), instrument);
        }
        // The live client's alerts are live ones; the worklist filter tells them apart.
        var liveOnly = await (await app.Reader.GetAsync(ApiRoutes.AlertsPath + "?status=any&imported=false&clientId=live-h", Ct)).BodyAsync();
        liveOnly["items"]!.AsArray().ShouldNotBeEmpty();
        liveOnly["items"]!.AsArray().ShouldAllBe(a => !a!["imported"]!.GetValue<bool>());
        liveOnly["items"]!.AsArray().Where(a => a!["status"]!.GetValue<string>() == "resolved")
            .ShouldAllBe(a => a!["resolvedReason"]!.GetValue<string>() == "replaced");
        (await (await app.Reader.GetAsync(ApiRoutes.AlertsPath + "?status=any&imported=true&clientId=live-h", Ct)).BodyAsync())["items"]!.AsArray().ShouldBeEmpty();
        (await (await app.Reader.GetAsync(ApiRoutes.AlertsPath + "?status=any&imported=true&clientId=imported-h", Ct)).BodyAsync())["items"]!.AsArray()
            .Count.ShouldBe(live.Sum(a => a["alerts"]!.AsArray().Count));
        (await (await app.Reader.GetAsync(ApiRoutes.AlertsPath + "?clientId=imported-h", Ct)).BodyAsync())["items"]!.AsArray().ShouldBeEmpty("history is not on the worklist");
        await (await app.Reader.GetAsync(ApiRoutes.AlertsPath + "?imported=maybe", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_episode_key_makes_one_episode_across_files_and_its_rules_are_checked_line_by_line()
    {
        var at = app.Clock.GetUtcNow().AddDays(-300);
        Dictionary<string, object?> Keyed(string lineId, string client, int day, string key, DateTimeOffset? closedAt)
        {
            var line = Line(lineId, client, "GAD-7", [2, 2, 2, 2, 2, 2, (day % 4 + 4) % 4], at.AddDays(day));
            line["episodeKey"] = key;
            if (closedAt is not null) line["episodeClosedAt"] = closedAt;
            return line;
        }
        var closed = at.AddDays(50);
        var first = await ImportAsync(app.Admin, [Keyed("ek-1", "ek-c", 0, "2025-a", closed), Keyed("ek-2", "ek-c", 7, "2025-a", closed)]);
        var second = await ImportAsync(app.Admin, [Keyed("ek-3", "ek-c", 14, "2025-a", closed), Keyed("ek-0", "ek-c", -7, "2025-a", closed)]);
        second.Results.ShouldAllBe(r => r["status"]!.GetValue<string>() == "created");
        var episodes = (await (await app.Ehr.GetAsync(ApiRoutes.EpisodesOf("ek-c"), Ct)).BodyAsync())["items"]!.AsArray();
        episodes.Count.ShouldBe(1);
        episodes[0]!["closedAt"]!.GetValue<DateTimeOffset>().ShouldBe(closed);
        episodes[0]!["openedAt"]!.GetValue<DateTimeOffset>().ShouldBe(at.AddDays(-7), "an earlier line of a later file moves the start back");
        var views = (await (await app.Ehr.GetAsync(ApiRoutes.AdministrationsOf("ek-c"), Ct)).BodyAsync())["items"]!.AsArray();
        views.Count.ShouldBe(4);
        views.ShouldAllBe(v => v!["episodeId"]!.GetValue<string>() == episodes[0]!["id"]!.GetValue<string>());

        // An open episode for the client, then lines that break the key rules: each refused alone.
        (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("ek-c"), Http.Administration("GAD-7", [1, 1, 1, 1, 1, 1, 1], at.AddDays(100)), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var both = Keyed("ek-b", "ek-c", 60, "2025-b", null);
        both["episodeId"] = episodes[0]!["id"]!.GetValue<string>();
        var result = await ImportAsync(app.Admin,
        [
            both,
            Keyed("ek-d1", "ek-c", 60, "2025-d", at.AddDays(90)),
            Keyed("ek-d2", "ek-c", 61, "2025-d", at.AddDays(91)),
            Keyed("ek-open", "ek-c", 60, "2025-open", null),
            Keyed("ek-early", "ek-c", 60, "2025-early", at.AddDays(59)),
            Keyed("ek-moved", "ek-c", 21, "2025-a", at.AddDays(51)),
            Keyed("ek-future", "ek-c", 1, "2025-f", app.Clock.GetUtcNow().AddDays(2)),
        ]);
        result.Results.ShouldAllBe(r => r["status"]!.GetValue<string>() == "invalid");
        result.Results[0]["errors"]!["episodeKey"].ShouldNotBeNull();
        result.Results[1]["errors"]!["episodeClosedAt"].ShouldNotBeNull();
        result.Results[2]["errors"]!["episodeClosedAt"].ShouldNotBeNull();
        result.Results[3]["errors"]!["episodeKey"].ShouldNotBeNull();
        result.Results[4]["errors"]!["episodeClosedAt"].ShouldNotBeNull();
        result.Results[5]["errors"]!["episodeClosedAt"].ShouldNotBeNull();
        result.Results[6]["errors"]!["episodeClosedAt"].ShouldNotBeNull();
        (await (await app.Ehr.GetAsync(ApiRoutes.EpisodesOf("ek-c"), Ct)).BodyAsync())["items"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Whole_request_refusals_process_nothing()
    {
        var before = await app.CountRowsAsync();
        var at = app.Clock.GetUtcNow().AddDays(-10);
        var line = Line("whole-1", "whole-c", "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 0], at);

        var json = await app.Admin.PostAsync(ApiRoutes.ImportAdministrationsPath, Http.Json(JsonSerializer.Serialize(line)), Ct);
        (await json.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType))["detail"]!.GetValue<string>().ShouldContain("application/x-ndjson");
        var audit = (await (await app.Admin.GetAsync(ApiRoutes.AuditLogPath + "?limit=5", Ct)).BodyAsync())["items"]!.AsArray();
        audit.ShouldContain(e => e!["route"]!.GetValue<string>() == ApiRoutes.ImportAdministrations && e["status"]!.GetValue<int>() == 415);
        var tooMany = Enumerable.Range(0, 5001).Select(i => (object)Line($"many-{i}", "whole-c", "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 0], at.AddMinutes(i)));
        var problem = await (await app.Admin.PostAsync(ApiRoutes.ImportAdministrationsPath, Ndjson(tooMany), Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["body"].ShouldNotBeNull();
        await (await app.Admin.PostAsync(ApiRoutes.ImportAdministrationsPath, Ndjson(["", "  "]), Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var huge = new StringContent(new string(' ', 10 * 1024 * 1024 + 1), System.Text.Encoding.UTF8, "application/x-ndjson");
        await (await app.Admin.PostAsync(ApiRoutes.ImportAdministrationsPath, huge, Ct)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var lease = await HoldLeaseAsync("import");
        var busy = await (await app.Admin.PostAsync(ApiRoutes.ImportAdministrationsPath, Ndjson([line]), Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        busy["detail"]!.GetValue<string>().ShouldStartWith("import-in-progress");
        await ReleaseLeaseAsync(lease);
        (await app.CountRowsAsync()).ShouldBe(before + 1); // the audit read above is itself an audited access
        await (await app.Ehr.PostAsync(ApiRoutes.ImportAdministrationsPath, Ndjson([line]), Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // Exactly 5,000 lines, far over 64 KiB, are accepted (the route's own limits).
        var full = await ImportAsync(app.Admin, Enumerable.Range(0, 5000).Select(i => (object)Line($"full-{i}", $"full-{i % 50}", "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, (i / 50) % 2], at.AddMinutes(i))));
        Counts(full.Summary).ShouldBe((5000, 0, 0, 0));
    }

    // Another import of the tenant in progress, as another instance holds it: its lease row.
    async Task<string> HoldLeaseAsync(string kind)
    {
        await SqlAsync(app, $"INSERT INTO tenant_leases (tenant_id, kind, holder, expires_at) SELECT id, '{kind}', 'other-instance', '2999-01-01 00:00:00' FROM tenants WHERE name = 'tenant-a'");
        return kind;
    }

    Task ReleaseLeaseAsync(string kind) => SqlAsync(app, $"DELETE FROM tenant_leases WHERE kind = '{kind}' AND holder = 'other-instance'");
}
