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

    sealed record Range(IPNetwork Network, string Kind);

    static Range R(string cidr, string kind) => new(IPNetwork.Parse(cidr), kind);

    // Every entry of the IANA IPv4 Special-Purpose Address Registry (RFC 6890,
    // https://www.iana.org/assignments/iana-ipv4-special-registry/), the globally reachable ones too (AS112, AMT, the
    // anycast of 192.0.0.0/24: no webhook receiver lives there), plus multicast (224/4, the IPv4 Multicast Address Space
    // Registry). Larger ranges before the ones inside them only matters for the name in the message.
    static readonly Range[] SpecialIPv4 =
    [
        R("0.0.0.0/8", "this-network"), R("10.0.0.0/8", "private"), R("100.64.0.0/10", "shared (carrier-grade NAT)"), R("127.0.0.0/8", "loopback"),
        R("169.254.0.0/16", "link-local"), R("172.16.0.0/12", "private"), R("192.0.0.0/24", "IETF protocol assignment"),
        R("192.0.2.0/24", "documentation (TEST-NET-1)"), R("192.31.196.0/24", "AS112"), R("192.52.193.0/24", "AMT"),
        R("192.88.99.0/24", "6to4 relay anycast"), R("192.168.0.0/16", "private"), R("192.175.48.0/24", "AS112"),
        R("198.18.0.0/15", "benchmarking"), R("198.51.100.0/24", "documentation (TEST-NET-2)"), R("203.0.113.0/24", "documentation (TEST-NET-3)"),
        R("224.0.0.0/4", "multicast"), R("240.0.0.0/4", "reserved"),
    ];

    // Every entry of the IANA IPv6 Special-Purpose Address Registry (RFC 6890,
    // https://www.iana.org/assignments/iana-ipv6-special-registry/), plus multicast ff00::/8 and the deprecated site-local
    // fec0::/10 (RFC 3879). Besides, only 2000::/3 is global unicast (IANA IPv6 Address Space Registry,
    // https://www.iana.org/assignments/ipv6-address-space/): any address outside it is refused too (the IPv4-compatible
    // ::/96 and SIIT's ::ffff:0:0:0/96 among them). Two forms are judged by the IPv4 address they carry, see CheckAddress.
    static readonly Range[] SpecialIPv6 =
    [
        R("::/128", "unspecified"), R("::1/128", "loopback"), R("::/96", "IPv4-compatible (deprecated)"), R("::ffff:0:0:0/96", "SIIT IPv4-translated"),
        R("64:ff9b:1::/48", "local-use NAT64"), R("100::/64", "discard-only"), R("100:0:0:1::/64", "dummy prefix"),
        R("2001::/32", "Teredo"), R("2001::/23", "IETF protocol assignment"), R("2001:db8::/32", "documentation"), R("2002::/16", "6to4"),
        R("2620:4f:8000::/48", "AS112"), R("3fff::/20", "documentation"), R("5f00::/16", "segment routing (SRv6)"),
        R("fc00::/7", "unique-local (private)"), R("fe80::/10", "link-local"), R("fec0::/10", "site-local (deprecated)"), R("ff00::/8", "multicast"),
    ];

    static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3"), Nat64 = IPNetwork.Parse("64:ff9b::/96");

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

    /// <summary>
    /// Why this address may not be connected to; null if it may. IPv4-mapped ::ffff:a.b.c.d and NAT64 64:ff9b::a.b.c.d
    /// (RFC 6052's well-known prefix, which a DNS64 network gives an IPv4-only receiver) reach a.b.c.d and are judged as
    /// a.b.c.d. The other forms that carry an IPv4 address are special-purpose and refused whatever they carry: 6to4
    /// 2002::/16 and Teredo 2001::/32 (tunnels through relays, obsolete for a receiver), the local-use NAT64 64:ff9b:1::/48,
    /// SIIT ::ffff:0:0:0/96 and the IPv4-compatible ::/96; the message names the IPv4 address they carry.
    /// </summary>
    public string? CheckAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            var carried = new IPAddress(address.GetAddressBytes()[12..]);
            return CheckAddress(carried) is { } problem ? $"Resolves to {address}, the NAT64 address of {problem["Resolves to ".Length..]}" : null;
        }
        if (development && (IPAddress.IsLoopback(address) || Loopback4.Contains(address))) return null;
        var special = (address.AddressFamily == AddressFamily.InterNetwork ? SpecialIPv4 : SpecialIPv6)
            .Where(r => r.Network.Contains(address)).MaxBy(r => r.Network.PrefixLength)?.Kind
            ?? (address.AddressFamily == AddressFamily.InterNetworkV6 && !GlobalUnicast.Contains(address) ? "reserved (not global unicast)" : null);
        if (special is null) return null;
        if (allowedPrivate.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address))) return null;
        return $"Resolves to {address}, {(special[0] is 'a' or 'e' or 'i' or 'o' or 'u' or 'I' ? "an" : "a")} {special} address{Carried(address)}.";
    }

    // The IPv4 address an IPv6 transition form carries, for the message: 6to4 bits 16-47 (RFC 3056), Teredo's client
    // the last 32 bits inverted (RFC 4380), SIIT and IPv4-compatible the last 32 bits.
    static string Carried(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return "";
        var b = address.GetAddressBytes();
        if (b[0] == 0x20 && b[1] == 0x02) return $" carrying {new IPAddress(b[2..6])}";
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) return $" carrying {new IPAddress(b[12..].Select(x => (byte)~x).ToArray())} (server {new IPAddress(b[4..8])})";
        if (b[..10].All(x => x == 0) && (b[10], b[11]) is (0, 0) or (0xff, 0xff) || b[..8].All(x => x == 0) && (b[8], b[9], b[10], b[11]) == (0xff, 0xff, 0, 0))
            return b[12] == 0 ? "" : $" carrying {new IPAddress(b[12..])}"; // not for ::, ::1
        return "";
    }
}
