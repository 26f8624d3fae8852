namespace Feedback.Api.Tests.Features.Administrations;

public sealed class SubmitTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task A_phq9_is_scored_stored_and_answered_with_201_and_its_location()
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("submit-1"), Http.Phq9([2, 2, 2, 2, 2, 2, 1, 1, 0], session: 1), TestContext.Current.CancellationToken);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await rsp.BodyAsync();
        body["score"]!["total"]!.GetValue<decimal>().ShouldBe(14);
        body["score"]!["severity"]!.GetValue<string>().ShouldBe("moderate");
        body["score"]!["clinicalRange"]!.GetValue<bool>().ShouldBeTrue();
        body["administeredAt"]!.GetValue<string>().ShouldBe("2026-01-05T09:00:00Z");
        var id = body["id"]!.GetValue<string>();
        rsp.Headers.Location!.ToString().ShouldBe(ApiRoutes.AdministrationOf("submit-1", id));

        var stored = await (await app.Reader.GetAsync(rsp.Headers.Location, TestContext.Current.CancellationToken)).BodyAsync();
        stored["id"]!.GetValue<string>().ShouldBe(id);
        stored["items"]!.AsArray().Select(i => i!.GetValue<int>()).ShouldBe([2, 2, 2, 2, 2, 2, 1, 1, 0]);
    }

    [Fact]
    public async Task The_first_administration_opens_an_episode_and_the_next_joins_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("submit-2"), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]), ct)).BodyAsync();
        var second = await (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("submit-2"), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 0, 0], Http.Monday.AddDays(7)), ct)).BodyAsync();
        second["episodeId"]!.GetValue<string>().ShouldBe(first["episodeId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_ors_for_an_adolescent_uses_the_adolescent_cutoff()
    {
        var ct = TestContext.Current.CancellationToken;
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("teen-1"), new { ageGroup = "adolescent" }, ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("teen-1"), Http.Administration("ORS", [7, 7, 7, 6], Http.Monday), ct);
        var score = (await rsp.BodyAsync())["score"]!;
        score["total"]!.GetValue<decimal>().ShouldBe(27);
        score["clinicalRange"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task An_exact_duplicate_is_409_with_the_existing_id_and_stores_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var body = Http.Phq9([0, 1, 0, 1, 0, 1, 0, 1, 0]);
        var first = await (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("dup-1"), body, ct)).BodyAsync();
        var rows = await app.CountRowsAsync();
        var problem = await (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("dup-1"), body, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem["existingId"]!.GetValue<string>().ShouldBe(first["id"]!.GetValue<string>());
        (await app.CountRowsAsync()).ShouldBe(rows);
    }

    [Fact]
    public async Task A_submit_only_key_gets_the_score_but_no_feedback()
    {
        var rsp = await app.Tablet.PostAsJsonAsync(ApiRoutes.AdministrationsOf("tablet-1"), Http.Phq9([3, 3, 3, 3, 3, 3, 3, 3, 1]), TestContext.Current.CancellationToken);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await rsp.BodyAsync();
        body["score"]!["total"]!.GetValue<decimal>().ShouldBe(25);
        body.AsObject().ContainsKey("feedback").ShouldBeFalse();
        body.AsObject().ContainsKey("alerts").ShouldBeFalse();
    }

    [Fact]
    public async Task A_submit_only_key_is_not_shown_the_clinician_stored_with_the_client()
    {
        var ct = TestContext.Current.CancellationToken;
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("tablet-2"), new { ageGroup = "adult", clinicianId = "dr-stored" }, ct)).EnsureSuccessStatusCode();
        var answer = await (await app.Tablet.PostAsJsonAsync(ApiRoutes.AdministrationsOf("tablet-2"), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]), ct)).BodyAsync();
        answer["clinicianId"].ShouldBeNull(); // stored with the client, not sent by the tablet
        answer.ToJsonString().ShouldNotContain("dr-stored");

        var sent = new { instrument = "PHQ-9", administeredAt = Http.Monday.AddDays(7), clinicianId = "dr-sent", items = new[] { 2, 1, 1, 1, 1, 1, 1, 1, 0 } };
        (await (await app.Tablet.PostAsJsonAsync(ApiRoutes.AdministrationsOf("tablet-2"), sent, ct)).BodyAsync())["clinicianId"]!.GetValue<string>().ShouldBe("dr-sent");
        // the EHR's read key sees the stored clinician on the first
        var list = await (await app.Reader.GetAsync(ApiRoutes.AdministrationsOf("tablet-2"), ct)).BodyAsync();
        list["items"]!.AsArray().Select(a => a!["clinicianId"]!.GetValue<string>()).ShouldBe(["dr-stored", "dr-sent"], ignoreOrder: true);
    }

    [Fact]
    public async Task An_instrument_the_tenant_has_not_enabled_is_403_and_stores_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        (await app.Admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = new[] { "PHQ-9", "GAD-7" } }, ct)).EnsureSuccessStatusCode();
        try
        {
            var rows = await app.CountRowsAsync();
            var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("lic-1"), Http.Administration("OQ-45.2", Enumerable.Repeat<decimal?>(1, 45).ToArray(), Http.Monday), ct);
            (await rsp.ShouldBeProblemAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>().ShouldContain("OQ-45.2");
            (await app.CountRowsAsync()).ShouldBe(rows);
        }
        finally
        {
            var all = new[] { "PHQ-9", "GAD-7", "CORE-10", "OQ-45.2", "ORS", "WHO-5", "SRS", "WAI-SR" };
            (await app.Admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = all }, ct)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_named_episode_of_another_client_is_a_400_on_episodeId()
    {
        var ct = TestContext.Current.CancellationToken;
        var other = await (await app.Ehr.PostAsync(ApiRoutes.EpisodesOf("ep-owner"), null, ct)).BodyAsync();
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("ep-stranger"),
            Http.Phq9([0, 0, 0, 0, 0, 0, 0, 0, 0], episodeId: other["id"]!.GetValue<string>()), ct);
        (await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["episodeId"].ShouldNotBeNull();
    }
}
