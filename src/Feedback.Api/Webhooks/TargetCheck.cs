using System.Net;

namespace Feedback.Api.Webhooks;

/// <summary>
/// The SSRF rules applied to a host as it resolves now (interop.md 2.5): every address must pass. One routine for the
/// check at create/update and the one at every attempt, where the socket then connects to the address checked.
/// </summary>
sealed class TargetCheck(TargetRules rules, AddressResolver resolver)
{
    /// <summary>What the rules say of a URL before it is stored; null when it may be a target.</summary>
    public async Task<string?> ProblemAsync(string url, CancellationToken ct)
    {
        if (rules.CheckUrl(url) is { } problem) return problem;
        try
        {
            return (await ResolveAsync(new Uri(url).Host, judge: true, ct)).Problem;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return $"{new Uri(url).Host.Trim('[', ']')} does not resolve.";
        }
    }

    /// <summary>
    /// The host's addresses (a literal is its own) and, when <paramref name="judge"/>, why one of them may not be used;
    /// null when all may. A failed lookup throws, as DNS does.
    /// </summary>
    public async Task<(IPAddress[] Addresses, string? Problem)> ResolveAsync(string host, bool judge, CancellationToken ct)
    {
        host = host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, ct);
        if (addresses.Length == 0) return ([], $"{host} does not resolve.");
        return (addresses, judge ? addresses.Select(rules.CheckAddress).FirstOrDefault(p => p is not null) : null);
    }
}
