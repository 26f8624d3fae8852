namespace Feedback.Api.Tests.Features.Clients;

public sealed class PutTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Put_creates_with_201_then_updates_with_200_keeping_what_was_not_sent()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("put-1"), new { ageGroup = "child", clinicianId = "clin-9" }, ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldBe("/v1/clients/put-1");
        (await (await app.Reader.GetAsync(created.Headers.Location, ct)).BodyAsync())["ageGroup"]!.GetValue<string>().ShouldBe("child");
        var updated = await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("put-1"), new { ageGroup = "adolescent" }, ct);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        updated.Headers.Location.ShouldBeNull();
        var body = await updated.BodyAsync();
        body["ageGroup"]!.GetValue<string>().ShouldBe("adolescent");
        body["clinicianId"]!.GetValue<string>().ShouldBe("clin-9");
    }

    [Fact]
    public async Task Null_for_an_optional_field_keeps_what_is_stored_as_absence_does()
    {
        var ct = TestContext.Current.CancellationToken;
        await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("put-2"), new { ageGroup = "child", clinicianId = "clin-9" }, ct);
        var body = await (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("put-2"), new { ageGroup = (string?)null, clinicianId = "clin-10" }, ct)).BodyAsync();
        body["ageGroup"]!.GetValue<string>().ShouldBe("child");
        body["clinicianId"]!.GetValue<string>().ShouldBe("clin-10");
    }
}
