using Feedback.Clinical.Instruments;
using Feedback.Api.Tests.Contract;

namespace Feedback.Api.Tests.Readback;

/// <summary>
/// Full flows as a clinic runs them (several instruments per client, whole and one-decimal totals, three raters, two
/// episodes), then every read route for each client, paged to the end, checked against what was written; every answer
/// is recorded and checked against api-spec/openapi.json. Add each new read route here.
/// </summary>
public sealed class ReadbackSuite(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    readonly ExchangeRecorder recorder = new();
    readonly Dictionary<string, JsonNode> posted = [];   // administration id -> the 201 answer

    /// <param name="DipAt">A session whose answers fall back to the intake's (an alliance rupture, a relapse).</param>
    sealed record Plan(string Instrument, string Rater, int Sessions, int? MissingItemAt = null, int? DipAt = null);

    static readonly Plan[] AdultPlan =
    [
        new("PHQ-9", "client", 6, MissingItemAt: 4), new("GAD-7", "client", 6), new("SRS", "client", 6, DipAt: 5),
        new("WAI-SR", "client", 3), new("WAI-SR", "therapist", 3), new("CORE-10", "client", 4),
        new("WHO-5", "client", 4), new("OQ-45.2", "client", 3),
    ];

    static readonly Plan[] ChildPlan =
    [
        new("ORS", "client", 6), new("ORS", "caregiver", 6), new("SRS", "client", 6), new("CORS", "client", 6),
        new("CSRS", "client", 4), new("CSRS", "caregiver", 5, DipAt: 4),
        new("TASC-R", "client", 4, MissingItemAt: 3), new("TASC-R", "caregiver", 3, DipAt: 3), new("TASC-R", "therapist", 3),
    ];

    [Fact]
    public async Task Every_read_route_answers_what_was_written_for_every_instrument_and_every_answer_matches_the_document()
    {
        var ehr = app.ClientWithKey(app.EhrKey, recorder.NewHandler());
        var admin = app.ClientWithKey(app.AdminKey, recorder.NewHandler());

        (await ehr.PutAsJsonAsync(ApiRoutes.ClientOf("rb-adult"), new { ageGroup = "adult", clinicianId = "clin-a" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ehr.PutAsJsonAsync(ApiRoutes.ClientOf("rb-child"), new { ageGroup = "child", clinicianId = "clin-b" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await SubmitAsync(ehr, "rb-adult", AdultPlan, week: 0);
        await SubmitAsync(ehr, "rb-child", ChildPlan, week: 0);
        var newEpisode = await ehr.PostAsync(ApiRoutes.EpisodesOf("rb-child"), null, Ct);
        newEpisode.StatusCode.ShouldBe(HttpStatusCode.Created);
        newEpisode.Headers.Location!.ToString().ShouldBe(ApiRoutes.EpisodeOf("rb-child", (await newEpisode.BodyAsync())["id"]!.GetValue<string>()));
        await SubmitAsync(ehr, "rb-child", [new("ORS", "client", 2)], week: 10);

        foreach (var client in new[] { "rb-adult", "rb-child" })
        {
            await ReadClientAsync(ehr, client);
            var episodes = await ReadEpisodesAsync(ehr, client);
            var history = await ReadHistoryAsync(ehr, client);
            await ReadProgressAsync(ehr, client, history, episodes);
            await ReadWorklistAsync(ehr, $"clientId={client}", history.Where(h => h["clientId"]!.GetValue<string>() == client));
        }
        await ReadWorklistAsync(ehr, "clinicianId=clin-a", posted.Values.Where(p => p["clinicianId"]?.GetValue<string>() == "clin-a"));
        await AcknowledgeOneAsync(ehr);
        await ReadDueAsync(ehr, admin, app.ClientWithKey(app.TabletKey, recorder.NewHandler()));
        await ReadReportAsync(ehr);
        await ReadExportAsync(admin);
        await ReadCatalogueAndSettingsAsync(ehr, admin);
        await ReadAuditAsync(admin);
        await RefusalsAsync();

        recorder.Recorded.ShouldAllBe(e => e.Status < 500);
        await ResponseSchema.ShouldAllMatchTheDocumentAsync(recorder);
    }

    async Task SubmitAsync(HttpClient ehr, string clientId, Plan[] plans, int week)
    {
        foreach (var plan in plans)
        {
            var instrument = Catalogue.Get(plan.Instrument);
            for (var s = 1; s <= plan.Sessions; s++)
            {
                var at = Http.Monday.AddDays(7 * (week + s - 1)).AddMinutes(Array.IndexOf(Catalogue.All.ToArray(), instrument) * 10 + (plan.Rater == "client" ? 0 : 5));
                var body = new { instrument = plan.Instrument, administeredAt = at, sessionNumber = s, rater = plan.Rater,
                                 items = Answers.For(instrument, s == plan.DipAt ? 1 : s, s == plan.MissingItemAt ? 2 : null) };
                var rsp = await ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), body, Ct);
                var answer = await rsp.BodyAsync();
                rsp.StatusCode.ShouldBe(HttpStatusCode.Created, answer.ToJsonString());
                rsp.Headers.Location!.ToString().ShouldBe(ApiRoutes.AdministrationOf(clientId, answer["id"]!.GetValue<string>()));
                answer["feedback"]!["kind"]!.GetValue<string>().ShouldBe(instrument.Kind == InstrumentKind.Outcome ? "outcome" : "alliance");
                posted[answer["id"]!.GetValue<string>()] = answer;
            }
        }
    }

    async Task ReadClientAsync(HttpClient ehr, string clientId)
    {
        var client = await GetOkAsync(ehr, ApiRoutes.ClientOf(clientId));
        client["ageGroup"]!.GetValue<string>().ShouldBe(clientId == "rb-child" ? "child" : "adult");
    }

    async Task<List<JsonNode>> ReadEpisodesAsync(HttpClient ehr, string clientId)
    {
        var page = await GetOkAsync(ehr, ApiRoutes.EpisodesOf(clientId));
        page["nextCursor"].ShouldBeNull();
        var episodes = page["items"]!.AsArray().Select(e => e!).ToList();
        episodes.Select(e => e["id"]!.GetValue<string>()).ShouldBe(posted.Values.Where(p => p["clientId"]!.GetValue<string>() == clientId)
            .Select(p => p["episodeId"]!.GetValue<string>()).Distinct().Reverse(), ignoreOrder: true);
        foreach (var e in episodes)
            (await GetOkAsync(ehr, ApiRoutes.EpisodeOf(clientId, e["id"]!.GetValue<string>())))["openedAt"]!.GetValue<string>()
                .ShouldBe(e["openedAt"]!.GetValue<string>());
        return episodes;
    }

    async Task<List<JsonNode>> ReadHistoryAsync(HttpClient ehr, string clientId)
    {
        var listed = await PageAsync(ehr, ApiRoutes.AdministrationsOf(clientId) + "?limit=2");
        var mine = posted.Values.Where(p => p["clientId"]!.GetValue<string>() == clientId).ToList();
        listed.Count.ShouldBe(mine.Count);
        listed.Select(Id).Distinct().Count().ShouldBe(listed.Count);
        listed.Select(l => l["administeredAt"]!.GetValue<DateTimeOffset>()).ShouldBeInOrder(SortDirection.Descending);
        foreach (var item in listed)
        {
            var answer = posted[Id(item)];
            item["score"]!.ToJsonString().ShouldBe(answer["score"]!.ToJsonString());
            item["items"]!.ToJsonString().ShouldBe(answer["items"]!.ToJsonString());
            var one = await GetOkAsync(ehr, ApiRoutes.AdministrationOf(clientId, Id(item)));
            // The same administration where a webhook's href points (no client id in the route) and as FHIR.
            (await GetOkAsync(ehr, ApiRoutes.AdministrationByIdOf(Id(item)))).ToJsonString().ShouldBe(one.ToJsonString());
            await ReadAsFhirAsync(Id(item), answer);
            one["score"]!.ToJsonString().ShouldBe(answer["score"]!.ToJsonString());
            one["feedback"]!.ToJsonString().ShouldBe(answer["feedback"]!.ToJsonString());
            one["alerts"]!.AsArray().Select(a => Id(a!)).ShouldBe(answer["alerts"]!.AsArray().Select(a => Id(a!)));
            foreach (var stored in new[] { "ageGroup", "model", "rulesVersion", "episode" })
            {
                one[stored]?.ToJsonString().ShouldBe(answer[stored]?.ToJsonString(), stored);
                item[stored]?.ToJsonString().ShouldBe(answer[stored]?.ToJsonString(), stored);
            }
            answer["ageGroup"]!.GetValue<string>().ShouldBe(clientId == "rb-child" ? "child" : "adult");
        }
        return listed;
    }

    async Task ReadProgressAsync(HttpClient ehr, string clientId, List<JsonNode> history, List<JsonNode> episodes)
    {
        var series = history.Where(h => Catalogue.Get(h["instrument"]!.GetValue<string>()).Kind == InstrumentKind.Outcome)
            .GroupBy(h => (Instrument: h["instrument"]!.GetValue<string>(), Rater: h["rater"]!.GetValue<string>(), Episode: h["episodeId"]!.GetValue<string>()));
        foreach (var s in series)
        {
            var query = $"{ApiRoutes.ProgressOf(clientId, s.Key.Instrument)}&rater={s.Key.Rater}&episodeId={s.Key.Episode}";
            var progress = await GetOkAsync(ehr, query);
            var points = progress["points"]!.AsArray().Select(p => p!).ToList();
            points.Select(p => p["administrationId"]!.GetValue<string>()).ShouldBe(s.OrderBy(h => h["administeredAt"]!.GetValue<DateTimeOffset>()).Select(Id));
            foreach (var p in points)
                p["score"]!.GetValue<decimal>().ShouldBe(posted[p["administrationId"]!.GetValue<string>()]["score"]!["total"]!.GetValue<decimal>());
            progress["intakeScore"]!.GetValue<decimal>().ShouldBe(points[0]["score"]!.GetValue<decimal>());

            await ReadChartAsync(ehr, query, clientId);
        }
        await ReadAllianceProgressAsync(ehr, clientId, history);
        // Without an episode: the open (latest) one.
        var latest = episodes[0]["id"]!.GetValue<string>();
        var outcome = history.First(h => h["episodeId"]!.GetValue<string>() == latest && Catalogue.Get(h["instrument"]!.GetValue<string>()).Kind == InstrumentKind.Outcome);
        (await GetOkAsync(ehr, ApiRoutes.ProgressOf(clientId, outcome["instrument"]!.GetValue<string>())))["episodeId"]!.GetValue<string>().ShouldBe(latest);
    }

    /// <summary>
    /// Alliance progress: every rater's series in order, each rating's reasons and rupture as answered when it was posted
    /// (nothing was back-dated, so today's reading equals the one at the time), and the chart without the client's id.
    /// </summary>
    async Task ReadAllianceProgressAsync(HttpClient ehr, string clientId, List<JsonNode> history)
    {
        var byEpisode = history.Where(h => Catalogue.Get(h["instrument"]!.GetValue<string>()).Kind == InstrumentKind.Alliance)
            .GroupBy(h => (Instrument: h["instrument"]!.GetValue<string>(), Episode: h["episodeId"]!.GetValue<string>()));
        var ruptures = 0;
        foreach (var e in byEpisode)
        {
            var query = $"{ApiRoutes.ProgressOf(clientId, e.Key.Instrument)}&episodeId={e.Key.Episode}";
            var progress = await GetOkAsync(ehr, query);
            (progress["kind"]!.GetValue<string>(), progress["rulesVersion"]!.GetValue<string>()).ShouldBe(("alliance", "alliance-v2.1"));
            progress["points"].ShouldBeNull();
            if (e.Key.Instrument == "TASC-R") progress["cutoff"].ShouldBeNull(); // no published cut-off
            else progress["cutoff"]!["total"]!.GetValue<decimal>().ShouldBe(e.Key.Instrument == "WAI-SR" ? 42m : 36m);
            var series = progress["series"]!.AsArray().Select(x => x!).ToList();
            series.Select(x => x["rater"]!.GetValue<string>()).ShouldBe(e.Select(h => h["rater"]!.GetValue<string>()).Distinct(), ignoreOrder: true);
            foreach (var rater in series)
            {
                var mine = e.Where(h => h["rater"]!.GetValue<string>() == rater["rater"]!.GetValue<string>())
                    .OrderBy(h => h["administeredAt"]!.GetValue<DateTimeOffset>()).ToList();
                var points = rater["points"]!.AsArray().Select(p => p!).ToList();
                points.Select(p => p["administrationId"]!.GetValue<string>()).ShouldBe(mine.Select(Id));
                foreach (var p in points)
                {
                    var answer = posted[p["administrationId"]!.GetValue<string>()];
                    p["score"]!.GetValue<decimal>().ShouldBe(answer["score"]!["total"]!.GetValue<decimal>());
                    p["reasons"]!.ToJsonString().ShouldBe(answer["feedback"]!["reasons"]!.ToJsonString());
                    (p["rupture"]?.ToJsonString()).ShouldBe(answer["feedback"]!["rupture"]?.ToJsonString());
                }
                ruptures += rater["ruptures"]!.AsArray().Count;
            }
            var svg = await ReadChartAsync(ehr, query, clientId);
            svg.Split("<polyline").Length.ShouldBe(series.Count(x => x["points"]!.AsArray().Count > 0) + 1); // one line per rater
        }
        ruptures.ShouldBeGreaterThan(0, "the dips are ruptures");
    }

    async Task ReadWorklistAsync(HttpClient ehr, string filter, IEnumerable<JsonNode> administrations)
    {
        var alerts = await PageAsync(ehr, $"{ApiRoutes.AlertsPath}?{filter}&status=any&limit=2");
        var raised = administrations.SelectMany(a => posted[Id(a)]["alerts"]!.AsArray()).Select(a => Id(a!)).ToList();
        raised.ShouldNotBeEmpty();
        alerts.Select(Id).ShouldBe(raised, ignoreOrder: true);
        foreach (var alert in alerts)
            (await GetOkAsync(ehr, ApiRoutes.AlertOf(Id(alert)))).ToJsonString().ShouldBe(alert.ToJsonString());
        alerts.Select(a => a["priority"]!.GetValue<string>() == "urgent" ? 0 : 1).ShouldBeInOrder(SortDirection.Ascending);
    }

    async Task AcknowledgeOneAsync(HttpClient ehr)
    {
        var open = (await GetOkAsync(ehr, $"{ApiRoutes.AlertsPath}?clientId=rb-adult"))["items"]!.AsArray();
        var id = Id(open[0]!);
        var rsp = await ehr.PostAsJsonAsync(ApiRoutes.AcknowledgeAlertOf(id), new { by = "clin-a", note = "Called; safety plan reviewed." }, Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await rsp.BodyAsync())["status"]!.GetValue<string>().ShouldBe("acknowledged");
        (await PageAsync(ehr, $"{ApiRoutes.AlertsPath}?clientId=rb-adult&limit=2")).Select(Id).ShouldNotContain(id);
        (await GetOkAsync(ehr, ApiRoutes.AlertOf(id)))["status"]!.GetValue<string>().ShouldBe("acknowledged");
    }

    // Every administration, whichever route stored it, reads back as a QuestionnaireResponse with the same items and an
    // Observation of its total (interop.md 1.5, 1.6). Not through the recording client: the OpenAPI document does not
    // describe the FHIR facade (its own validators do, tests/Feedback.Api.Tests/Features/Fhir).
    async Task ReadAsFhirAsync(string id, JsonNode answer)
    {
        var ehr = app.Reader;
        var qr = await ehr.GetAsync($"/fhir/r4/QuestionnaireResponse/{id}", Ct);
        qr.StatusCode.ShouldBe(HttpStatusCode.OK);
        var items = JsonNode.Parse(await qr.Content.ReadAsStringAsync(Ct))!["item"]!.AsArray();
        items.Count.ShouldBe(answer["items"]!.AsArray().Count);
        items.Count(i => i!["answer"] is not null).ShouldBe(answer["items"]!.AsArray().Count(i => i is not null));
        var observation = await ehr.GetAsync($"/fhir/r4/Observation/{id}-total", Ct);
        observation.StatusCode.ShouldBe(HttpStatusCode.OK);
        var total = JsonNode.Parse(await observation.Content.ReadAsStringAsync(Ct))!;
        (total["valueInteger"] ?? total["valueQuantity"]!["value"])!.GetValue<decimal>().ShouldBe(answer["score"]!["total"]!.GetValue<decimal>());
    }

    async Task ReadCatalogueAndSettingsAsync(HttpClient ehr, HttpClient admin)
    {
        var catalogue = await GetOkAsync(ehr, ApiRoutes.InstrumentsPath);
        catalogue["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ShouldBe(Catalogue.All.Select(i => i.Code));
        foreach (var i in Catalogue.All)
            (await GetOkAsync(ehr, ApiRoutes.InstrumentOf(i.Code)))["severityBands"].ShouldNotBeNull();
        var settings = await GetOkAsync(admin, ApiRoutes.TenantSettingsPath);
        settings["enabledInstruments"]!.AsArray().Count.ShouldBe(Catalogue.All.Count);
        (settings["staleEpisodeDays"]!.GetValue<int>(), settings["warnings"]!.AsArray().Count).ShouldBe((90, 0));
        settings["licenseAttestations"]!.AsArray().Select(a => $"{a!["instrument"]}/{a["reference"]}").ShouldBe([$"TASC-R/{App.TestReference}"]);
        await ReadAttestationsAndCadenceWarningsAsync(admin);
        // nothing enabled screens for risk: the answer warns; then everything is enabled again
        var narrow = await admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = new[] { "GAD-7", "WHO-5", "ORS" }, staleEpisodeDays = 120 }, Ct);
        var warned = await narrow.BodyAsync();
        narrow.StatusCode.ShouldBe(HttpStatusCode.OK, warned.ToJsonString());
        (warned["staleEpisodeDays"]!.GetValue<int>(), warned["warnings"]!.AsArray().ShouldHaveSingleItem()!["code"]!.GetValue<string>()).ShouldBe((120, "no_risk_screening"));
        var restored = await admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = Catalogue.All.Select(i => i.Code) }, Ct);
        var back = await restored.BodyAsync();
        (back["staleEpisodeDays"]!.GetValue<int>(), back["warnings"]!.AsArray().Count).ShouldBe((120, 0)); // left out: unchanged
        back["enabledInstruments"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(Catalogue.All.Select(i => i.Code));
        foreach (var i in Catalogue.All)
        {
            var one = await GetOkAsync(ehr, ApiRoutes.InstrumentOf(i.Code));
            one["screensForRisk"]!.GetValue<bool>().ShouldBe(i.Code is "PHQ-9" or "CORE-10" or "OQ-45.2");
        }
    }

    // clinical.md v1.2 sections 1 and 2: an attestation is answered as stored and kept by a PUT that leaves it out; a lower
    // staleEpisodeDays warns about the stored plan's CORE-10 rule (28 + 7 days), naming the plan.
    async Task ReadAttestationsAndCadenceWarningsAsync(HttpClient admin)
    {
        var put = await admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new
        {
            enabledInstruments = Catalogue.All.Select(i => i.Code), staleEpisodeDays = 30,
            licenseAttestations = new[] { new { instrument = "TASC-R", attestedBy = "rb-admin", reference = "readback letter 7" } },
        }, Ct);
        var answered = await put.BodyAsync();
        put.StatusCode.ShouldBe(HttpStatusCode.OK, answered.ToJsonString());
        var attestation = answered["licenseAttestations"]!.AsArray().ShouldHaveSingleItem()!;
        (attestation["attestedBy"]!.GetValue<string>(), attestation["reference"]!.GetValue<string>()).ShouldBe(("rb-admin", "readback letter 7"));
        answered["warnings"]!.AsArray().Select(w => $"{w!["code"]} {w["path"]}").ShouldBe(["cadence_exceeds_stale_episode_days plans[tenant].rules[2].cadence"]);
        var read = await GetOkAsync(admin, ApiRoutes.TenantSettingsPath);
        read.ToJsonString().ShouldBe(answered.ToJsonString());
        var plan = await GetOkAsync(admin, ApiRoutes.TenantPlanPath);
        plan["warnings"]!.AsArray().Select(w => w!["path"]!.GetValue<string>()).ShouldBe(["rules[2].cadence"]);
        var kept = await admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = Catalogue.All.Select(i => i.Code), staleEpisodeDays = 90 }, Ct);
        var back = await kept.BodyAsync();
        back["licenseAttestations"]!.ToJsonString().ShouldBe(answered["licenseAttestations"]!.ToJsonString());
        back["warnings"]!.AsArray().Count.ShouldBe(0);
    }

    async Task ReadAuditAsync(HttpClient admin)
    {
        var entries = await PageAsync(admin, ApiRoutes.AuditLogPath + "?limit=50");
        entries.Select(Id).Distinct().Count().ShouldBe(entries.Count);
        entries.Count(e => e["resourceId"]?.GetValue<string>() == "rb-child" && e["method"]!.GetValue<string>() == "GET").ShouldBeGreaterThan(0);
    }

    // Refusals are answers too: their bodies must match the document as well.
    async Task RefusalsAsync()
    {
        var tablet = app.ClientWithKey(app.TabletKey, recorder.NewHandler());
        var anonymous = app.ClientWithKey(null, recorder.NewHandler());
        var ehr = app.ClientWithKey(app.EhrKey, recorder.NewHandler());
        (await anonymous.GetAsync(ApiRoutes.AdministrationsOf("rb-adult"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await tablet.GetAsync(ApiRoutes.AdministrationsOf("rb-adult"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ehr.GetAsync(ApiRoutes.AdministrationsOf("rb-nobody"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ehr.GetAsync(ApiRoutes.AdministrationsOf("rb-adult") + "?limit=0", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("rb-adult"), new { instrument = "PHQ-9", administeredAt = Http.Monday, items = new[] { 9 } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var submitOnly = await tablet.PostAsJsonAsync(ApiRoutes.AdministrationsOf("rb-adult"), Http.Phq9([0, 0, 0, 0, 0, 0, 0, 0, 0], Http.Monday.AddDays(200)), Ct);
        submitOnly.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await submitOnly.BodyAsync())["feedback"].ShouldBeNull();
        var admin = app.ClientWithKey(app.AdminKey, recorder.NewHandler());
        var notRequired = await admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new
        {
            enabledInstruments = new[] { "PHQ-9" }, licenseAttestations = new[] { new { instrument = "PHQ-9", attestedBy = "a", reference = "r" } },
        }, Ct);
        (await notRequired.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["licenseAttestations[0].instrument"]);
    }

    static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    /// <summary>The SVG beside a progress query: served as an image, holding no client identifier.</summary>
    async Task<string> ReadChartAsync(HttpClient ehr, string progressQuery, string clientId)
    {
        var chart = await ehr.GetAsync(progressQuery.Replace("/progress?", "/progress.svg?"), Ct);
        chart.StatusCode.ShouldBe(HttpStatusCode.OK);
        chart.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        var svg = await chart.Content.ReadAsStringAsync(Ct);
        svg.ShouldStartWith("<svg");
        svg.ShouldNotContain(clientId);
        return svg;
    }

    /// <summary>
    /// The outcome report by instrument: the adult's episode (last administration in February, past the 90-day guard)
    /// and the child's first (closed) have ended; one episode per instrument is a count of 1, hidden, and listed. Then the
    /// calibration report of the same range.
    /// </summary>
    async Task ReadReportAsync(HttpClient ehr)
    {
        var report = await GetOkAsync(ehr, ApiRoutes.OutcomeReportPath + "?groupBy=instrument&from=2026-01-01");
        var groups = report["groups"]!.AsArray().Select(g => g!).ToList();
        groups.Select(g => g["key"]!.GetValue<string>()).ShouldBe(["PHQ-9", "GAD-7", "CORE-10", "OQ-45.2", "ORS", "WHO-5", "CORS"]); // catalogue order
        groups.ShouldAllBe(g => g["endedEpisodes"] == null && g["suppressed"]!.AsArray().Count > 0);
        // By clinician: clin-b's group holds only the child's alliance series (the block's group key is the series' clinician).
        (await GetOkAsync(ehr, ApiRoutes.OutcomeReportPath + "?instrument=PHQ-9%2BGAD-7&groupBy=clinician&from=2026-01-01"))["groups"]!.AsArray()
            .Select(g => (g!["key"]!.GetValue<string>(), g["endedEpisodes"]?.GetValue<int>())).ShouldBe([("clin-a", null), ("clin-b", 0)]);
        // The alliance block stands in the total only: each series written (3 or more ratings), catalogue order, client
        // before caregiver; one or two series each, hidden; a caregiver's row has no early-alliance fields.
        var alliance = report["total"]!["alliance"]!.AsArray().Select(a => a!).ToList();
        alliance.Select(a => (a["instrument"]!.GetValue<string>(), a["rater"]!.GetValue<string>()))
            .ShouldBe([("SRS", "client"), ("WAI-SR", "client"), ("CSRS", "client"), ("CSRS", "caregiver"), ("TASC-R", "client"), ("TASC-R", "caregiver")]);
        alliance.ShouldAllBe(a => a["series"] == null && a["suppressed"]!.AsArray().Count > 0);
        alliance[3].AsObject().ContainsKey("earlyAssessed").ShouldBeFalse();
        alliance[5].AsObject().ContainsKey("earlyAssessed").ShouldBeFalse();
        groups.ShouldAllBe(g => !g.AsObject().ContainsKey("alliance"));
        // The calibration report of the adult's six PHQ-9s: one episode, five post-intake assessments, all hidden.
        var calibration = await GetOkAsync(ehr, ApiRoutes.CalibrationReportPath + "?instrument=PHQ-9&from=2026-01-01");
        (calibration["calibrationVersion"]!.GetValue<string>(), calibration["episodes"], calibration["postIntakeAssessments"]).ShouldBe(("calibration-v1", null, null));
        calibration["suppressed"]!.AsArray().Select(x => x!.GetValue<string>()).ShouldContain("episodes");
    }

    /// <summary>
    /// The export (interop.md 4.2): every administration written, as its 201 answered it (a list holds no alerts), with
    /// source api, in id order; the CSV has a row for each. An import of one more line, read back the same way.
    /// </summary>
    async Task ReadExportAsync(HttpClient admin)
    {
        var text = await (await admin.GetAsync(ApiRoutes.ExportAdministrationsPath, Ct)).Content.ReadAsStringAsync(Ct);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        lines[^1]["count"]!.GetValue<int>().ShouldBe(posted.Count);
        var rows = lines[..^1];
        rows.Select(r => r["id"]!.GetValue<string>()).ShouldBe(posted.Keys.Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var answered = posted[row["id"]!.GetValue<string>()].DeepClone().AsObject();
            answered.Remove("alerts");
            row.Remove("type").ShouldBeTrue();
            // What the import needs of the episode (docs/bulk.md, "Round trip"): written live, so keyed by its id.
            row["episodeKey"]!.GetValue<string>().ShouldBe(row["episodeId"]!.GetValue<string>());
            row.Remove("episodeKey").ShouldBeTrue();
            row.Remove("episodeClosedAt").ShouldBeTrue();
            row["source"]!.GetValue<string>().ShouldBe("api");
            row.ToJsonString().ShouldBe(answered.ToJsonString());
        }
        var csv = await (await admin.GetAsync(ApiRoutes.ExportAdministrationsPath + "?format=csv", Ct)).Content.ReadAsStringAsync(Ct);
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(posted.Count + 1);

        var imported = await admin.PostAsync(ApiRoutes.ImportAdministrationsPath, Features.Bulk.Bulk.Ndjson(
            [Features.Bulk.Bulk.Line("rb-import-1", "rb-imported", "CORE-10", [1, 2, 1, 0, 2, 1, 1, 2, 1, 0], new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero))]), Ct);
        var result = JsonNode.Parse((await imported.Content.ReadAsStringAsync(Ct)).Split('\n')[0])!;
        result["status"]!.GetValue<string>().ShouldBe("created");
        var view = await GetOkAsync(app.ClientWithKey(app.EhrKey, recorder.NewHandler()),
            ApiRoutes.AdministrationOf("rb-imported", result["administrationId"]!.GetValue<string>()));
        // CORE-10 items 2 and 3 are reversed (4 - position): 1 + 2 + (4 - 1) + 0 + 2 + 1 + 1 + 2 + 1 + 0 = 13.
        (view["source"]!.GetValue<string>(), view["score"]!["total"]!.GetValue<decimal>()).ShouldBe(("import", 13m));
    }

    // A plan over what was written: every instrument, both raters of WAI-SR, the four cadences.
    static readonly object MeasurementPlan = new
    {
        name = "Readback",
        rules = new object[]
        {
            new { instrument = "PHQ-9", cadence = new { type = "every_session" } },
            new { instrument = "GAD-7", cadence = new { type = "every_n_sessions", n = 4 } },
            new { instrument = "CORE-10", cadence = new { type = "every_n_days", days = 28, earlyDays = 3, graceDays = 7 } },
            new { instrument = "OQ-45.2", cadence = new { type = "intake_only" } },
            new { instrument = "WAI-SR", rater = "therapist", timing = "end", cadence = new { type = "every_n_sessions", n = 3, atIntake = false } },
            new { instrument = "SRS", timing = "end", cadence = new { type = "every_session" } },
            new { instrument = "ORS", rater = "caregiver", cadence = new { type = "every_n_days", days = 14, earlyDays = 2, graceDays = 7 } },
        },
    };

    /// <summary>
    /// The plans and what is due, for each client: each item's latest administration is the latest written of its
    /// instrument and rater in the open episode, S is 1 + the episode's highest session; the tablet sees the same items
    /// without history; the overdue list of each clinician holds their client's items.
    /// </summary>
    async Task ReadDueAsync(HttpClient ehr, HttpClient admin, HttpClient tablet)
    {
        var put = await admin.PutAsJsonAsync(ApiRoutes.TenantPlanPath, MeasurementPlan, Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Ct));
        (await GetOkAsync(admin, ApiRoutes.TenantPlanPath))["rules"]!.AsArray().Count.ShouldBe(7);
        foreach (var (client, clinician) in new[] { ("rb-adult", "clin-a"), ("rb-child", "clin-b") })
        {
            var plan = await GetOkAsync(ehr, ApiRoutes.ClientPlanOf(client));
            plan["source"]!.GetValue<string>().ShouldBe("tenant");
            var episode = plan["episodeId"]!.GetValue<string>();
            var written = posted.Values.Where(p => p["episodeId"]!.GetValue<string>() == episode).ToList();

            var due = await GetOkAsync(ehr, ApiRoutes.ClientDueOf(client) + "?all=true");
            due["episodeId"]!.GetValue<string>().ShouldBe(episode);
            due["sessionNumber"]!.GetValue<int>().ShouldBe(1 + written.Max(p => p["sessionNumber"]!.GetValue<int>()));
            var items = due["items"]!.AsArray().Select(i => i!).ToList();
            items.Count.ShouldBe(7);
            foreach (var item in items)
            {
                var mine = written.Where(p => p["instrument"]!.GetValue<string>() == item["instrument"]!.GetValue<string>()
                                              && p["rater"]!.GetValue<string>() == item["rater"]!.GetValue<string>()).ToList();
                var latest = mine.MaxBy(p => p["administeredAt"]!.GetValue<DateTimeOffset>());
                (item["lastAdministeredAt"]?.GetValue<DateTimeOffset>()).ShouldBe(latest?["administeredAt"]!.GetValue<DateTimeOffset>());
                (item["lastSessionNumber"]?.GetValue<int>()).ShouldBe(latest?["sessionNumber"]!.GetValue<int>());
            }
            var shown = items.Where(i => i["status"]!.GetValue<string>() != "not_due").ToList();
            var forTablet = await GetOkAsync(tablet, ApiRoutes.ClientDueOf(client));
            forTablet["items"]!.AsArray().Select(i => $"{i!["instrument"]}/{i["rater"]}/{i["timing"]}")
                .ShouldBe(shown.Select(i => $"{i["instrument"]}/{i["rater"]}/{i["timing"]}"));

            var list = await PageAsync(ehr, ApiRoutes.DuePath + $"?clinicianId={clinician}&limit=2");
            list.ShouldAllBe(i => i["clientId"]!.GetValue<string>() == client && i["episodeId"]!.GetValue<string>() == episode);
            list.Select(i => $"{i["instrument"]}/{i["rater"]}").ShouldBe(shown.Select(i => $"{i["instrument"]}/{i["rater"]}"), ignoreOrder: true);
        }
    }

    async Task<JsonNode> GetOkAsync(HttpClient client, string path)
    {
        var rsp = await client.GetAsync(path, Ct);
        var text = await rsp.Content.ReadAsStringAsync(Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Every item of a keyset-paged list, following nextCursor to the end.</summary>
    async Task<List<JsonNode>> PageAsync(HttpClient client, string first)
    {
        var items = new List<JsonNode>();
        for (var (path, pages) = (first, 0); ; pages++)
        {
            pages.ShouldBeLessThan(500, "paging does not end");
            var page = await GetOkAsync(client, path);
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
            if (page["nextCursor"]?.GetValue<string>() is not { } cursor) return items;
            path = $"{first}&cursor={Uri.EscapeDataString(cursor)}";
        }
    }
}
