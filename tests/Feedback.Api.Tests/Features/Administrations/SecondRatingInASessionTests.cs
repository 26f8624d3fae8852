using System.Xml.Linq;

namespace Feedback.Api.Tests.Features.Administrations;

/// <summary>
/// A second rating by one rater at one clinic session is recorded, as clinical.md v1.2 defines it (docs/decisions.md):
/// it shares the session's t (a second rating in the intake's session is baseline), and the chart draws it beside the
/// first, not joined to it. Exact duplicates stay a 409 and idempotent replays the original 201. A session is the same
/// sessionNumber or, without numbers, the same UTC date; other raters of the session are series of their own.
/// </summary>
public sealed class SecondRatingInASessionTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    async Task<string> Created(string clientId, object body)
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), body, Ct);
        var text = await rsp.Content.ReadAsStringAsync(Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    async Task<JsonArray> Points(string clientId, string instrument, string rater = "client") =>
        (await (await app.Reader.GetAsync(ApiRoutes.ProgressOf(clientId, instrument) + $"&rater={rater}", Ct)).BodyAsync())["points"]!.AsArray();

    [Fact]
    public async Task A_second_rating_in_the_intake_session_is_kept_at_t_1_as_baseline_and_drawn_beside_the_first()
    {
        var first = await Created("two-1", Http.Phq9([2, 2, 2, 2, 2, 2, 2, 2, 0], Http.Monday, session: 3));
        var second = await Created("two-1", Http.Phq9([3, 3, 2, 2, 2, 2, 2, 2, 0], Http.Monday.AddHours(1), session: 3));
        await Created("two-1", Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 0], Http.Monday.AddDays(7), session: 4));

        var points = await Points("two-1", "PHQ-9");
        points.Select(p => (p!["administrationId"]!.GetValue<string>(), p["clinicSession"]!.GetValue<int>(), p["session"]!.GetValue<int>()))
            .Take(2).ShouldBe([(first, 3, 1), (second, 3, 1)]);
        points[1]!["status"]!.GetValue<string>().ShouldBe("baseline");

        var chart = XDocument.Parse(await (await app.Reader.GetAsync(ApiRoutes.ProgressChartOf("two-1", "PHQ-9"), Ct)).Content.ReadAsStringAsync(Ct));
        var atThree = chart.Descendants().Where(e => (string?)e.Attribute("class") == "point" && (string?)e.Attribute("data-session") == "3").ToList();
        atThree.Count.ShouldBe(2);
        atThree[1].Element(Svg + "title")!.Value.ShouldEndWith("second rating at this session");
    }

    [Fact]
    public async Task Without_session_numbers_one_utc_date_is_one_session_and_each_rater_keeps_a_series_of_its_own()
    {
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("two-2"), new { ageGroup = "child" }, Ct)).EnsureSuccessStatusCode();
        await Created("two-2", Http.Administration("CORS", [5, 5, 5, 5], Http.Monday));
        await Created("two-2", Http.Administration("CORS", [6, 6, 6, 6], Http.Monday.AddHours(3)));
        await Created("two-2", Http.Administration("CORS", [4, 4, 4, 4], Http.Monday, rater: "caregiver"));
        await Created("two-2", Http.Administration("CORS", [6, 5, 5, 5], Http.Monday.AddDays(7)));

        (await Points("two-2", "CORS")).Select(p => p!["clinicSession"]!.GetValue<int>()).ShouldBe([1, 1, 2]);
        (await Points("two-2", "CORS", "caregiver")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_rating_sent_again_is_still_a_409_naming_the_stored_one()
    {
        var body = Http.Phq9([1, 2, 1, 2, 1, 2, 1, 2, 0], Http.Monday, session: 1);
        var first = await Created("two-3", body);
        var again = await (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("two-3"), body, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        again["existingId"]!.GetValue<string>().ShouldBe(first);
    }
}
