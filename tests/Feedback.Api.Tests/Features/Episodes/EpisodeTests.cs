namespace Feedback.Api.Tests.Features.Episodes;

public sealed class EpisodeTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opening_an_episode_with_an_empty_json_body_declared_is_201_like_without_one()
    {
        // api.md gives POST episodes no body; many HTTP clients send Content-Type: application/json on every POST.
        var declared = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        var rsp = await app.Ehr.PostAsync(ApiRoutes.EpisodesOf("ep-declared"), declared, TestContext.Current.CancellationToken);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await rsp.BodyAsync())["clientId"]!.GetValue<string>().ShouldBe("ep-declared");
    }

    [Fact]
    public async Task A_new_episode_closes_the_open_one_and_administrations_join_the_new_one()
    {
        var first = await (await app.Ehr.PostAsync(ApiRoutes.EpisodesOf("ep-1"), null, Ct)).BodyAsync();
        var second = await app.Ehr.PostAsync(ApiRoutes.EpisodesOf("ep-1"), null, Ct);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        var secondId = (await second.BodyAsync())["id"]!.GetValue<string>();

        var list = (await (await app.Reader.GetAsync(ApiRoutes.EpisodesOf("ep-1"), Ct)).BodyAsync())["items"]!.AsArray();
        list.Select(e => e!["id"]!.GetValue<string>()).ShouldBe([secondId, first["id"]!.GetValue<string>()]);
        list[1]!["closedAt"].ShouldNotBeNull();
        list[0]!["closedAt"].ShouldBeNull();

        var administration = await (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("ep-1"), Http.Phq9([0, 0, 0, 1, 0, 0, 0, 0, 0]), Ct)).BodyAsync();
        administration["episodeId"]!.GetValue<string>().ShouldBe(secondId);
    }

    [Fact]
    public async Task Closing_twice_answers_the_same_and_an_unknown_episode_is_404()
    {
        var episode = await (await app.Ehr.PostAsync(ApiRoutes.EpisodesOf("ep-2"), null, Ct)).BodyAsync();
        var id = episode["id"]!.GetValue<string>();
        var once = await (await app.Ehr.PostAsync(ApiRoutes.CloseEpisodeOf("ep-2", id), null, Ct)).BodyAsync();
        var twice = await (await app.Ehr.PostAsync(ApiRoutes.CloseEpisodeOf("ep-2", id), null, Ct)).BodyAsync();
        twice["closedAt"]!.GetValue<string>().ShouldBe(once["closedAt"]!.GetValue<string>());
        await (await app.Ehr.PostAsync(ApiRoutes.CloseEpisodeOf("ep-2", "01JD0000000000000000000000"), null, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await app.Reader.GetAsync(ApiRoutes.EpisodesOf("never-seen"), Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
