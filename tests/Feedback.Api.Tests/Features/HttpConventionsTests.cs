namespace Feedback.Api.Tests.Features;

/// <summary>Refusals an outside integrator met: each must be a problem+json 400 naming what was wrong, and write nothing.</summary>
public sealed class HttpConventionsTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> RoutesWithBodies() => new()
    {
        { "POST", ApiRoutes.AdministrationsOf("hc-1") }, { "PUT", ApiRoutes.ClientOf("hc-1") },
        { "POST", ApiRoutes.AcknowledgeAlertOf("01JDB4E3QA1B2C3D4E5F6G7H8J") },
    };

    [Theory, MemberData(nameof(RoutesWithBodies))]
    public async Task A_request_without_a_body_or_content_type_is_a_400_naming_the_body(string method, string path)
    {
        var before = await app.CountRowsAsync();
        var rsp = await app.Ehr.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        var problem = await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain("body");
        (await app.CountRowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_misspelt_worklist_filter_is_a_400_naming_it_not_every_clients_alerts()
    {
        var rsp = await app.Ehr.GetAsync($"{ApiRoutes.AlertsPath}?client_id=c-1&status=any", Ct);
        var problem = await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["client_id"]);
    }

    [Fact]
    public async Task Query_parameter_names_are_matched_without_regard_to_case_as_before()
    {
        (await app.Ehr.GetAsync($"{ApiRoutes.AlertsPath}?ClientId=c-1&STATUS=any", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_operation_without_query_parameters_refuses_one()
    {
        var rsp = await app.Ehr.GetAsync($"{ApiRoutes.InstrumentsPath}?cursor=abc", Ct);
        (await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["cursor"].ShouldNotBeNull();
    }
}
