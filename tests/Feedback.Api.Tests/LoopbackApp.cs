using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests;

/// <summary>The service on a real Kestrel socket on loopback (an ephemeral port), for clients that are not .NET's test client.</summary>
public sealed class LoopbackApp : App
{
    public LoopbackApp() => UseKestrel(0);

    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');

    public override async ValueTask InitializeAsync()
    {
        StartServer();
        await base.InitializeAsync();
    }
}
