using System.Xml.Linq;

namespace Feedback.Api.Tests.Features.Progress;

/// <summary>
/// A child's and the caregiver's CORS charts of one client are told apart by what they say: the title, the legend, the
/// screen-reader description and an empty chart's message name the instrument and the rater.
/// </summary>
public sealed class RaterNamedChartTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    async Task Post(string client, decimal total, int session, string rater)
    {
        var items = Enumerable.Repeat((decimal?)(total / 4), 4).ToArray();
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(client),
            Http.Administration("CORS", items, Http.Monday.AddDays(7 * session), session, rater), Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
    }

    async Task<XDocument> Chart(string client, string rater)
    {
        var rsp = await app.Reader.GetAsync(ApiRoutes.ProgressChartOf(client, "CORS") + $"&rater={rater}", Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK);
        return XDocument.Parse(await rsp.Content.ReadAsStringAsync(Ct));
    }

    static List<string> Texts(XDocument d) => [.. d.Descendants(Svg + "text").Select(t => t.Value)];

    [Fact]
    public async Task The_childs_and_the_caregivers_CORS_charts_name_their_rater_in_title_legend_and_description()
    {
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("rn-1"), new { ageGroup = "child" }, Ct)).EnsureSuccessStatusCode();
        foreach (var session in new[] { 1, 2 })
        {
            await Post("rn-1", 24, session, "client");
            await Post("rn-1", 20, session, "caregiver");
        }
        var child = await Chart("rn-1", "client");
        var caregiver = await Chart("rn-1", "caregiver");

        child.Root!.Element(Svg + "title")!.Value.ShouldBe("CORS: client's rating");
        caregiver.Root!.Element(Svg + "title")!.Value.ShouldBe("CORS: caregiver's rating");
        Texts(child).ShouldContain("CORS: client's ratings");
        Texts(caregiver).ShouldContain("CORS: caregiver's ratings");
        caregiver.Root!.Element(Svg + "desc")!.Value.ShouldStartWith("CORS: caregiver's rating");
        Texts(caregiver).ShouldNotContain("CORS: client's ratings");
    }

    [Fact]
    public async Task An_empty_chart_says_whose_ratings_are_missing()
    {
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("rn-2"), new { ageGroup = "child" }, Ct)).EnsureSuccessStatusCode();
        await Post("rn-2", 24, 1, "client");
        Texts(await Chart("rn-2", "caregiver")).ShouldContain("No administrations of CORS by the caregiver in this episode yet");
    }
}
