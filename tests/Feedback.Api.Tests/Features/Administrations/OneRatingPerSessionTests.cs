using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Features.Administrations;

/// <summary>
/// One rating per rater, instrument and clinic session of an episode (docs/decisions.md): a second one with other content
/// is a 409 naming the stored one, never a jump in progress. A session is the same sessionNumber or, when neither carries
/// one, the same UTC date (clinical.md v1.2 section 6's pairing rule). Other raters of the session stay valid.
/// </summary>
public sealed class OneRatingPerSessionTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    Task<HttpResponseMessage> Post(string clientId, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.AdministrationsOf(clientId)) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return app.Ehr.SendAsync(request, Ct);
    }

    async Task<string> Created(string clientId, object body)
    {
        var rsp = await Post(clientId, body);
        var text = await rsp.Content.ReadAsStringAsync(Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    async Task<int> ProgressPoints(string clientId, string instrument, string rater = "client") =>
        (await (await app.Reader.GetAsync($"{ApiRoutes.ClientOf(clientId)}/progress?instrument={instrument}&rater={rater}", Ct)).BodyAsync())
            ["points"]!.AsArray().Count;

    [Fact]
    public async Task A_second_rating_by_the_same_rater_in_a_numbered_session_is_409_naming_the_first_and_writes_nothing()
    {
        var first = await Created("one-1", Http.Phq9([2, 2, 2, 2, 2, 2, 1, 1, 0], Http.Monday, session: 3));
        var rows = await app.CountRowsAsync();

        var problem = await (await Post("one-1", Http.Phq9([3, 3, 3, 3, 3, 3, 3, 3, 0], Http.Monday.AddHours(2), session: 3)))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem["existingId"]!.GetValue<string>().ShouldBe(first);
        problem["errors"]!["sessionNumber"]![0]!.GetValue<string>().ShouldContain(first);
        problem["detail"]!.GetValue<string>().ShouldContain(ApiRoutes.AdministrationOf("one-1", first));
        (await app.CountRowsAsync()).ShouldBe(rows);
        (await ProgressPoints("one-1", "PHQ-9")).ShouldBe(1);

        // The next session is a rating of its own.
        await Created("one-1", Http.Phq9([3, 3, 3, 3, 3, 3, 3, 3, 0], Http.Monday.AddDays(7), session: 4));
        (await ProgressPoints("one-1", "PHQ-9")).ShouldBe(2);
    }

    [Fact]
    public async Task The_child_and_the_caregiver_rate_the_same_session_and_each_keeps_one_rating()
    {
        await Created("one-2", Http.Administration("CORS", [7, 7, 7, 7], Http.Monday, session: 2, rater: "client"));
        await Created("one-2", Http.Administration("CORS", [5, 5, 5, 5], Http.Monday, session: 2, rater: "caregiver"));
        await Created("one-2", Http.Administration("ORS", [5, 5, 5, 5], Http.Monday, session: 2, rater: "client"));
        var again = await (await Post("one-2", Http.Administration("CORS", [6, 6, 6, 6], Http.Monday.AddMinutes(5), session: 2, rater: "caregiver")))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        again["errors"]!["sessionNumber"].ShouldNotBeNull();
        (await ProgressPoints("one-2", "CORS", "caregiver")).ShouldBe(1);
    }

    [Fact]
    public async Task Without_session_numbers_the_same_utc_date_is_the_same_session()
    {
        var morning = Http.Monday.AddDays(1);
        var first = await Created("one-3", Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 0], morning));
        var problem = await (await Post("one-3", Http.Phq9([2, 1, 1, 1, 1, 1, 1, 1, 0], morning.AddHours(8))))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem["existingId"]!.GetValue<string>().ShouldBe(first);
        problem["errors"]!["administeredAt"]![0]!.GetValue<string>().ShouldContain(first);

        // A numbered and an unnumbered rating are never the same session; the next date is the next session.
        await Created("one-3", Http.Phq9([2, 1, 1, 1, 1, 1, 1, 1, 0], morning.AddHours(8), session: 2));
        await Created("one-3", Http.Phq9([2, 2, 1, 1, 1, 1, 1, 1, 0], morning.AddDays(1)));
        (await ProgressPoints("one-3", "PHQ-9")).ShouldBe(3);
    }

    [Fact]
    public async Task An_idempotent_replay_is_still_the_original_201_and_an_exact_duplicate_still_409_identical()
    {
        var body = Http.Phq9([1, 2, 1, 2, 1, 2, 1, 2, 0], Http.Monday, session: 1);
        var first = await Post("one-4", body, "one-4-key");
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var replay = await Post("one-4", body, "one-4-key");
        replay.StatusCode.ShouldBe(HttpStatusCode.Created);
        replay.Headers.GetValues("Idempotent-Replay").ShouldBe(["true"]);
        (await replay.BodyAsync())["id"]!.GetValue<string>().ShouldBe((await first.BodyAsync())["id"]!.GetValue<string>());

        var identical = await (await Post("one-4", body)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        identical["detail"]!.GetValue<string>().ShouldContain("identical");
        identical["errors"].ShouldBeNull();
    }

    [Fact]
    public async Task An_import_gets_the_same_rule_and_answers_the_second_line_as_a_duplicate_of_the_first()
    {
        var at = app.Clock.GetUtcNow().AddDays(-100);
        var result = await ImportAsync(app.Admin,
        [
            Line("one-5-a", "one-5", "CORS", [5, 5, 5, 5], at, session: 1),
            Line("one-5-b", "one-5", "CORS", [6, 5, 5, 5], at.AddHours(1), session: 1),
            Line("one-5-c", "one-5", "CORS", [6, 5, 5, 5], at.AddHours(1), session: 1, rater: "caregiver"),
        ]);
        result.Results.Select(r => r["status"]!.GetValue<string>()).ShouldBe(["created", "duplicate", "created"]);
        result.Results[1]["administrationId"]!.GetValue<string>().ShouldBe(result.Results[0]["administrationId"]!.GetValue<string>());
    }
}
