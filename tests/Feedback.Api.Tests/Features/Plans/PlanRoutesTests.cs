using System.Net.Http.Headers;

namespace Feedback.Api.Tests.Features.Plans;

/// <summary>
/// interop.md section 3: plan validation (400 naming the field, nothing written), precedence (episode > client > tenant,
/// overrides replace), ETag / If-Match, 404 and 409, over real HTTP.
/// </summary>
public sealed class PlanRoutesTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static object Rule(string instrument, object cadence, string? rater = null, string? timing = null) =>
        rater is null && timing is null ? new { instrument, cadence } : new { instrument, rater, timing, cadence };

    static object Plan(string name, params object[] rules) => new { name, rules };

    static readonly object EverySession = new { type = "every_session" };

    static JsonContent Body(string json) => JsonContent.Create(JsonNode.Parse(json));

    async Task<HttpResponseMessage> SendAsync(HttpClient key, HttpMethod method, string path, object? body = null, string? ifMatch = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : body as HttpContent ?? JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await key.SendAsync(request, Ct);
    }

    async Task<string> NewClientAsync(string clinician = "clin-p")
    {
        var id = "p-" + Guid.NewGuid().ToString("N")[..10];
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(id), new { ageGroup = "adult", clinicianId = clinician }, Ct)).EnsureSuccessStatusCode();
        return id;
    }

    async Task<string> OpenEpisodeAsync(string client)
    {
        var rsp = await app.Ehr.PostAsync(ApiRoutes.EpisodesOf(client), null, Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await rsp.BodyAsync())["id"]!.GetValue<string>();
    }

    // ---- validation: one bad field at a time, at and just past each limit ----

    const string OneRule = """{"instrument":"PHQ-9","cadence":{"type":"every_session"}}""";

    static string PlanJson(string name, string rules) => "{\"name\":\"" + name + "\",\"rules\":[" + rules + "]}";

    // n rules, each (instrument, rater) distinct: the ten instruments by client and by caregiver, then PHQ-9 again.
    static string ManyRules(int n) => string.Join(",", Enumerable.Range(0, n).Select(i =>
        "{\"instrument\":\"" + (i < 20 ? Catalogue[i / 2] : "PHQ-9") + "\",\"rater\":\"" + (i % 2 == 0 ? "client" : "caregiver")
        + "\",\"cadence\":{\"type\":\"every_session\"}}"));

    static readonly string[] Catalogue = ["PHQ-9", "GAD-7", "CORE-10", "WHO-5", "ORS", "SRS", "CORS", "CSRS", "OQ-45.2", "WAI-SR"];

    public static TheoryData<string, string> Invalid() => new()
    {
        { """{"rules":[{"instrument":"PHQ-9","cadence":{"type":"every_session"}}]}""", "name" },
        { """{"name":"","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_session"}}]}""", "name" },
        { PlanJson(new string('a', 101), OneRule), "name" },
        { """{"name":"a"}""", "rules" },
        { """{"name":"a","rules":[]}""", "rules" },
        { PlanJson("a", ManyRules(21)), "rules" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_session"}},{"instrument":"PHQ-9","rater":"client","cadence":{"type":"intake_only"}}]}""", "rules[1]" },
        { """{"name":"a","rules":[null]}""", "rules[0]" },
        { """{"name":"a","rules":[{"cadence":{"type":"every_session"}}]}""", "rules[0].instrument" },
        { """{"name":"a","rules":[{"instrument":"phq-9","cadence":{"type":"every_session"}}]}""", "rules[0].instrument" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","rater":"therapist","cadence":{"type":"every_session"}}]}""", "rules[0].rater" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","rater":"parent","cadence":{"type":"every_session"}}]}""", "rules[0].rater" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","timing":"middle","cadence":{"type":"every_session"}}]}""", "rules[0].timing" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9"}]}""", "rules[0].cadence" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{}}]}""", "rules[0].cadence.type" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"weekly"}}]}""", "rules[0].cadence.type" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_sessions"}}]}""", "rules[0].cadence.n" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_sessions","n":1}}]}""", "rules[0].cadence.n" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_sessions","n":53}}]}""", "rules[0].cadence.n" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_sessions","n":4,"days":7}}]}""", "rules[0].cadence.days" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_days"}}]}""", "rules[0].cadence.days" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_days","days":0}}]}""", "rules[0].cadence.days" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_days","days":366}}]}""", "rules[0].cadence.days" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_days","days":60,"earlyDays":31}}]}""", "rules[0].cadence.earlyDays" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_days","days":7,"earlyDays":7}}]}""", "rules[0].cadence.earlyDays" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_days","days":7,"earlyDays":-1}}]}""", "rules[0].cadence.earlyDays" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_days","days":7,"graceDays":91}}]}""", "rules[0].cadence.graceDays" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_days","days":7,"n":2}}]}""", "rules[0].cadence.n" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_session","atIntake":true}}]}""", "rules[0].cadence.atIntake" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"intake_only","graceDays":3}}]}""", "rules[0].cadence.graceDays" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_sessions","n":"4"}}]}""", "rules[0].cadence.n" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_session"},"every":2}]}""", "rules[0].every" },
    };

    [Theory, MemberData(nameof(Invalid))]
    public async Task A_bad_plan_is_a_400_naming_the_field_and_nothing_is_written(string json, string field)
    {
        var before = await (await app.Reader.GetAsync(ApiRoutes.TenantPlanPath, Ct)).BodyAsync();
        var rsp = await SendAsync(app.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Body(json));
        var problem = await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field, problem.ToJsonString());
        (await (await app.Reader.GetAsync(ApiRoutes.TenantPlanPath, Ct)).BodyAsync()).ToJsonString().ShouldBe(before.ToJsonString());
        // The same body on a client's override is refused alike.
        var client = await NewClientAsync();
        var onClient = await SendAsync(app.Reader, HttpMethod.Put, ApiRoutes.ClientPlanOf(client), Body(json));
        (await onClient.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field);
    }

    public static TheoryData<string, string> Valid() => new()
    {
        // at each limit: 100 characters, 20 rules, n 2 and 52, days 1 and 365, earlyDays 30 < days, graceDays 0 and 90
        { PlanJson(new string('a', 100), OneRule), "" },
        { PlanJson("a", ManyRules(20)), "" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_sessions","n":2}},{"instrument":"GAD-7","cadence":{"type":"every_n_sessions","n":52,"atIntake":false}}]}""", "" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_days","days":1}},{"instrument":"GAD-7","cadence":{"type":"every_n_days","days":365,"earlyDays":30,"graceDays":90}}]}""", "" },
        { """{"name":"a","rules":[{"instrument":"PHQ-9","cadence":{"type":"every_n_days","days":31,"earlyDays":30,"graceDays":0}}]}""", "" },
        { """{"name":"a","rules":[{"instrument":"WAI-SR","rater":"therapist","timing":"end","cadence":{"type":"intake_only"}},{"instrument":"WAI-SR","cadence":{"type":"every_session"}}]}""", "" },
    };

    [Theory, MemberData(nameof(Valid))]
    public async Task A_plan_at_every_limit_is_accepted(string json, string _)
    {
        var rsp = await SendAsync(app.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Body(json));
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK, await rsp.Content.ReadAsStringAsync(Ct));
        var sent = JsonNode.Parse(json)!;
        var stored = await (await app.Reader.GetAsync(ApiRoutes.TenantPlanPath, Ct)).BodyAsync();
        stored["rules"]!.AsArray().Select(r => $"{r!["instrument"]}/{r["rater"]}").ShouldBe(
            sent["rules"]!.AsArray().Select(r => $"{r!["instrument"]}/{r["rater"]?.GetValue<string>() ?? "client"}"));
    }

    [Theory]
    // earlyDays must be < days: its default 2 becomes days - 1 for 1 and 2 days.
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(28, 2)]
    public async Task Defaults_are_filled_in_and_answered(int days, int earlyDays)
    {
        var rsp = await SendAsync(app.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath,
            Plan("Defaults", Rule("PHQ-9", new { type = "every_n_days", days }), Rule("GAD-7", new { type = "every_n_sessions", n = 3 })));
        var plan = await rsp.BodyAsync();
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK, plan.ToJsonString());
        var days0 = plan["rules"]![0]!;
        (days0["rater"]!.GetValue<string>(), days0["timing"]!.GetValue<string>()).ShouldBe(("client", "start"));
        days0["cadence"]!.ToJsonString().ShouldBe($$"""{"type":"every_n_days","atIntake":true,"days":{{days}},"earlyDays":{{earlyDays}},"graceDays":7}""");
        plan["rules"]![1]!["cadence"]!.ToJsonString().ShouldBe("""{"type":"every_n_sessions","n":3,"atIntake":true}""");
    }

    [Fact]
    public async Task A_rule_for_an_instrument_the_tenant_has_not_enabled_is_a_400()
    {
        var other = app.OtherClinic; // tenant B, with the instruments enabled at a tenant's creation only
        (await other.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = new[] { "PHQ-9", "GAD-7", "CORE-10", "WHO-5" } }, Ct)).EnsureSuccessStatusCode();
        var rsp = await SendAsync(other, HttpMethod.Put, ApiRoutes.TenantPlanPath,
            Plan("B", Rule("PHQ-9", EverySession), Rule("ORS", EverySession), Rule("SRS", EverySession, timing: "end")));
        var problem = await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["rules[1].instrument", "rules[2].instrument"]);
        problem["errors"]!["rules[1].instrument"]![0]!.GetValue<string>().ShouldContain("not enabled");
        (await (await other.GetAsync(ApiRoutes.TenantPlanPath, Ct)).BodyAsync())["source"]!.GetValue<string>().ShouldBe("none");
        (await other.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = Catalogue }, Ct)).EnsureSuccessStatusCode();
    }

    // ---- ETag and If-Match ----

    [Fact]
    public async Task The_tenant_plan_counts_versions_and_honours_If_Match()
    {
        var tenant = new App(); // a tenant of its own: the other tests of this class write tenant A's plan
        await tenant.InitializeAsync();
        await using var _ = tenant;
        var none = await tenant.Admin.GetAsync(ApiRoutes.TenantPlanPath, Ct);
        none.Headers.ETag!.ToString().ShouldBe("\"tenant-0\"");
        (await none.BodyAsync()).ToJsonString().ShouldBe("""{"name":null,"rules":[],"version":0,"updatedAt":null,"source":"none","warnings":[]}""");

        var v1 = await SendAsync(tenant.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("One", Rule("PHQ-9", EverySession)), ifMatch: "\"tenant-0\"");
        v1.StatusCode.ShouldBe(HttpStatusCode.OK);
        v1.Headers.ETag!.ToString().ShouldBe("\"tenant-1\"");
        (await v1.BodyAsync())["version"]!.GetValue<int>().ShouldBe(1);

        // A stale tag (someone else wrote version 1 after we read 0) is a 412, and nothing changes.
        var stale = await SendAsync(tenant.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Two", Rule("GAD-7", EverySession)), ifMatch: "\"tenant-0\"");
        (await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed))["detail"]!.GetValue<string>().ShouldContain("\"tenant-1\"");
        // A weak tag never matches (strong comparison); a list matches if any does; * matches an existing plan.
        (await SendAsync(tenant.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Two", Rule("GAD-7", EverySession)), ifMatch: "W/\"tenant-1\"")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var v2 = await SendAsync(tenant.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Two", Rule("GAD-7", EverySession)), ifMatch: "\"tenant-7\", \"tenant-1\"");
        v2.Headers.ETag!.ToString().ShouldBe("\"tenant-2\"");
        (await SendAsync(tenant.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Three", Rule("GAD-7", EverySession)), ifMatch: "*")).Headers.ETag!.ToString().ShouldBe("\"tenant-3\"");
        // If-None-Match: * creates only.
        (await SendAsync(tenant.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Four", Rule("PHQ-9", EverySession)), ifNoneMatch: "*")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        // A header that is not an entity tag is a 400 naming it.
        var malformed = await SendAsync(tenant.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Four", Rule("PHQ-9", EverySession)), ifMatch: "3");
        (await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["If-Match"].ShouldNotBeNull();

        var read = await tenant.Reader.GetAsync(ApiRoutes.TenantPlanPath, Ct);
        read.Headers.ETag!.ToString().ShouldBe("\"tenant-3\"");
        var plan = await read.BodyAsync();
        (plan["name"]!.GetValue<string>(), plan["source"]!.GetValue<string>(), plan["version"]!.GetValue<int>()).ShouldBe(("Three", "tenant", 3));

        // DELETE (Feedback's addition): back to no plan, as a version of its own (4), so "3" never names two states; a
        // second DELETE is a 404; a PUT naming "3" is refused, one naming the empty plan's "4" makes 5.
        (await SendAsync(tenant.Admin, HttpMethod.Delete, ApiRoutes.TenantPlanPath, ifMatch: "\"tenant-2\"")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await SendAsync(tenant.Admin, HttpMethod.Delete, ApiRoutes.TenantPlanPath, ifMatch: "\"tenant-3\"")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await SendAsync(tenant.Admin, HttpMethod.Delete, ApiRoutes.TenantPlanPath)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var deletedRead = await tenant.Reader.GetAsync(ApiRoutes.TenantPlanPath, Ct);
        deletedRead.Headers.ETag!.ToString().ShouldBe("\"tenant-4\"");
        var deleted = await deletedRead.BodyAsync();
        (deleted["source"]!.GetValue<string>(), deleted["version"]!.GetValue<int>(), deleted["rules"]!.AsArray().Count).ShouldBe(("none", 4, 0));
        (await SendAsync(tenant.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Five", Rule("PHQ-9", EverySession)), ifMatch: "\"tenant-3\"")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await SendAsync(tenant.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Five", Rule("PHQ-9", EverySession)), ifMatch: "\"tenant-4\"")).Headers.ETag!.ToString().ShouldBe("\"tenant-5\"");
        // A tag of characters an entity tag may not hold is malformed, not stale.
        (await SendAsync(tenant.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Six", Rule("PHQ-9", EverySession)), ifMatch: "\"a b\"")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    // ---- precedence: episode > client > tenant; an override replaces the whole plan ----

    [Fact]
    public async Task The_episode_override_wins_over_the_clients_which_wins_over_the_tenants()
    {
        (await SendAsync(app.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Tenant", Rule("PHQ-9", EverySession), Rule("SRS", EverySession, timing: "end")))).EnsureSuccessStatusCode();
        var client = await NewClientAsync();
        var episode = await OpenEpisodeAsync(client);

        async Task<JsonNode> EffectiveAsync(string query = "")
        {
            var rsp = await app.Reader.GetAsync(ApiRoutes.ClientPlanOf(client) + query, Ct);
            rsp.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = await rsp.BodyAsync();
            var level = body["source"]!.GetValue<string>() is "none" ? "tenant" : body["source"]!.GetValue<string>();
            rsp.Headers.ETag!.ToString().ShouldBe($"\"{level}-{body["version"]}\"");
            return body;
        }
        static string Shape(JsonNode p) => $"{p["source"]}:{p["name"]}:{string.Join(",", p["rules"]!.AsArray().Select(r => r!["instrument"]!.GetValue<string>()))}";

        Shape(await EffectiveAsync()).ShouldBe("tenant:Tenant:PHQ-9,SRS");
        (await EffectiveAsync())["episodeId"]!.GetValue<string>().ShouldBe(episode);

        var clientPut = await SendAsync(app.Reader, HttpMethod.Put, ApiRoutes.ClientPlanOf(client), Plan("Client", Rule("GAD-7", EverySession)));
        clientPut.StatusCode.ShouldBe(HttpStatusCode.OK);
        clientPut.Headers.ETag!.ToString().ShouldBe("\"client-1\"");
        var clientView = await clientPut.BodyAsync();
        (clientView["source"]!.GetValue<string>(), clientView["clientId"]!.GetValue<string>()).ShouldBe(("client", client));
        Shape(await EffectiveAsync()).ShouldBe("client:Client:GAD-7"); // replaced, not merged: no PHQ-9, no SRS

        (await SendAsync(app.Reader, HttpMethod.Put, ApiRoutes.EpisodePlanOf(client, episode), Plan("Episode", Rule("CORE-10", EverySession)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        Shape(await EffectiveAsync()).ShouldBe("episode:Episode:CORE-10");

        // A new episode: the old episode's override no longer applies; asked by id it still shows.
        var second = await OpenEpisodeAsync(client);
        Shape(await EffectiveAsync()).ShouldBe("client:Client:GAD-7");
        Shape(await EffectiveAsync($"?episodeId={episode}")).ShouldBe("episode:Episode:CORE-10");
        // The closed episode's override cannot change any more.
        await (await SendAsync(app.Reader, HttpMethod.Put, ApiRoutes.EpisodePlanOf(client, episode), Plan("Late", Rule("PHQ-9", EverySession)))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await SendAsync(app.Reader, HttpMethod.Delete, ApiRoutes.EpisodePlanOf(client, episode))).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await SendAsync(app.Reader, HttpMethod.Delete, ApiRoutes.ClientPlanOf(client), ifMatch: "\"client-1\"")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Shape(await EffectiveAsync()).ShouldBe("tenant:Tenant:PHQ-9,SRS");
        (await EffectiveAsync())["episodeId"]!.GetValue<string>().ShouldBe(second);
        await (await SendAsync(app.Reader, HttpMethod.Delete, ApiRoutes.ClientPlanOf(client))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Override_versions_keep_counting_after_a_delete_and_If_Match_needs_an_existing_override()
    {
        var client = await NewClientAsync();
        var path = ApiRoutes.ClientPlanOf(client);
        var create = await SendAsync(app.Reader, HttpMethod.Put, path, Plan("A", Rule("PHQ-9", EverySession)), ifMatch: "\"client-0\"");
        (await create.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed))["detail"]!.GetValue<string>().ShouldContain("If-None-Match: *");
        (await SendAsync(app.Reader, HttpMethod.Put, path, Plan("A", Rule("PHQ-9", EverySession)), ifNoneMatch: "*")).Headers.ETag!.ToString().ShouldBe("\"client-1\"");
        (await SendAsync(app.Reader, HttpMethod.Put, path, Plan("A", Rule("PHQ-9", EverySession)), ifNoneMatch: "*")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await SendAsync(app.Reader, HttpMethod.Put, path, Plan("B", Rule("PHQ-9", EverySession)), ifMatch: "\"client-1\"")).Headers.ETag!.ToString().ShouldBe("\"client-2\"");
        (await SendAsync(app.Reader, HttpMethod.Delete, path, ifMatch: "\"client-1\"")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await SendAsync(app.Reader, HttpMethod.Delete, path, ifMatch: "\"client-2\"")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // The delete was version 3; re-created, the plan is 4: a tag read before the delete never matches the new plan.
        (await SendAsync(app.Reader, HttpMethod.Put, path, Plan("C", Rule("PHQ-9", EverySession)), ifMatch: "\"client-2\"")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await SendAsync(app.Reader, HttpMethod.Put, path, Plan("C", Rule("PHQ-9", EverySession)))).Headers.ETag!.ToString().ShouldBe("\"client-4\"");
    }

    [Fact]
    public async Task Unknown_clients_and_episodes_are_404_and_ids_are_checked()
    {
        var plan = Plan("A", Rule("PHQ-9", EverySession));
        await (await SendAsync(app.Reader, HttpMethod.Put, ApiRoutes.ClientPlanOf("never-created"), plan)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await app.Reader.GetAsync(ApiRoutes.ClientPlanOf("never-created"), Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await app.Ehr.GetAsync(ApiRoutes.ClientOf("never-created"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound); // nothing was created
        var client = await NewClientAsync();
        await (await SendAsync(app.Reader, HttpMethod.Put, ApiRoutes.EpisodePlanOf(client, "01JD0000000000000000000000"), plan)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await SendAsync(app.Reader, HttpMethod.Delete, ApiRoutes.EpisodePlanOf(client, "01JD0000000000000000000000"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await app.Reader.GetAsync(ApiRoutes.ClientPlanOf(client) + "?episodeId=01JD0000000000000000000000", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await app.Reader.GetAsync(ApiRoutes.ClientPlanOf(client) + "?episodeId=nope", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["episodeId"].ShouldNotBeNull();
        (await (await app.Reader.GetAsync(ApiRoutes.ClientPlanOf("bad id!"), Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["clientId"].ShouldNotBeNull();
        // Another tenant's client answers as one that does not exist.
        var foreign = await (await SendAsync(app.OtherClinic, HttpMethod.Put, ApiRoutes.ClientPlanOf(client), plan)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var missing = await (await SendAsync(app.OtherClinic, HttpMethod.Put, ApiRoutes.ClientPlanOf("never-created-2"), plan)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        foreign["detail"]!.GetValue<string>().ShouldBe(missing["detail"]!.GetValue<string>());
    }
}
