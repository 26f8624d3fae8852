namespace Feedback.Api.Tests.Features.Administrations;

public sealed class RestartTests
{
    [Fact]
    public async Task An_acknowledged_administration_is_there_after_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), "feedback-api-tests", Guid.NewGuid().ToString("N"));
        string location, key;
        await using (var first = new App(folder, deleteOnDispose: false))
        {
            await first.InitializeAsync();
            var rsp = await first.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("restart-1"), Http.Phq9([2, 2, 2, 2, 2, 2, 1, 1, 0]), ct);
            rsp.StatusCode.ShouldBe(HttpStatusCode.Created);
            location = rsp.Headers.Location!.ToString();
            key = first.Keys[0];
        }
        await using var second = new App(folder);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var stored = await (await client.GetAsync(location, ct)).BodyAsync();
        stored["score"]!["total"]!.GetValue<decimal>().ShouldBe(14);
    }
}
