using System.Net;
using Feedback.Api.Webhooks;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>interop.md 2.5: every blocked range at its first and last address and just outside it; the only ways to open one.</summary>
public sealed class TargetRulesTests
{
    static readonly TargetRules Production = new([], development: false);
    static readonly TargetRules Development = new([], development: true);

    // (range, first address, last address, an address just below, an address just above); null where the neighbour is
    // itself blocked or does not exist.
    public static TheoryData<string, string, string, string?, string?> BlockedRanges => new()
    {
        { "0.0.0.0/8", "0.0.0.0", "0.255.255.255", null, "1.0.0.0" },
        { "10.0.0.0/8", "10.0.0.0", "10.255.255.255", "9.255.255.255", "11.0.0.0" },
        { "100.64.0.0/10", "100.64.0.0", "100.127.255.255", "100.63.255.255", "100.128.0.0" },
        { "127.0.0.0/8", "127.0.0.0", "127.255.255.255", "126.255.255.255", "128.0.0.0" },
        { "169.254.0.0/16", "169.254.0.0", "169.254.255.255", "169.253.255.255", "169.255.0.0" },
        { "172.16.0.0/12", "172.16.0.0", "172.31.255.255", "172.15.255.255", "172.32.0.0" },
        { "192.168.0.0/16", "192.168.0.0", "192.168.255.255", "192.167.255.255", "192.169.0.0" },
        { "224.0.0.0/4", "224.0.0.0", "239.255.255.255", "223.255.255.255", null },
        { "240.0.0.0/4", "240.0.0.0", "255.255.255.255", null, null },
        { "::/128", "::", "::", null, "::2" },
        { "::1/128", "::1", "::1", null, "::2" },
        { "fc00::/7", "fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::" },
        { "fe80::/10", "fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fec0::" },
        { "ff00::/8", "ff00::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", null },
    };

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
