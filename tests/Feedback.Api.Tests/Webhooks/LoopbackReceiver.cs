using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>
/// A real HTTPS receiver on loopback with a self-signed certificate: records every delivery (headers and body) and
/// answers with the statuses queued in <see cref="Answers"/> (then 204).
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    public sealed record Delivery(string Path, string Id, string Timestamp, string Signature, string UserAgent, string ContentType, string Body, DateTimeOffset ReceivedAt);

    readonly WebApplication app;
    public X509Certificate2 Certificate { get; }
    public ConcurrentQueue<Delivery> Received { get; } = new();
    /// <summary>Per path name: the statuses (and Retry-After) to answer, in order; then 204.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<(int Status, string? RetryAfter)>> Answers { get; } = new();
    string BaseUrl { get; }

    /// <summary>The URL of one path of this receiver: each test's endpoint has its own.</summary>
    public string Url(string name) => $"{BaseUrl}/{name}";

    public void Answer(string name, params (int Status, string? RetryAfter)[] answers) =>
        Answers[name] = new ConcurrentQueue<(int, string?)>(answers);

    LoopbackReceiver(WebApplication app, X509Certificate2 certificate, string url)
    {
        (this.app, Certificate, BaseUrl) = (app, certificate, url);
    }

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate)));
        var app = builder.Build();
        LoopbackReceiver? receiver = null;
        app.MapPost("/hooks/{name}", async (HttpContext ctx, string name) =>
        {
            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            var h = ctx.Request.Headers;
            receiver!.Received.Enqueue(new Delivery(name, h["webhook-id"].ToString(), h["webhook-timestamp"].ToString(), h["webhook-signature"].ToString(),
                h.UserAgent.ToString(), ctx.Request.ContentType ?? "", body, DateTimeOffset.UtcNow));
            if (receiver.Answers.TryGetValue(name, out var queue) && queue.TryDequeue(out var answer))
            {
                if (answer.RetryAfter is not null) ctx.Response.Headers.RetryAfter = answer.RetryAfter;
                return Results.StatusCode(answer.Status);
            }
            return Results.NoContent();
        });
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        receiver = new LoopbackReceiver(app, certificate, $"https://127.0.0.1:{port}/hooks");
        return receiver;
    }

    static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=feedback-test-receiver", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was received (deliveries are asynchronous).</summary>
    public async Task<List<Delivery>> WaitForAsync(string name, Func<IReadOnlyList<Delivery>, bool> done, TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < until)
        {
            var now = Received.Where(d => d.Path == name).ToList();
            if (done(now)) return now;
            await Task.Delay(50);
        }
        var seen = Received.Where(d => d.Path == name).ToList();
        throw new TimeoutException($"The receiver got {seen.Count} deliveries: {string.Join(", ", seen.Select(d => d.Body))}");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Certificate.Dispose();
    }
}
