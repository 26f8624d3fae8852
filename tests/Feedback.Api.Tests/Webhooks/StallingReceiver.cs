using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>A receiver that accepts every TCP connection and never answers (not even the TLS handshake).</summary>
public sealed class StallingReceiver : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly ConcurrentBag<Socket> held = [];
    readonly CancellationTokenSource stop = new();
    readonly Task accepting;

    public StallingReceiver()
    {
        listener.Start(1000);
        accepting = AcceptAsync();
    }

    public string Url => $"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hooks/stalled";

    /// <summary>Connections accepted so far.</summary>
    public int Connections => held.Count;

    async Task AcceptAsync()
    {
        try
        {
            while (true) held.Add(await listener.AcceptSocketAsync(stop.Token));
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        foreach (var socket in held) socket.Dispose();
        stop.Dispose();
    }
}
