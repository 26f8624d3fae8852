using Feedback.Clinical.Instruments;
using Feedback.Clinical.Scoring;

namespace Feedback.Api.Tests.Features.Alliance;

/// <summary>Posting ratings over HTTP and reading what came back, for the alliance-v2 tests.</summary>
sealed class AllianceHttp(App app)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Answers that add up to a wanted total: equal shares, the remainder (in the instrument's step) over the first items.</summary>
    public static decimal?[] Items(string code, decimal total)
    {
        var i = Catalogue.Get(code);
        var step = i.Decimals == 0 ? 1m : 0.1m;
        var units = (int)((total - i.ItemMin * i.ItemCount) / step);
        var items = Enumerable.Range(0, i.ItemCount).Select(k => (decimal?)(i.ItemMin + (units / i.ItemCount + (k < units % i.ItemCount ? 1 : 0)) * step)).ToArray();
        Scorer.Score(i, items).Total.ShouldBe(total);
        return items;
    }

    public async Task<JsonNode> PostAsync(string clientId, string instrument, decimal total, DateTimeOffset at, int? session, string rater = "client", string? episodeId = null)
    {
        var body = new { instrument, administeredAt = at, sessionNumber = session, rater, items = Items(instrument, total), episodeId };
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(clientId), body, Ct);
        var answer = await rsp.BodyAsync();
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, answer.ToJsonString());
        return answer;
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        var rsp = await app.Reader.GetAsync(path, Ct);
        var body = await rsp.BodyAsync();
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>Every alert of the client, any status, as (kind, priority, status, administrationId).</summary>
    public async Task<List<JsonNode>> AlertsAsync(string clientId, string? kind = null) =>
        [.. (await GetAsync($"{ApiRoutes.AlertsPath}?clientId={clientId}&status=any&limit=200{(kind is null ? "" : $"&kind={kind}")}"))["items"]!.AsArray().Select(a => a!)];

    public static List<(string Kind, string Priority)> Raised(JsonNode answer, params string[] kinds) =>
        [.. answer["alerts"]!.AsArray().Select(a => (a!["kind"]!.GetValue<string>(), a["priority"]!.GetValue<string>()))
            .Where(a => kinds.Length == 0 || kinds.Contains(a.Item1))];

    public static readonly string[] V2 = ["alliance_rupture", "rupture_unrepaired", "early_alliance_risk"];
}
