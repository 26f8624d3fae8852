namespace Feedback.Api.Tests.Features.Administrations;

public sealed class IdempotencyTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static HttpRequestMessage Post(string clientId, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.AdministrationsOf(clientId)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task The_same_key_and_body_returns_the_original_201_marked_as_a_replay()
    {
        var body = Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 1]);
        var first = await app.Ehr.SendAsync(Post("idem-1", "key-1", body), Ct);
        var rows = await app.CountRowsAsync();
        var again = await app.Ehr.SendAsync(Post("idem-1", "key-1", body), Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.Headers.GetValues("Idempotent-Replay").ShouldBe(["true"]);
        first.Headers.Contains("Idempotent-Replay").ShouldBeFalse();
        var (a, b) = (await first.BodyAsync(), await again.BodyAsync());
        b["id"]!.GetValue<string>().ShouldBe(a["id"]!.GetValue<string>());
        b["alerts"]!.AsArray().Count.ShouldBe(a["alerts"]!.AsArray().Count);
        again.Headers.Location.ShouldBe(first.Headers.Location);
        (await app.CountRowsAsync()).ShouldBe(rows);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_409()
    {
        await app.Ehr.SendAsync(Post("idem-2", "key-2", Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 0])), Ct);
        var other = await app.Ehr.SendAsync(Post("idem-2", "key-2", Http.Phq9([2, 1, 1, 1, 1, 1, 1, 1, 0])), Ct);
        await other.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Fifty_parallel_identical_requests_with_one_key_store_one_administration()
    {
        var body = Http.Phq9([2, 1, 2, 1, 2, 1, 2, 1, 0]);
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.Ehr.SendAsync(Post("idem-3", "key-3", body), Ct)));
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(answers.Select(async a => (await a.BodyAsync())["id"]!.GetValue<string>()));
        ids.Distinct().Count().ShouldBe(1);
        answers.Count(a => !a.Headers.Contains("Idempotent-Replay")).ShouldBe(1);
        var list = await (await app.Reader.GetAsync(ApiRoutes.AdministrationsOf("idem-3"), Ct)).BodyAsync();
        list["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Keys_are_per_tenant()
    {
        var mine = await (await app.Ehr.SendAsync(Post("idem-4", "shared-key", Http.Phq9([0, 1, 0, 1, 0, 1, 0, 1, 0])), Ct)).BodyAsync();
        var theirs = await app.OtherClinic.SendAsync(Post("idem-4", "shared-key", Http.Phq9([0, 1, 0, 1, 0, 1, 0, 1, 0])), Ct);
        theirs.StatusCode.ShouldBe(HttpStatusCode.Created);
        theirs.Headers.Contains("Idempotent-Replay").ShouldBeFalse();
        (await theirs.BodyAsync())["id"]!.GetValue<string>().ShouldNotBe(mine["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_24_hours_a_key_may_be_used_again()
    {
        await app.Ehr.SendAsync(Post("idem-5", "key-5", Http.Phq9([1, 0, 1, 0, 1, 0, 1, 0, 0])), Ct);
        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var later = await app.Ehr.SendAsync(Post("idem-5", "key-5", Http.Phq9([1, 0, 1, 0, 1, 0, 1, 1, 0])), Ct);
        later.StatusCode.ShouldBe(HttpStatusCode.Created);
        later.Headers.Contains("Idempotent-Replay").ShouldBeFalse();
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789")]
    [InlineData("é")]
    public async Task A_malformed_key_is_400_naming_the_header(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.AdministrationsOf("idem-6")) { Content = JsonContent.Create(Http.Phq9([0, 0, 0, 0, 0, 0, 0, 0, 0])) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var problem = await (await app.Ehr.SendAsync(request, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["Idempotency-Key"].ShouldNotBeNull();
    }
}
