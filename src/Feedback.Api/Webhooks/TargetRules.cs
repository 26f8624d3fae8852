using System.Net;
using System.Net.Sockets;

namespace Feedback.Api.Webhooks;

/// <summary>
/// SSRF protection (interop.md 2.5), the same rules at create/update and at every attempt: https only (http only to
/// loopback in Development), no userinfo, and every address the host resolves to outside the blocked ranges, unless a
/// deployment opens private networks with `Webhooks:AllowedPrivateNetworks`. Loopback is Development-only; link-local
/// (169.254/16, the cloud metadata address among it) never.
/// </summary>
sealed class TargetRules
{
    public const string AllowedPrivateNetworksSetting = "Webhooks:AllowedPrivateNetworks";

    static readonly IPNetwork[] Blocked =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"), IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    // Only these private ranges may be opened by the deployment setting.
    static readonly IPNetwork[] Openable =
    [
        IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("fc00::/7"),
    ];

    static readonly IPNetwork Loopback4 = IPNetwork.Parse("127.0.0.0/8");
    static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]", "::1"];

    readonly IReadOnlyList<IPNetwork> allowedPrivate;
    readonly bool development;

    public TargetRules(IReadOnlyList<IPNetwork> allowedPrivate, bool development)
    {
        foreach (var network in allowedPrivate)
            if (!Openable.Any(o => o.BaseAddress.AddressFamily == network.BaseAddress.AddressFamily && o.PrefixLength <= network.PrefixLength && o.Contains(network.BaseAddress)))
                throw new ArgumentException($"{AllowedPrivateNetworksSetting}: {network} is not inside 10/8, 172.16/12, 192.168/16, 100.64/10 or fc00::/7.");
        this.allowedPrivate = allowedPrivate;
        this.development = development;
    }

    public static TargetRules From(IConfiguration config, IHostEnvironment environment) =>
        new([.. (config.GetSection(AllowedPrivateNetworksSetting).Get<string[]>() ?? []).Select(IPNetwork.Parse)], environment.IsDevelopment());

    /// <summary>Why this URL may not be a target before any lookup (scheme, userinfo, http outside Development); null if it may.</summary>
    public string? CheckUrl(string? text)
    {
        // (on Unix "/hooks" is an absolute file: URI)
        if (text is null || text.Length > 2048 || text.Any(char.IsWhiteSpace) || !Uri.TryCreate(text, UriKind.Absolute, out var url)
            || url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            return "Must be an absolute https URL of at most 2048 characters, without spaces.";
        if (url.UserInfo.Length > 0) return "Must not hold a user name or password.";
        if (url.Scheme == Uri.UriSchemeHttps) return null;
        if (url.Scheme == Uri.UriSchemeHttp && development && LoopbackHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase)) return null;
        return development ? "Must be https (http only to localhost, 127.0.0.1 or [::1] in Development)." : "Must be https.";
    }

    /// <summary>Why this address may not be connected to; null if it may. ::ffff:a.b.c.d is judged as a.b.c.d.</summary>
    public string? CheckAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (development && (IPAddress.IsLoopback(address) || Loopback4.Contains(address))) return null;
        if (!Blocked.Any(b => b.BaseAddress.AddressFamily == address.AddressFamily && b.Contains(address))) return null;
        if (allowedPrivate.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address))) return null;
        return $"Resolves to {address}, a {Describe(address)} address.";
    }

    static string Describe(IPAddress address) =>
        IPAddress.IsLoopback(address) ? "loopback"
        : address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] == 169 ? "link-local"
        : address.IsIPv6LinkLocal ? "link-local"
        : address.IsIPv6Multicast || address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] >= 224 ? "multicast or reserved"
        : "private";
}
