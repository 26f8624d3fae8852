using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Feedback.Api.Webhooks;

/// <summary>
/// One delivery attempt (interop.md 2.3-2.5): a signed POST with a 5 s connect and a total timeout of the endpoint's
/// budget (15 s, shorter for an endpoint that keeps timing out: <see cref="TimeoutBudgets"/>), no redirects, no
/// proxy; the host is resolved at every attempt, every address must pass the SSRF rules, and the socket connects to the
/// address that was checked (DNS rebinding cannot swap it). At most 4 KiB of the answer is kept.
/// </summary>
sealed class DeliveryClient : IDisposable
{
    public sealed record Result(int? StatusCode, TimeSpan? RetryAfter, string? Error, int DurationMs);

    const int KeptBytes = 4096;
    /// <summary>The error of an attempt that ran out of its time budget.</summary>
    public const string Timeout = "timeout";
    readonly HttpClient http;
    readonly TimeProvider clock;

    public DeliveryClient(TargetCheck targets, TimeProvider clock, IConfiguration config)
    {
        this.clock = clock;
        // Certificates a deployment trusts besides the system's (a private CA's receiver, the tests' loopback receiver).
        var trusted = (config.GetSection("Webhooks:TrustedCertificateThumbprints").Get<string[]>() ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // interop.md 2.5: no proxy unless Webhooks:EgressProxy names one (e.g. smokescreen, which then judges the targets
        // itself); the connection to that proxy is the only one not judged by the rules here.
        var proxy = config["Webhooks:EgressProxy"] is { Length: > 0 } proxyUrl ? new Uri(proxyUrl) : null;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = proxy is not null,
            Proxy = proxy is null ? null : new WebProxy(proxy),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = (context, ct) =>
                ConnectAsync(context.DnsEndPoint, targets, judge: proxy is null || context.DnsEndPoint.Host != proxy.Host || context.DnsEndPoint.Port != proxy.Port, ct),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || certificate is X509Certificate2 c && trusted.Contains(c.Thumbprint),
            },
        };
        http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Feedback-Webhooks/1");
    }

    static async ValueTask<Stream> ConnectAsync(DnsEndPoint target, TargetCheck targets, bool judge, CancellationToken ct)
    {
        var (addresses, problem) = await targets.ResolveAsync(target.Host, judge, ct);
        if (problem is not null) throw new BlockedAddressException(problem);
        var socket = new Socket(addresses[0].AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(addresses[0], target.Port), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<Result> SendAsync(string url, string messageId, IReadOnlyList<string> secretsNewestFirst, string payload, TimeSpan budget, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Header(secretsNewestFirst, messageId, timestamp, payload));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(budget);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await KeepAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            return new Result(status, RetrySchedule.RetryAfter(status, response.Headers.RetryAfter, clock.GetUtcNow()), null, Ms(watch));
        }
        catch (Exception e) when (Blocked(e) is { } blocked)
        {
            return new Result(null, null, $"blocked_address: {blocked.Message}", Ms(watch));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Result(null, null, Timeout, Ms(watch));
        }
        catch (HttpRequestException e)
        {
            return new Result(null, null, $"{e.HttpRequestError}: {e.Message}"[..Math.Min(400, e.Message.Length + e.HttpRequestError.ToString().Length + 2)], Ms(watch));
        }
    }

    // The log keeps at most 4 KiB; the rest is not read.
    static async Task KeepAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[KeptBytes];
        var read = 0;
        while (read < KeptBytes && await body.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0) read += n;
    }

    static BlockedAddressException? Blocked(Exception e) => e as BlockedAddressException ?? e.InnerException as BlockedAddressException;

    static int Ms(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);

    public void Dispose() => http.Dispose();
}
