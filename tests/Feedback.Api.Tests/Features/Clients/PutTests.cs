namespace Feedback.Api.Tests.Features.Clients;

public sealed class PutTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Put_creates_with_201_then_updates_with_200_keeping_what_was_not_sent()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("put-1"), new { ageGroup = "child", clinicianId = "clin-9" }, ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var updated = await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("put-1"), new { ageGroup = "adolescent" }, ct);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await updated.BodyAsync();
        body["ageGroup"]!.GetValue<string>().ShouldBe("adolescent");
        body["clinicianId"]!.GetValue<string>().ShouldBe("clin-9");
    }
}
