namespace Feedback.Api.Tests.Security;

/// <summary>Input that used to slip through the id rules.</summary>
public sealed class StrictInputTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_id_with_a_trailing_newline_is_refused_not_stored_as_a_second_client()
    {
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("c-1001"), new { ageGroup = "adult" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await app.CountRowsAsync();
        foreach (var id in new[] { "c-1001\n", "c-1001\r\n", "\nc-1001" })
        {
            var put = await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(id), new { ageGroup = "adult" }, Ct);
            (await put.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["clientId"].ShouldNotBeNull();
            var post = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(id), Http.Phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]), Ct);
            (await post.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["clientId"].ShouldNotBeNull();
        }
        (await app.CountRowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_clinician_id_with_a_trailing_newline_is_refused_wherever_it_is_taken()
    {
        var post = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("c-2002"),
            new { instrument = "PHQ-9", administeredAt = Http.Monday, clinicianId = "dr-x\n", items = new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0 } }, Ct);
        (await post.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["clinicianId"].ShouldNotBeNull();
        var put = await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("c-2002"), new { clinicianId = "dr-x\n" }, Ct);
        (await put.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["clinicianId"].ShouldNotBeNull();
        var list = await app.Reader.GetAsync($"{ApiRoutes.AlertsPath}?clinicianId={Uri.EscapeDataString("dr-x\n")}", Ct);
        (await list.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["clinicianId"].ShouldNotBeNull();
        var ack = await app.Reader.PostAsJsonAsync(ApiRoutes.AcknowledgeAlertOf("01JC0000000000000000000L01"), new { by = "dr-x\n" }, Ct);
        (await ack.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["by"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("""{"instrument":"PHQ-9","administeredAt":"2026-01-05T09:00:00Z","items":[0,0,0,0,0,0,0,0,3],"items":[0,0,0,0,0,0,0,0,0]}""", "items")]
    [InlineData("""{"instrument":"PHQ-9","instrument":"GAD-7","administeredAt":"2026-01-05T09:00:00Z","items":[0,0,0,0,0,0,0,0,0]}""", "instrument")]
    [InlineData("""{"instrument":"PHQ-9","administeredAt":"2026-01-05T09:00:00Z","rater":"client","rater":"caregiver","items":[0,0,0,0,0,0,0,0,0]}""", "rater")]
    public async Task A_property_sent_twice_is_a_400_naming_it_and_stores_nothing(string body, string property)
    {
        var before = await app.CountRowsAsync();
        var rsp = await app.Ehr.PostAsync(ApiRoutes.AdministrationsOf("c-dup"), Http.Json(body), Ct);
        var problem = await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![property]![0]!.GetValue<string>().ShouldBe("Sent more than once: a property may appear once in an object.");
        (await app.CountRowsAsync()).ShouldBe(before);
    }
}
