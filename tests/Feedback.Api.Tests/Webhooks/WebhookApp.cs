using System.Net;
using Feedback.Api.Webhooks;
using Feedback.Data.Tenants;
using Feedback.Data.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>
/// The service in Development (loopback targets are allowed only there, interop.md 2.5) with an HTTPS loopback receiver
/// it trusts, and names that resolve where a test says (a stub resolver for the SSRF checks at delivery).
/// </summary>
public sealed class WebhookApp : App
{
    public LoopbackReceiver Receiver { get; private set; } = null!;
    public Dictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected override string EnvironmentName => "Development";

    public WebhookApp() { }

    /// <summary>A restart over another app's database folder (which that app deletes).</summary>
    internal WebhookApp(string folder) : base(folder, deleteOnDispose: false) { }

    sealed class StubResolver(Dictionary<string, IPAddress[]> names) : AddressResolver
    {
        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
            names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : base.ResolveAsync(host, ct);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Receiver ??= LoopbackReceiver.StartAsync().GetAwaiter().GetResult();
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:TrustedCertificateThumbprints:0", Receiver.Certificate.Thumbprint);
        builder.ConfigureServices(s => s.AddSingleton<AddressResolver>(new StubResolver(Names)));
    }

    /// <summary>An endpoint of tenant-a stored as the create route stores it; its secret in clear for the test.</summary>
    public async Task<(string Id, string Secret)> NewEndpointAsync(string url, string eventTypes = "alert.created,alert.acknowledged,alert.resolved,administration.created", string minPriority = "normal")
    {
        var secret = WebhookSignature.NewSecret();
        var id = Ulid.NewUlid().ToString();
        var db = Services.GetRequiredService<Feedback.Data.Connections.Database>();
        await using var tx = await db.BeginAsync(CancellationToken.None);
        var tenant = (await Services.GetRequiredService<TenantRepository>().FindIdByNameAsync(tx, "tenant-a", CancellationToken.None))!.Value;
        await Services.GetRequiredService<WebhookRepository>().InsertEndpointAsync(tx, tenant, new WebhookEndpointRow
        {
            Id = id, Url = url, EventTypes = eventTypes, MinPriority = minPriority, Enabled = true,
            Secret = Services.GetRequiredService<SecretProtector>().Protect(secret), CreatedAt = Clock.GetUtcNow(), UpdatedAt = Clock.GetUtcNow(),
        }, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return (id, secret);
    }

    /// <summary>Tenant-a's id, for rows a test writes directly.</summary>
    public async Task<long> TenantAAsync()
    {
        await using var s = await Services.GetRequiredService<Feedback.Data.Connections.Database>().ReadAsync(CancellationToken.None);
        return (await Services.GetRequiredService<TenantRepository>().FindIdByNameAsync(s, "tenant-a", CancellationToken.None))!.Value;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
