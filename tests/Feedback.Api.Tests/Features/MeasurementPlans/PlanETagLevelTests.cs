namespace Feedback.Api.Tests.Features.MeasurementPlans;

/// <summary>
/// Each plan level has its own entity tags ("tenant-3", "client-2", "episode-1"): a GET of a client's plan without an
/// override answers the tag of the plan it inherits, and If-Match naming it creates the override while that plan is
/// unchanged; a tag of another level's plan never matches an override.
/// </summary>
public sealed class PlanETagLevelTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static object Plan(string name, string instrument) => new { name, rules = new[] { new { instrument, cadence = new { type = "every_session" } } } };

    async Task<HttpResponseMessage> Send(HttpClient key, HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await key.SendAsync(request, Ct);
    }

    async Task<string> NewClient()
    {
        var id = "etag-" + Guid.NewGuid().ToString("N")[..10];
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(id), new { clinicianId = "clin-e" }, Ct)).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task The_tag_a_client_plan_GET_answers_without_an_override_creates_the_override_and_then_names_its_level()
    {
        var tenantPut = await Send(app.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Tenant", "PHQ-9"));
        var tenantTag = tenantPut.Headers.ETag!.ToString();
        tenantTag.ShouldStartWith("\"tenant-");
        var client = await NewClient();

        var read = await app.Reader.GetAsync(ApiRoutes.ClientPlanOf(client), Ct);
        var inherited = read.Headers.ETag!.ToString();
        (await read.BodyAsync())["source"]!.GetValue<string>().ShouldBe("tenant");
        inherited.ShouldBe(tenantTag);

        var created = await Send(app.Reader, HttpMethod.Put, ApiRoutes.ClientPlanOf(client), Plan("Client", "GAD-7"), ifMatch: inherited);
        created.StatusCode.ShouldBe(HttpStatusCode.OK, await created.Content.ReadAsStringAsync(Ct));
        created.Headers.ETag!.ToString().ShouldBe("\"client-1\"");
        var reread = await app.Reader.GetAsync(ApiRoutes.ClientPlanOf(client), Ct);
        reread.Headers.ETag!.ToString().ShouldBe("\"client-1\"");
        (await reread.BodyAsync())["source"]!.GetValue<string>().ShouldBe("client");

        // Now the override exists: the tenant's tag is another level's and never matches it, whatever its number.
        var otherLevel = await (await Send(app.Reader, HttpMethod.Put, ApiRoutes.ClientPlanOf(client), Plan("Again", "PHQ-9"), ifMatch: tenantTag))
            .ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        otherLevel["detail"]!.GetValue<string>().ShouldStartWith($"If-Match names another level's plan ({tenantTag})");
        otherLevel["detail"]!.GetValue<string>().ShouldContain("\"client-1\"");
        var weak = await (await Send(app.Reader, HttpMethod.Put, ApiRoutes.ClientPlanOf(client), Plan("Again", "PHQ-9"), ifMatch: "W/\"client-1\""))
            .ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        weak["detail"]!.GetValue<string>().ShouldContain("strongly");
        await (await Send(app.Reader, HttpMethod.Delete, ApiRoutes.ClientPlanOf(client), ifMatch: "\"tenant-1\""))
            .ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        (await Send(app.Reader, HttpMethod.Delete, ApiRoutes.ClientPlanOf(client), ifMatch: "\"client-1\"")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task An_inherited_tag_read_before_the_tenant_plan_changed_is_412_and_the_override_is_not_created()
    {
        await Send(app.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Tenant", "PHQ-9"));
        var client = await NewClient();
        var inherited = (await app.Reader.GetAsync(ApiRoutes.ClientPlanOf(client), Ct)).Headers.ETag!.ToString();
        var changed = (await Send(app.Admin, HttpMethod.Put, ApiRoutes.TenantPlanPath, Plan("Tenant changed", "GAD-7"))).Headers.ETag!.ToString();
        changed.ShouldNotBe(inherited);

        var refused = await (await Send(app.Reader, HttpMethod.Put, ApiRoutes.ClientPlanOf(client), Plan("Client", "CORE-10"), ifMatch: inherited))
            .ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        refused["detail"]!.GetValue<string>().ShouldContain(changed);
        (await (await app.Reader.GetAsync(ApiRoutes.ClientPlanOf(client), Ct)).BodyAsync())["source"]!.GetValue<string>().ShouldBe("tenant");
    }

    [Fact]
    public async Task An_episode_override_is_created_with_the_client_overrides_tag_and_has_its_own()
    {
        var client = await NewClient();
        var episode = (await (await app.Ehr.PostAsync(ApiRoutes.EpisodesOf(client), null, Ct)).BodyAsync())["id"]!.GetValue<string>();
        var clientTag = (await Send(app.Reader, HttpMethod.Put, ApiRoutes.ClientPlanOf(client), Plan("Client", "GAD-7"))).Headers.ETag!.ToString();
        (await app.Reader.GetAsync(ApiRoutes.ClientPlanOf(client), Ct)).Headers.ETag!.ToString().ShouldBe(clientTag);

        var episodePut = await Send(app.Reader, HttpMethod.Put, ApiRoutes.EpisodePlanOf(client, episode), Plan("Episode", "PHQ-9"), ifMatch: clientTag);
        episodePut.StatusCode.ShouldBe(HttpStatusCode.OK, await episodePut.Content.ReadAsStringAsync(Ct));
        episodePut.Headers.ETag!.ToString().ShouldBe("\"episode-1\"");
        (await app.Reader.GetAsync(ApiRoutes.ClientPlanOf(client), Ct)).Headers.ETag!.ToString().ShouldBe("\"episode-1\"");
        // The client override's "client-1" does not name the episode's "episode-1", though both are version 1.
        await (await Send(app.Reader, HttpMethod.Put, ApiRoutes.EpisodePlanOf(client, episode), Plan("Episode 2", "PHQ-9"), ifMatch: clientTag))
            .ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
    }
}
