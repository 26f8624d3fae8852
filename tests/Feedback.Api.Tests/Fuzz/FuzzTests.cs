using System.Diagnostics;
using System.Net.Http.Headers;

namespace Feedback.Api.Tests.Fuzz;

/// <summary>
/// At least 10,000 seeded malformed requests through the real pipeline: none answered 5xx, every 4xx a problem+json,
/// and not one row written. The count bounds the run (about 8 s here); FEEDBACK_FUZZ_SEED and FEEDBACK_FUZZ_COUNT
/// reproduce or widen it.
/// </summary>
public sealed class FuzzTests(App app) : IClassFixture<App>
{
    const int DefaultCount = 10_000;
    const int DefaultSeed = 20261123;

    static string Preview(byte[]? body) => body is null ? "-" : System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)]);

    [Fact]
    public async Task Ten_thousand_malformed_requests_get_4xx_problems_and_change_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FEEDBACK_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("FEEDBACK_FUZZ_COUNT"), out var c) ? c : DefaultCount;
        var generator = new MalformedRequests(seed);
        var clients = new Dictionary<string, HttpClient> { ["ehr"] = app.Ehr, ["admin"] = app.Admin, ["anonymous"] = app.Anonymous };
        var rows = await app.CountRowsAsync();
        var failures = new List<string>();
        var byStatus = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();

        for (var n = 0; n < count; n++)
        {
            var fuzz = generator.Next();
            using var request = new HttpRequestMessage(fuzz.Method, fuzz.Path);
            if (fuzz.Body is not null)
            {
                request.Content = new ByteArrayContent(fuzz.Body);
                if (fuzz.ContentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(fuzz.ContentType);
            }
            foreach (var (name, value) in fuzz.Headers)
                if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);

            using var rsp = await clients[fuzz.Client].SendAsync(request, ct);
            var status = (int)rsp.StatusCode;
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            var problem = rsp.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if (status >= 500 || (status >= 400 && !problem) || (fuzz.Method != HttpMethod.Get && status < 400))
                failures.Add($"#{n} seed {seed}: {fuzz.Method} {fuzz.Path} -> {status} {rsp.Content.Headers.ContentType} body {Preview(fuzz.Body)}");
        }

        var summary = $"fuzz: seed {seed}, {byStatus.Values.Sum()} requests in {clock.Elapsed.TotalSeconds:0.0} s, " +
            string.Join(", ", byStatus.OrderBy(k => k.Key).Select(k => $"{k.Key}: {k.Value}"));
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("FEEDBACK_FUZZ_REPORT") is { Length: > 0 } report)
            await File.WriteAllTextAsync(report, summary + Environment.NewLine, ct);
        failures.Take(20).ShouldBeEmpty();
        byStatus.Values.Sum().ShouldBe(count);
        byStatus.Keys.ShouldAllBe(k => k < 500);
        (await app.CountRowsAsync()).ShouldBe(rows);
    }
}
