using Feedback.Clinical.Alerts;
using Feedback.Clinical.Instruments;

namespace Feedback.Api.Tests.Contract;

/// <summary>
/// A 400 names the field and what would be valid (api.md "Errors"): an unknown enum value lists the allowed values (from
/// the enum itself, so a value added later is listed too), a timestamp without an offset states the format.
/// </summary>
public sealed class ValidValuesTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<string> MessageOfAsync(HttpResponseMessage rsp, string field)
    {
        var body = await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var messages = body["errors"]![field]?.AsArray().Select(m => m!.GetValue<string>()).ToList();
        messages.ShouldNotBeNull($"no error for {field}: {body.ToJsonString()}");
        return string.Join(" ", messages);
    }

    static void ShouldListEvery(string message, IEnumerable<string> values)
    {
        message.ShouldContain("Must be one of: ");
        foreach (var value in values) message.ShouldContain(value);
    }

    [Fact]
    public async Task An_unknown_rater_in_a_body_lists_the_raters()
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("valid-1"), new
        {
            instrument = "PHQ-9", administeredAt = Http.Monday, rater = "grandparent", items = new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0 },
        }, Ct);
        ShouldListEvery(await MessageOfAsync(rsp, "rater"), Names.All<Rater>());
    }

    [Fact]
    public async Task An_unknown_age_group_in_a_body_lists_the_age_groups()
    {
        var rsp = await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("valid-2"), new { ageGroup = "teenager" }, Ct);
        ShouldListEvery(await MessageOfAsync(rsp, "ageGroup"), Names.All<AgeGroup>());
    }

    [Fact]
    public async Task A_value_of_another_enum_type_in_a_body_lists_the_values_too()
    {
        var rsp = await app.Ehr.PutAsync(ApiRoutes.ClientOf("valid-3"), Http.Json("""{"ageGroup":7}"""), Ct);
        ShouldListEvery(await MessageOfAsync(rsp, "ageGroup"), Names.All<AgeGroup>());
    }

    [Fact]
    public async Task An_unknown_enum_value_in_a_query_lists_the_allowed_values()
    {
        var kind = await app.Reader.GetAsync(ApiRoutes.AlertsPath + "?kind=bogus", Ct);
        ShouldListEvery(await MessageOfAsync(kind, "kind"), Names.All<AlertKind>());
        var priority = await app.Reader.GetAsync(ApiRoutes.AlertsPath + "?priority=critical", Ct);
        ShouldListEvery(await MessageOfAsync(priority, "priority"), Names.All<AlertPriority>());
        var rater = await app.Reader.GetAsync(ApiRoutes.ProgressOf("valid-4", "PHQ-9") + "&rater=aunt", Ct);
        ShouldListEvery(await MessageOfAsync(rater, "rater"), Names.All<Rater>());
    }

    [Theory]
    [InlineData("2026-01-05T09:00:00")]
    [InlineData("2026-01-05 09:00")]
    [InlineData("yesterday")]
    public async Task A_timestamp_without_an_offset_states_the_format(string administeredAt)
    {
        var rsp = await app.Ehr.PostAsync(ApiRoutes.AdministrationsOf("valid-5"), Http.Json($$"""
            {"instrument":"PHQ-9","administeredAt":"{{administeredAt}}","items":[0,0,0,0,0,0,0,0,0]}
            """), Ct);
        var message = await MessageOfAsync(rsp, "administeredAt");
        message.ShouldContain("RFC 3339");
        message.ShouldContain("2026-11-20T09:15:00Z");
    }

    [Fact]
    public async Task A_wrong_type_still_names_the_field_without_echoing_the_input()
    {
        var rsp = await app.Ehr.PostAsync(ApiRoutes.AdministrationsOf("valid-6"), Http.Json("""
            {"instrument":"PHQ-9","administeredAt":"2026-01-05T09:00:00Z","sessionNumber":"secret-7","items":[0,0,0,0,0,0,0,0,0]}
            """), Ct);
        var message = await MessageOfAsync(rsp, "sessionNumber");
        message.ShouldNotContain("secret-7");
    }
}
