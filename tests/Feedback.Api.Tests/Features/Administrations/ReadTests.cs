namespace Feedback.Api.Tests.Features.Administrations;

public sealed class ReadTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<List<string>> SeedAsync(string clientId, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var items = new int?[] { i % 4, 1, 1, 1, 1, 1, 1, 1, 0 };
            var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), Http.Phq9(items, Http.Monday.AddDays(i), session: i + 1), Ct);
            ids.Add((await rsp.BodyAsync())["id"]!.GetValue<string>());
        }
        return ids;
    }

    [Fact]
    public async Task Pages_walk_the_history_newest_first_with_an_opaque_cursor()
    {
        var ids = await SeedAsync("pager-1", 7);
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            (++pages).ShouldBeLessThanOrEqualTo(4, "the cursor must end");
            var url = ApiRoutes.AdministrationsOf("pager-1") + "?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await (await app.Reader.GetAsync(url, Ct)).BodyAsync();
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        seen.ShouldBe(ids.AsEnumerable().Reverse());
    }

    [Fact]
    public async Task The_list_filters_by_instrument()
    {
        await SeedAsync("filter-1", 2);
        await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("filter-1"), Http.Administration("GAD-7", [1, 1, 1, 1, 1, 1, 1], Http.Monday), Ct);
        var page = await (await app.Reader.GetAsync(ApiRoutes.AdministrationsOf("filter-1") + "?instrument=GAD-7", Ct)).BodyAsync();
        page["items"]!.AsArray().Select(i => i!["instrument"]!.GetValue<string>()).ShouldBe(["GAD-7"]);
    }

    [Fact]
    public async Task An_unknown_client_or_administration_is_404()
    {
        await (await app.Reader.GetAsync(ApiRoutes.AdministrationsOf("nobody"), Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var ids = await SeedAsync("one-1", 1);
        await (await app.Reader.GetAsync(ApiRoutes.AdministrationOf("one-1", "01JD0000000000000000000000"), Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await app.Reader.GetAsync(ApiRoutes.AdministrationOf("someone-else", ids[0]), Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_get_that_carries_a_json_content_type_but_no_body_is_answered()
    {
        var ids = await SeedAsync("ctype-1", 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.AdministrationOf("ctype-1", ids[0]));
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = new("application/json");
        (await app.Reader.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
