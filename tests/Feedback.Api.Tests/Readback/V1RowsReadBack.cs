using Dapper;
using DbUp;
using Feedback.Data.Migrations;

namespace Feedback.Api.Tests.Readback;

/// <summary>
/// Rows written in the v1 shape (before migration 0005) read back through every route after the service migrates them:
/// with the versions they were evaluated with (power-decay-v1, alerts-v1), never the current ones.
/// </summary>
public sealed class V1RowsReadBack
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string A1 = "01JC0000000000000000000A01", A2 = "01JC0000000000000000000A02", A3 = "01JC0000000000000000000A03";
    const string S1 = "01JC0000000000000000000S01", E1 = "01JC0000000000000000000E01";

    static void CreateV1Database(string folder)
    {
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "feedback.db")};Pooling=False";
        var result = DeployChanges.To.SqliteDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly,
                name => name.StartsWith("sqlite/", StringComparison.Ordinal) && string.CompareOrdinal(name, "sqlite/0004_totals_are_real.sql") <= 0)
            .LogToNowhere().Build().PerformUpgrade();
        result.Successful.ShouldBeTrue(result.Error?.Message);
        using var c = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        // As v1 wrote them: an adolescent's ORS intake 20 (it opened the episode: opened_at = received_at), a 14.0 at session 2
        // whose at_risk alert the session-3 off track replaced, and an SRS. v1 feedback names power-decay-v1.
        c.Execute($$"""
            INSERT INTO tenants (id, name, created_at) VALUES (1, 'tenant-a', '2026-10-01 00:00:00');
            INSERT INTO tenant_settings (tenant_id, enabled_instruments, updated_at) VALUES (1, 'PHQ-9,ORS,SRS', '2026-10-01 00:00:00');
            INSERT INTO clients VALUES (1, 'c-v1', 'adolescent', 'clin-1', '2026-10-01 00:00:00', '2026-10-01 00:00:00');
            INSERT INTO episodes VALUES ('{{E1}}', 1, 'c-v1', '2026-10-05 09:00:01', NULL);
            INSERT INTO administrations (id, tenant_id, client_id, episode_id, instrument, rater, session_number, clinician_id,
                                         administered_at, received_at, items_json, total, prorated, severity, clinical_range,
                                         subscales_json, feedback_json, content_hash)
            VALUES ('{{A1}}', 1, 'c-v1', '{{E1}}', 'ORS', 'client', 1, 'clin-1', '2026-10-05 09:00:00', '2026-10-05 09:00:01',
                    '[5.0,5.0,5.0,5.0]', 20.0, 0, 'clinical', 1, '{}',
                    '{"kind":"outcome","intakeScore":20,"changeFromIntake":0,"reliableChange":"unchanged","recovered":false,"expected":{"model":"power-decay-v1","session":1,"score":20,"atRisk":17.5,"offTrack":15},"deviation":0,"status":"baseline"}', 'h1'),
                   ('{{A2}}', 1, 'c-v1', '{{E1}}', 'ORS', 'client', 2, 'clin-1', '2026-10-12 09:00:00', '2026-10-12 09:00:01',
                    '[3.5,3.5,3.5,3.5]', 14.0, 0, 'clinical', 1, '{}',
                    '{"kind":"outcome","intakeScore":20,"changeFromIntake":-6,"reliableChange":"deteriorated","recovered":false,"expected":{"model":"power-decay-v1","session":2,"score":21.7,"atRisk":19.2,"offTrack":16.7},"deviation":7.7,"status":"off_track"}', 'h2'),
                   ('{{S1}}', 1, 'c-v1', '{{E1}}', 'SRS', 'client', 2, 'clin-1', '2026-10-12 09:30:00', '2026-10-12 09:30:01',
                    '[9.5,9.5,9.5,9.5]', 38.0, 0, NULL, NULL, '{}',
                    '{"kind":"alliance","concern":false,"reasons":[]}', 'h3'),
                   ('{{A3}}', 1, 'c-v1', '{{E1}}', 'ORS', 'client', 3, 'clin-1', '2026-10-19 09:00:00', '2026-10-19 09:00:01',
                    '[3.0,3.0,3.0,3.0]', 12.0, 0, 'clinical', 1, '{}',
                    '{"kind":"outcome","intakeScore":20,"changeFromIntake":-8,"reliableChange":"deteriorated","recovered":false,"expected":{"model":"power-decay-v1","session":3,"score":22.5,"atRisk":20,"offTrack":17.5},"deviation":10.5,"status":"off_track"}', 'h4');
            INSERT INTO alerts VALUES ('01JC0000000000000000000L01', 1, 'c-v1', '{{E1}}', '{{A2}}', 'ORS', 'clin-1', 'off_track', 'high', 1, NULL,
                                       'ORS off track', 'resolved', 'alerts-v1', '2026-10-12 09:00:01', NULL, NULL, NULL, '2026-10-19 09:00:01'),
                                      ('01JC0000000000000000000L02', 1, 'c-v1', '{{E1}}', '{{A3}}', 'ORS', 'clin-1', 'off_track', 'high', 1, NULL,
                                       'ORS off track', 'open', 'alerts-v1', '2026-10-19 09:00:01', NULL, NULL, NULL, NULL);
            """);
    }

    [Fact]
    public async Task V1_rows_read_back_with_their_own_versions_age_group_and_episode_opening_after_migration_0005()
    {
        var folder = Path.Combine(Path.GetTempPath(), "feedback-api-tests", Guid.NewGuid().ToString("N"));
        CreateV1Database(folder);
        await using var app = new App(folder);
        await app.InitializeAsync(); // migrates to the latest version and reuses tenant-a

        var intake = await (await app.Reader.GetAsync(ApiRoutes.AdministrationOf("c-v1", A1), Ct)).BodyAsync();
        (intake["model"]!.GetValue<string>(), intake["rulesVersion"]!.GetValue<string>(), intake["ageGroup"]!.GetValue<string>())
            .ShouldBe(("power-decay-v1", "alerts-v1", "adolescent"));
        intake["feedback"]!["expected"]!["model"]!.GetValue<string>().ShouldBe("power-decay-v1");
        intake["feedback"]!["intakeProrated"].ShouldBeNull(); // v1 did not record it
        (intake["episode"]!["opened"]!.GetValue<bool>(), intake["episode"]!["reason"]!.GetValue<string>()).ShouldBe((true, "first"));

        var second = await (await app.Reader.GetAsync(ApiRoutes.AdministrationOf("c-v1", A2), Ct)).BodyAsync();
        (second["episode"]!["opened"]!.GetValue<bool>(), second["episode"]!["reason"]).ShouldBe((false, null));
        second["alerts"]!.AsArray().ShouldHaveSingleItem()!["resolvedByAdministrationId"]!.GetValue<string>().ShouldBe(A3);
        var srs = await (await app.Reader.GetAsync(ApiRoutes.AdministrationOf("c-v1", S1), Ct)).BodyAsync();
        (srs["model"], srs["rulesVersion"]!.GetValue<string>()).ShouldBe((null, "alerts-v1"));

        var history = (await (await app.Reader.GetAsync(ApiRoutes.AdministrationsOf("c-v1"), Ct)).BodyAsync())["items"]!.AsArray();
        history.Select(h => h!["model"]?.GetValue<string>()).ShouldBe(["power-decay-v1", null, "power-decay-v1", "power-decay-v1"]); // newest first: A3, S1, A2, A1
        var open = (await (await app.Reader.GetAsync($"{ApiRoutes.AlertsPath}?clientId=c-v1&status=open", Ct)).BodyAsync())["items"]!.AsArray();
        var alert = open.ShouldHaveSingleItem()!;
        (alert["rater"]!.GetValue<string>(), alert["rulesVersion"]!.GetValue<string>(), alert["resolvedByAdministrationId"]).ShouldBe(("client", "alerts-v1", null));

        // progress recomputes with today's model against the intake's stored (back-filled) age group: adolescent target 30.5
        var progress = await (await app.Reader.GetAsync(ApiRoutes.ProgressOf("c-v1", "ORS"), Ct)).BodyAsync();
        (progress["model"]!.GetValue<string>(), progress["ageGroup"]!.GetValue<string>()).ShouldBe(("power-decay-v1.1", "adolescent"));
        progress["points"]!.AsArray().Select(p => p!["status"]!.GetValue<string>()).ShouldBe(["baseline", "off_track", "off_track"]);

        // a new administration is evaluated with today's rules, resolves the v1 family alert (it is the latest) and records it
        var now = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("c-v1"),
            Http.Administration("ORS", [6.5m, 6.5m, 6.5m, 6.5m], new DateTimeOffset(2026, 10, 26, 9, 0, 0, TimeSpan.Zero), 4), Ct);
        var body = await now.BodyAsync();
        now.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToJsonString());
        (body["model"]!.GetValue<string>(), body["rulesVersion"]!.GetValue<string>(), body["episodeId"]!.GetValue<string>()).ShouldBe(("power-decay-v1.1", "alerts-v1.2", E1));
        var resolved = await (await app.Reader.GetAsync($"{ApiRoutes.AlertsPath}?clientId=c-v1&status=resolved", Ct)).BodyAsync();
        resolved["items"]!.AsArray().Select(a => a!["resolvedByAdministrationId"]!.GetValue<string>()).ShouldBe([body["id"]!.GetValue<string>(), A3]);
    }
}
