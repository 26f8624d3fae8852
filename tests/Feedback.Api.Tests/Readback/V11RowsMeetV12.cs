using Dapper;
using DbUp;
using Feedback.Data.Migrations;

namespace Feedback.Api.Tests.Readback;

/// <summary>
/// Alerts stored under alerts-v1.1 and alliance-v2 (before migration 0015) keep what they said, and the first v1.2
/// administration of their family treats them as its own: the latest administration resolves the trajectory family's
/// current alert (a v1.1 at_risk included), and the latest rating resolves every current alliance_concern of its series
/// (v2 left one per low rating). Their session number and place are filled in from their administration.
/// </summary>
public sealed class V11RowsMeetV12
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string E1 = "01JD0000000000000000000E01", O1 = "01JD0000000000000000000O01", O2 = "01JD0000000000000000000O02";
    const string S1 = "01JD0000000000000000000S01", S2 = "01JD0000000000000000000S02";
    const string AtRisk = "01JD0000000000000000000L01", Concern1 = "01JD0000000000000000000L02", Concern2 = "01JD0000000000000000000L03";
    const string AtRiskMessage = "ORS total 21 at session 2 is at risk: 3.8 points worse than the expected 24.8.";

    static void CreateV11Database(string folder)
    {
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "feedback.db")};Pooling=False";
        var result = DeployChanges.To.SqliteDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly,
                name => name.StartsWith("sqlite/", StringComparison.Ordinal) && string.CompareOrdinal(name, "sqlite/0014_worklist_indexes.sql") <= 0)
            .LogToNowhere().Build().PerformUpgrade();
        result.Successful.ShouldBeTrue(result.Error?.Message);
        using var c = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        // An adult ORS intake 24.0 and an at_risk 21.0 at clinic session 2 (alerts-v1.1, open); SRS 35.0 twice with a
        // concern each (alliance-v2 raised one per low rating), both open.
        const string columns = """
            id, tenant_id, client_id, episode_id, instrument, rater, session_number, clinician_id, administered_at, received_at,
            items_json, total, prorated, severity, clinical_range, subscales_json, feedback_json, content_hash, age_group, model,
            rules_version, episode_opened, source
            """;
        c.Execute($$$"""
            INSERT INTO tenants (id, name, created_at) VALUES (1, 'tenant-a', '2026-10-01 00:00:00');
            INSERT INTO tenant_settings (tenant_id, enabled_instruments, updated_at) VALUES (1, 'PHQ-9,ORS,SRS', '2026-10-01 00:00:00');
            INSERT INTO clients VALUES (1, 'c-v11', 'adult', 'clin-1', '2026-10-01 00:00:00', '2026-10-01 00:00:00');
            INSERT INTO episodes (id, tenant_id, client_id, opened_at, closed_at) VALUES ('{{{E1}}}', 1, 'c-v11', '2026-10-05 09:00:00', NULL);
            INSERT INTO administrations ({{{columns}}}) VALUES
                ('{{{O1}}}', 1, 'c-v11', '{{{E1}}}', 'ORS', 'client', 1, 'clin-1', '2026-10-05 09:00:00', '2026-10-05 09:00:01', '[6.0,6.0,6.0,6.0]', 24.0, 0,
                 'clinical', 1, '{}', '{"kind":"outcome","intakeScore":24.0,"intakeProrated":false,"changeFromIntake":0,"reliableChange":"unchanged","recovered":false,"expected":{"model":"power-decay-v1.1","session":1,"score":24.0,"atRisk":21.5,"offTrack":19.0},"deviation":0,"status":"baseline"}', 'h1', 'adult', 'power-decay-v1.1', 'alerts-v1.1', 'first', 'api'),
                ('{{{S1}}}', 1, 'c-v11', '{{{E1}}}', 'SRS', 'client', 1, 'clin-1', '2026-10-05 09:50:00', '2026-10-05 09:50:01', '[8.8,8.8,8.7,8.7]', 35.0, 0,
                 NULL, NULL, '{}', '{"kind":"alliance","concern":true,"reasons":["below_cutoff","item_below_9"],"rupture":null}', 'h2', 'adult', NULL, 'alliance-v2', NULL, 'api'),
                ('{{{O2}}}', 1, 'c-v11', '{{{E1}}}', 'ORS', 'client', 2, 'clin-1', '2026-10-12 09:00:00', '2026-10-12 09:00:01', '[5.3,5.3,5.2,5.2]', 21.0, 0,
                 'clinical', 1, '{}', '{"kind":"outcome","intakeScore":24.0,"intakeProrated":false,"changeFromIntake":-3.0,"reliableChange":"unchanged","recovered":false,"expected":{"model":"power-decay-v1.1","session":2,"score":24.8,"atRisk":22.3,"offTrack":19.8},"deviation":3.8,"status":"at_risk"}', 'h3', 'adult', 'power-decay-v1.1', 'alerts-v1.1', NULL, 'api'),
                ('{{{S2}}}', 1, 'c-v11', '{{{E1}}}', 'SRS', 'client', 2, 'clin-1', '2026-10-12 09:50:00', '2026-10-12 09:50:01', '[8.8,8.8,8.7,8.7]', 35.0, 0,
                 NULL, NULL, '{}', '{"kind":"alliance","concern":true,"reasons":["below_cutoff","item_below_9"],"rupture":null}', 'h4', 'adult', NULL, 'alliance-v2', NULL, 'api');
            INSERT INTO alerts (id, tenant_id, client_id, episode_id, administration_id, instrument, clinician_id, kind, priority, priority_rank,
                                item, message, status, rules_version, created_at, rater)
            VALUES ('{{{AtRisk}}}', 1, 'c-v11', '{{{E1}}}', '{{{O2}}}', 'ORS', 'clin-1', 'at_risk', 'normal', 2, NULL, '{{{AtRiskMessage}}}', 'open',
                    'alerts-v1.1', '2026-10-12 09:00:01', 'client'),
                   ('{{{Concern1}}}', 1, 'c-v11', '{{{E1}}}', '{{{S1}}}', 'SRS', 'clin-1', 'alliance_concern', 'normal', 2, NULL,
                    'SRS alliance concern: total at or below the cut-off, an item below 9.', 'open', 'alliance-v2', '2026-10-05 09:50:01', 'client'),
                   ('{{{Concern2}}}', 1, 'c-v11', '{{{E1}}}', '{{{S2}}}', 'SRS', 'clin-1', 'alliance_concern', 'normal', 2, NULL,
                    'SRS alliance concern: total at or below the cut-off, an item below 9.', 'open', 'alliance-v2', '2026-10-12 09:50:01', 'client');
            """);
    }

    [Fact]
    public async Task Old_alerts_keep_their_words_and_the_first_v1_2_administrations_resolve_their_families()
    {
        var folder = Path.Combine(Path.GetTempPath(), "feedback-api-tests", Guid.NewGuid().ToString("N"));
        CreateV11Database(folder);
        await using var app = new App(folder);
        await app.InitializeAsync(); // migrates to 0015

        async Task<JsonNode> Alert(string id) => await (await app.Reader.GetAsync(ApiRoutes.AlertOf(id), Ct)).BodyAsync();
        var atRisk = await Alert(AtRisk);
        (atRisk["message"]!.GetValue<string>(), atRisk["rulesVersion"]!.GetValue<string>(), atRisk["status"]!.GetValue<string>())
            .ShouldBe((AtRiskMessage, "alerts-v1.1", "open"));
        (atRisk["sessionNumber"]!.GetValue<int>(), atRisk["administrationOrdinal"]!.GetValue<int>()).ShouldBe((2, 2));
        (atRisk["reasons"]!.AsArray().Count, atRisk["suggestions"], atRisk["suggestionsVersion"]).ShouldBe((0, null, null));
        (await Alert(Concern2))["administrationOrdinal"]!.GetValue<int>().ShouldBe(2);
        var stored = await (await app.Reader.GetAsync(ApiRoutes.AdministrationOf("c-v11", O2), Ct)).BodyAsync();
        (stored["rulesVersion"]!.GetValue<string>(), stored["feedback"]!["status"]!.GetValue<string>()).ShouldBe(("alerts-v1.1", "at_risk")); // as answered then

        // ORS 24.0 again at clinic session 3 (t = 3, on track): the family's v1.1 at_risk is resolved by it
        var ors = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("c-v11"),
            Http.Administration("ORS", [6m, 6m, 6m, 6m], new DateTimeOffset(2026, 10, 19, 9, 0, 0, TimeSpan.Zero), 3), Ct);
        var orsBody = await ors.BodyAsync();
        ors.StatusCode.ShouldBe(HttpStatusCode.Created, orsBody.ToJsonString());
        (orsBody["rulesVersion"]!.GetValue<string>(), orsBody["feedback"]!["status"]!.GetValue<string>()).ShouldBe(("alerts-v1.2", "on_track"));
        atRisk = await Alert(AtRisk);
        (atRisk["status"]!.GetValue<string>(), atRisk["resolvedByAdministrationId"]!.GetValue<string>(), atRisk["message"]!.GetValue<string>())
            .ShouldBe(("resolved", orsBody["id"]!.GetValue<string>(), AtRiskMessage));

        // the next SRS (37.5, no reason) is the latest of its series: both v2 concerns are resolved, none is raised (its
        // early alliance risk is early-alliance-v2's: 35.0, 35.0, 37.5 at episode sessions 1-3, mean 35.8 <= 36)
        var srs = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("c-v11"),
            Http.Administration("SRS", [9.5m, 9.5m, 9.5m, 9.0m], new DateTimeOffset(2026, 10, 19, 9, 50, 0, TimeSpan.Zero), 3), Ct);
        var srsBody = await srs.BodyAsync();
        srs.StatusCode.ShouldBe(HttpStatusCode.Created, srsBody.ToJsonString());
        srsBody["alerts"]!.AsArray().Select(a => a!["kind"]!.GetValue<string>()).ShouldBe(["early_alliance_risk"]);
        foreach (var id in new[] { Concern1, Concern2 })
            (await Alert(id))["resolvedByAdministrationId"]!.GetValue<string>().ShouldBe(srsBody["id"]!.GetValue<string>());
        var open = (await (await app.Reader.GetAsync($"{ApiRoutes.AlertsPath}?clientId=c-v11&status=open", Ct)).BodyAsync())["items"]!.AsArray();
        open.Select(a => a!["kind"]!.GetValue<string>()).ShouldBe(["early_alliance_risk"]);
    }
}
