namespace Feedback.Api.Tests.Features.Plans;

/// <summary>
/// clinical.md v1.2 section 1, "Long cadences": an every_n_days rule with days + graceDays above staleEpisodeDays is
/// accepted with a warning on every plan answer, and a settings PUT that lowers staleEpisodeDays warns about every stored
/// rule it puts in that position, naming the plan.
/// </summary>
public sealed class LongCadenceWarningTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static object EveryDays(int days, int graceDays) => new { type = "every_n_days", days, graceDays };

    static object Plan(params (string Instrument, object Cadence)[] rules) =>
        new { name = "Long-term work", rules = rules.Select(r => new { instrument = r.Instrument, cadence = r.Cadence }).ToArray() };

    static string Message(int stale, int sum) =>
        $"An administration given on time for this rule can come more than staleEpisodeDays ({stale}) after the episode's latest "
        + "administration; the stale-episode guard would then close the episode and treat it as a new intake. Raise "
        + $"staleEpisodeDays above days + graceDays ({sum}), or send episodeId with these administrations.";

    static List<(string Code, string Path, string Message)> Warnings(JsonNode answer) =>
        [.. answer["warnings"]!.AsArray().Select(w => (w!["code"]!.GetValue<string>(), w["path"]!.GetValue<string>(), w["message"]!.GetValue<string>()))];

    Task<HttpResponseMessage> SettingsAsync(int staleEpisodeDays) =>
        app.Admin.PutAsJsonAsync(ApiRoutes.TenantSettingsPath, new { enabledInstruments = Feedback.Clinical.Instruments.Catalogue.All.Select(i => i.Code), staleEpisodeDays }, Ct);

    [Fact]
    public async Task The_spec_boundaries_hold_on_the_tenant_plan_put_and_get()
    {
        (await SettingsAsync(90)).EnsureSuccessStatusCode();
        var put = await app.Admin.PutAsJsonAsync(ApiRoutes.TenantPlanPath,
            Plan(("PHQ-9", EveryDays(83, 7)), ("GAD-7", new { type = "every_session" }), ("CORE-10", EveryDays(84, 7))), Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var expected = new List<(string, string, string)> { ("cadence_exceeds_stale_episode_days", "rules[2].cadence", Message(90, 91)) };
        Warnings(await put.BodyAsync()).ShouldBe(expected);
        Warnings(await (await app.Reader.GetAsync(ApiRoutes.TenantPlanPath, Ct)).BodyAsync()).ShouldBe(expected);

        (await SettingsAsync(0)).EnsureSuccessStatusCode(); // the guard off: never
        Warnings(await (await app.Reader.GetAsync(ApiRoutes.TenantPlanPath, Ct)).BodyAsync()).ShouldBeEmpty();
        (await SettingsAsync(90)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Client_and_episode_overrides_answer_the_warning_and_the_settings_put_names_each_plan()
    {
        (await SettingsAsync(120)).EnsureSuccessStatusCode();
        var client = "lc-" + Guid.NewGuid().ToString("N")[..8];
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(client), new { ageGroup = "adult" }, Ct)).EnsureSuccessStatusCode();
        var episode = (await (await app.Ehr.PostAsync(ApiRoutes.EpisodesOf(client), null, Ct)).BodyAsync())["id"]!.GetValue<string>();

        (await app.Admin.PutAsJsonAsync(ApiRoutes.TenantPlanPath, Plan(("PHQ-9", EveryDays(28, 7))), Ct)).EnsureSuccessStatusCode();
        var clientPut = await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientPlanOf(client), Plan(("GAD-7", new { type = "every_session" }), ("WHO-5", EveryDays(90, 7))), Ct);
        Warnings(await clientPut.BodyAsync()).ShouldBeEmpty(); // 97 <= 120
        var episodePut = await app.Ehr.PutAsJsonAsync(ApiRoutes.EpisodePlanOf(client, episode), Plan(("CORE-10", EveryDays(120, 1))), Ct);
        Warnings(await episodePut.BodyAsync()).ShouldBe([("cadence_exceeds_stale_episode_days", "rules[0].cadence", Message(120, 121))]);
        Warnings(await (await app.Ehr.GetAsync(ApiRoutes.ClientPlanOf(client), Ct)).BodyAsync()).Select(w => w.Path).ShouldBe(["rules[0].cadence"]);

        var lowered = await (await SettingsAsync(60)).BodyAsync();
        Warnings(lowered).ShouldBe(
        [
            ("cadence_exceeds_stale_episode_days", $"plans[clients/{client}].rules[1].cadence", Message(60, 97)),
            ("cadence_exceeds_stale_episode_days", $"plans[clients/{client}/episodes/{episode}].rules[0].cadence", Message(60, 121)),
        ]);
        Warnings(await (await app.Admin.GetAsync(ApiRoutes.TenantSettingsPath, Ct)).BodyAsync()).ShouldBe(Warnings(lowered));
        Warnings(await (await SettingsAsync(34)).BodyAsync()).Select(w => w.Path).ShouldBe(
            ["plans[tenant].rules[0].cadence", $"plans[clients/{client}].rules[1].cadence", $"plans[clients/{client}/episodes/{episode}].rules[0].cadence"]);

        // A closed episode's override can never apply again, and a deleted override is no plan.
        (await app.Ehr.PostAsync(ApiRoutes.CloseEpisodeOf(client, episode), null, Ct)).EnsureSuccessStatusCode();
        (await app.Ehr.DeleteAsync(ApiRoutes.ClientPlanOf(client), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Warnings(await (await SettingsAsync(34)).BodyAsync()).Select(w => w.Path).ShouldBe(["plans[tenant].rules[0].cadence"]);
        (await app.Admin.DeleteAsync(ApiRoutes.TenantPlanPath, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Warnings(await (await SettingsAsync(90)).BodyAsync()).ShouldBeEmpty();
    }
}
