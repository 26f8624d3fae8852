using System.Text;

namespace Feedback.Api.Tests;

/// <summary>Small helpers for building requests and reading answers.</summary>
static class Http
{
    // A Monday far enough back that a whole replayed episode after it is still in the past.
    public static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static object Phq9(int?[] items, DateTimeOffset? at = null, int? session = null, string? episodeId = null) => new
    {
        instrument = "PHQ-9", administeredAt = at ?? Monday, sessionNumber = session, episodeId, items,
    };

    public static object Administration(string instrument, decimal?[] items, DateTimeOffset at, int? session = null, string rater = "client") => new
    {
        instrument, administeredAt = at, sessionNumber = session, rater, items,
    };

    public static async Task<JsonNode> BodyAsync(this HttpResponseMessage rsp) =>
        JsonNode.Parse(await rsp.Content.ReadAsStringAsync())!;

    /// <summary>Asserts a problem+json answer with this status; returns its body.</summary>
    public static async Task<JsonNode> ShouldBeProblemAsync(this HttpResponseMessage rsp, HttpStatusCode status)
    {
        var text = await rsp.Content.ReadAsStringAsync();
        rsp.StatusCode.ShouldBe(status, text);
        rsp.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = JsonNode.Parse(text)!;
        body["status"]!.GetValue<int>().ShouldBe((int)status);
        body["title"].ShouldNotBeNull();
        body["type"].ShouldNotBeNull();
        body["detail"].ShouldNotBeNull();
        body["traceId"].ShouldNotBeNull();
        return body;
    }
}
