using System.Net.Sockets;
using System.Text;

namespace Feedback.Api.Tests.Security;

/// <summary>
/// Over a real socket (Kestrel enforces body limits while reading; the test server does not): a chunked
/// body over 64 KiB is a 413 and a body that stalls is a 408, never a 500, and such answers carry the security headers.
/// </summary>
public sealed class BodyLimitTests(LoopbackApp app) : IClassFixture<LoopbackApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    sealed class ChunkedContent(int bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            // Valid JSON up to its end (a long items array), so nothing refuses it before Kestrel's limit does: with an
            // unknown property in the first chunk, the JSON reader could answer 400 before 64 KiB had arrived.
            var start = Encoding.UTF8.GetBytes("""{"instrument":"PHQ-9","administeredAt":"2026-01-05T09:00:00Z","items":[""");
            await stream.WriteAsync(start);
            var filler = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("0,", 512)));
            for (var sent = start.Length; sent < bytes; sent += filler.Length) await stream.WriteAsync(filler);
            await stream.WriteAsync("0]}"u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false; // no Content-Length: Transfer-Encoding chunked
        }
    }

    static void ShouldHaveSecurityHeaders(HttpResponseMessage rsp)
    {
        rsp.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        rsp.Headers.CacheControl!.NoStore.ShouldBeTrue();
        rsp.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_is_a_413_problem_with_the_security_headers()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", app.EhrKey);
        var content = new ChunkedContent(70 * 1024);
        content.Headers.ContentType = new("application/json");
        var rsp = await http.PostAsync(ApiRoutes.AdministrationsOf("c-big"), content, Ct);
        await rsp.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        ShouldHaveSecurityHeaders(rsp);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_a_408_not_a_500()
    {
        // Kestrel's minimum body data rate (240 bytes/s after a 5 s grace period) ends a stalled upload.
        var uri = new Uri(app.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port, Ct);
        var stream = tcp.GetStream();
        var head = $"POST {ApiRoutes.AdministrationsOf("c-slow")} HTTP/1.1\r\nHost: {uri.Authority}\r\nX-Api-Key: {app.EhrKey}\r\n"
                   + "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"instrument\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        var buffer = new byte[8192];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var answer = Encoding.ASCII.GetString(buffer, 0, read);
        answer.ShouldStartWith("HTTP/1.1 408");
        answer.ShouldContain("application/problem+json");
        answer.ShouldContain("X-Content-Type-Options: nosniff");
    }
}
