using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Security;

/// <summary>Every request arrives from one load balancer at 10.0.0.1, 3 requests a second per caller.</summary>
public class BehindBalancerApp : App
{
    sealed class FromBalancer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext ctx, Func<Task> go) =>
            {
                ctx.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.1");
                return go();
            });
            next(app);
        };
    }

    protected override int PermitsPerSecond => 3;

    protected virtual string? KnownProxy => "10.0.0.1";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (KnownProxy is not null) builder.UseSetting("ForwardedHeaders:KnownProxies:0", KnownProxy);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, FromBalancer>());
    }
}

/// <summary>The same, but the balancer is not configured as a known proxy.</summary>
public sealed class UnknownBalancerApp : BehindBalancerApp
{
    protected override string? KnownProxy => null;
}

/// <summary>X-Forwarded-For from a configured proxy separates callers' buckets; from anyone else it is ignored.</summary>
public sealed class ProxyTests(BehindBalancerApp app) : IClassFixture<BehindBalancerApp>
{
    internal static async Task<(List<HttpStatusCode> First, HttpStatusCode Other)> BadKeysFromTwoCallersAsync(App app)
    {
        var ct = TestContext.Current.CancellationToken;
        async Task<HttpStatusCode> Send(string caller)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.AlertsPath);
            request.Headers.Add("X-Api-Key", "not-a-key");
            request.Headers.Add("X-Forwarded-For", caller);
            return (await app.Anonymous.SendAsync(request, ct)).StatusCode;
        }
        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++) first.Add(await Send("203.0.113.5"));
        return (first, await Send("203.0.113.6"));
    }

    [Fact]
    public async Task A_caller_behind_a_known_proxy_has_its_own_bucket()
    {
        var (first, other) = await BadKeysFromTwoCallersAsync(app);
        first.ShouldContain(HttpStatusCode.TooManyRequests);
        other.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class UnknownProxyTests(UnknownBalancerApp app) : IClassFixture<UnknownBalancerApp>
{
    [Fact]
    public async Task X_forwarded_for_from_an_address_not_configured_as_a_proxy_is_ignored()
    {
        var (first, other) = await ProxyTests.BadKeysFromTwoCallersAsync(app);
        first.ShouldContain(HttpStatusCode.TooManyRequests);
        other.ShouldBe(HttpStatusCode.TooManyRequests); // one bucket: the balancer's address
    }
}
