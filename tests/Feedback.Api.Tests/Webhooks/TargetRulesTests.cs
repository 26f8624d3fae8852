using System.Net;
using Feedback.Api.Webhooks;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>interop.md 2.5: every blocked range at its first and last address and just outside it; the only ways to open one.</summary>
public sealed class TargetRulesTests
{
    static readonly TargetRules Production = new([], development: false);
    static readonly TargetRules Development = new([], development: true);

    // Every range of the IANA special-purpose registries (and multicast, site-local) at its first and last address, with
    // (range, first address, last address, an address just below, an address just above); null where the neighbour is
    // itself refused or does not exist (in IPv6, everything outside 2000::/3 is refused).
    public static TheoryData<string, string, string, string?, string?> BlockedRanges => new()
    {
        { "0.0.0.0/8", "0.0.0.0", "0.255.255.255", null, "1.0.0.0" },
        { "10.0.0.0/8", "10.0.0.0", "10.255.255.255", "9.255.255.255", "11.0.0.0" },
        { "100.64.0.0/10", "100.64.0.0", "100.127.255.255", "100.63.255.255", "100.128.0.0" },
        { "127.0.0.0/8", "127.0.0.0", "127.255.255.255", "126.255.255.255", "128.0.0.0" },
        { "169.254.0.0/16", "169.254.0.0", "169.254.255.255", "169.253.255.255", "169.255.0.0" },
        { "172.16.0.0/12", "172.16.0.0", "172.31.255.255", "172.15.255.255", "172.32.0.0" },
        { "192.0.0.0/24", "192.0.0.0", "192.0.0.255", "191.255.255.255", "192.0.1.0" },
        { "192.0.2.0/24", "192.0.2.0", "192.0.2.255", "192.0.1.255", "192.0.3.0" },
        { "192.31.196.0/24", "192.31.196.0", "192.31.196.255", "192.31.195.255", "192.31.197.0" },
        { "192.52.193.0/24", "192.52.193.0", "192.52.193.255", "192.52.192.255", "192.52.194.0" },
        { "192.88.99.0/24", "192.88.99.0", "192.88.99.255", "192.88.98.255", "192.88.100.0" },
        { "192.168.0.0/16", "192.168.0.0", "192.168.255.255", "192.167.255.255", "192.169.0.0" },
        { "192.175.48.0/24", "192.175.48.0", "192.175.48.255", "192.175.47.255", "192.175.49.0" },
        { "198.18.0.0/15", "198.18.0.0", "198.19.255.255", "198.17.255.255", "198.20.0.0" },
        { "198.51.100.0/24", "198.51.100.0", "198.51.100.255", "198.51.99.255", "198.51.101.0" },
        { "203.0.113.0/24", "203.0.113.0", "203.0.113.255", "203.0.112.255", "203.0.114.0" },
        { "224.0.0.0/4", "224.0.0.0", "239.255.255.255", "223.255.255.255", null },
        { "240.0.0.0/4", "240.0.0.0", "255.255.255.255", null, null },
        { "::/128", "::", "::", null, null },
        { "::1/128", "::1", "::1", null, null },
        { "::/96", "::0.0.0.2", "::255.255.255.255", null, null },
        { "::ffff:0:0:0/96", "::ffff:0:0.0.0.0", "::ffff:0:255.255.255.255", null, null },
        { "64:ff9b:1::/48", "64:ff9b:1::", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", null, null },
        { "100::/64", "100::", "100::ffff:ffff:ffff:ffff", null, null },
        { "outside 2000::/3", "::1:0:0", "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", null, "2000::" },
        { "2001::/23", "2001::", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", "2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:200::" },
        { "2001::/32 Teredo", "2001::", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff", "2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff", null },
        { "2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::" },
        { "2002::/16", "2002::", "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2003::" },
        { "2620:4f:8000::/48", "2620:4f:8000::", "2620:4f:8000:ffff:ffff:ffff:ffff:ffff", "2620:4f:7fff:ffff:ffff:ffff:ffff:ffff", "2620:4f:8001::" },
        { "3fff::/20", "3fff::", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", null },
        { "outside 2000::/3 (above)", "4000::", "5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "3fff:1000::", null },
        { "5f00::/16", "5f00::", "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff", null, null },
        { "fc00::/7", "fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", null, null },
        { "fe80::/10", "fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", null, null },
        { "fec0::/10", "fec0::", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", null, null },
        { "ff00::/8", "ff00::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", null, null },
    };

    [Theory]
    [InlineData("64:ff9b::a00:1", "Resolves to 64:ff9b::a00:1, the NAT64 address of 10.0.0.1, a private address.")]
    [InlineData("192.0.0.8", "Resolves to 192.0.0.8, an IETF protocol assignment address.")]
    [InlineData("::", "Resolves to ::, an unspecified address.")]
    [InlineData("64:ff9b::a9fe:a9fe", "Resolves to 64:ff9b::a9fe:a9fe, the NAT64 address of 169.254.169.254, a link-local address.")]
    [InlineData("64:ff9b::a00:0", "Resolves to 64:ff9b::a00:0, the NAT64 address of 10.0.0.0, a private address.")]
    [InlineData("64:ff9b::9ff:ffff", null)]
    [InlineData("64:ff9b::b00:0", null)]
    [InlineData("64:ff9b::808:808", null)]
    [InlineData("::ffff:10.0.0.1", "Resolves to 10.0.0.1, a private address.")]
    [InlineData("2002:a00:1::1", "Resolves to 2002:a00:1::1, a 6to4 address carrying 10.0.0.1.")]
    [InlineData("2002:808:808::1", "Resolves to 2002:808:808::1, a 6to4 address carrying 8.8.8.8.")]
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe", "Resolves to 2001:0:4136:e378:8000:63bf:f5ff:fffe, a Teredo address carrying 10.0.0.1 (server 65.54.227.120).")]
    [InlineData("::a00:1", "Resolves to ::10.0.0.1, an IPv4-compatible (deprecated) address carrying 10.0.0.1.")]
    [InlineData("::ffff:0:a00:1", "Resolves to ::ffff:0:10.0.0.1, a SIIT IPv4-translated address carrying 10.0.0.1.")]
    public void An_ipv6_form_carrying_an_ipv4_address_is_judged_by_it_or_refused_as_special_purpose(string address, string? problem)
    {
        Production.CheckAddress(IPAddress.Parse(address)).ShouldBe(problem);
    }

    [Theory]
    [MemberData(nameof(BlockedRanges))]
    public void Every_blocked_range_is_refused_at_both_ends_and_its_neighbours_are_not(string range, string first, string last, string? below, string? above)
    {
        Production.CheckAddress(IPAddress.Parse(first)).ShouldNotBeNull(range);
        Production.CheckAddress(IPAddress.Parse(last)).ShouldNotBeNull(range);
        if (below is not null) Production.CheckAddress(IPAddress.Parse(below)).ShouldBeNull($"{below} is outside {range}");
        if (above is not null) Production.CheckAddress(IPAddress.Parse(above)).ShouldBeNull($"{above} is outside {range}");
    }

    [Fact]
    public void An_ipv4_mapped_ipv6_address_is_judged_as_its_ipv4_address()
    {
        Production.CheckAddress(IPAddress.Parse("::ffff:169.254.169.254")).ShouldNotBeNull();
        Production.CheckAddress(IPAddress.Parse("::ffff:10.1.2.3")).ShouldNotBeNull();
        Production.CheckAddress(IPAddress.Parse("::ffff:93.184.216.34")).ShouldBeNull();
    }

    [Fact]
    public void The_message_names_the_address_and_why()
    {
        Production.CheckAddress(IPAddress.Parse("10.0.0.5")).ShouldBe("Resolves to 10.0.0.5, a private address.");
        Production.CheckAddress(IPAddress.Parse("169.254.169.254")).ShouldBe("Resolves to 169.254.169.254, a link-local address.");
    }

    [Fact]
    public void Loopback_is_open_in_development_only_and_link_local_never()
    {
        Development.CheckAddress(IPAddress.Loopback).ShouldBeNull();
        Development.CheckAddress(IPAddress.IPv6Loopback).ShouldBeNull();
        Production.CheckAddress(IPAddress.Loopback).ShouldNotBeNull();
        Development.CheckAddress(IPAddress.Parse("169.254.169.254")).ShouldNotBeNull();
        Development.CheckAddress(IPAddress.Parse("10.0.0.1")).ShouldNotBeNull();
    }

    [Fact]
    public void Only_the_deployment_setting_opens_private_networks_and_only_inside_the_private_ranges()
    {
        var opened = new TargetRules([IPNetwork.Parse("10.20.0.0/16"), IPNetwork.Parse("fd00:1::/32")], development: false);
        opened.CheckAddress(IPAddress.Parse("10.20.5.5")).ShouldBeNull();
        opened.CheckAddress(IPAddress.Parse("10.21.0.0")).ShouldNotBeNull();
        opened.CheckAddress(IPAddress.Parse("fd00:1::9")).ShouldBeNull();
        opened.CheckAddress(IPAddress.Parse("127.0.0.1")).ShouldNotBeNull();
        foreach (var outside in new[] { "169.254.0.0/16", "127.0.0.0/8", "0.0.0.0/0", "8.8.8.0/24", "fe80::/10", "10.0.0.0/7" })
            Should.Throw<ArgumentException>(() => new TargetRules([IPNetwork.Parse(outside)], development: false), outside);
    }

    [Theory]
    [InlineData("https://ehr.clinic.example/hooks/feedback", false, null)]
    [InlineData("http://ehr.clinic.example/hooks", false, "Must be https.")]
    [InlineData("http://localhost:5300/hooks", false, "Must be https.")]
    [InlineData("http://localhost:5300/hooks", true, null)]
    [InlineData("http://127.0.0.1:5300/hooks", true, null)]
    [InlineData("http://[::1]:5300/hooks", true, null)]
    [InlineData("http://ehr.clinic.example/hooks", true, "Must be https (http only to localhost, 127.0.0.1 or [::1] in Development).")]
    [InlineData("https://user:pass@ehr.clinic.example/hooks", false, "Must not hold a user name or password.")]
    [InlineData("ftp://ehr.clinic.example/hooks", false, "Must be an absolute https URL of at most 2048 characters, without spaces.")]
    [InlineData(" https://ehr.clinic.example/hooks", false, "Must be an absolute https URL of at most 2048 characters, without spaces.")]
    [InlineData("https://ehr.clinic.example/a b", false, "Must be an absolute https URL of at most 2048 characters, without spaces.")]
    [InlineData("/hooks", false, "Must be an absolute https URL of at most 2048 characters, without spaces.")]
    public void Urls_are_https_without_userinfo_and_http_only_to_loopback_in_development(string url, bool development, string? problem)
    {
        new TargetRules([], development).CheckUrl(url).ShouldBe(problem);
    }
}
