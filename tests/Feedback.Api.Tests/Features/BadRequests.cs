using System.Net.Http.Headers;
using System.Text;

namespace Feedback.Api.Tests.Features;

/// <summary>
/// The hand-made bad requests of bad-requests.json, one per line of defence: each gets a 400/413/415 problem+json naming
/// the field where there is one, never a 500, and leaves every table as it was.
/// </summary>
public sealed class BadRequests(App app) : IClassFixture<App>
{
    sealed record Case(string Name, string Method, string Path, string Key, string? ContentType, string? Body, int Status, string? Field);

    static readonly Lazy<Dictionary<string, Case>> Cases = new(() =>
        JsonSerializer.Deserialize<List<Case>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features", "bad-requests.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!.ToDictionary(c => c.Name));

    public static TheoryData<string> Names() => [.. Cases.Value.Keys];

    [Fact]
    public void There_are_at_least_100_cases()
    {
        Cases.Value.Count.ShouldBeGreaterThanOrEqualTo(100);
    }

    [Theory, MemberData(nameof(Names))]
    public async Task Is_refused_with_a_problem_and_writes_nothing(string name)
    {
        var c = Cases.Value[name];
        var client = c.Key == "admin" ? app.Admin : app.Ehr;
        var rowsBefore = await app.CountRowsAsync();

        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
        if (c.Body is not null)
        {
            var body = c.Body == "@oversize" ? OversizedBody() : c.Body;
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = c.ContentType is null ? null : MediaTypeHeaderValue.Parse(c.ContentType);
        }
        var rsp = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await rsp.ShouldBeProblemAsync((HttpStatusCode)c.Status);
        if (c.Field is not null)
            problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain(c.Field);
        (await app.CountRowsAsync()).ShouldBe(rowsBefore);
    }

    static string OversizedBody() =>
        "{\"instrument\":\"PHQ-9\",\"administeredAt\":\"2026-11-16T09:00:00Z\",\"clinicianId\":\"" + new string('x', 70_000) + "\",\"items\":[1,1,1,1,1,1,1,1,0]}";
}
