using Feedback.Data.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>
/// interop.md 2.5 from outside: every IANA special-purpose range and IPv6 form carrying a refused IPv4 address (the
/// issue's list, at the edges of each range) is refused as a literal URL at create and, behind a name, at delivery.
/// </summary>
public sealed class SpecialPurposeAddressTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly string[] Refused =
    [
        "64:ff9b::a00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::a00:0", "64:ff9b::aff:ffff", // NAT64 carrying 10.0.0.1, 169.254.169.254, the ends of 10/8
        "64:ff9b:1::", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "64:ff9b:1::808:808",   // local-use NAT64, whatever it carries
        "::a00:1", "::808:808", "::ffff:ffff",                                      // IPv4-compatible ::/96
        "::ffff:a00:1", "::ffff:0:a00:1", "::ffff:0:808:808",                       // IPv4-mapped 10.0.0.1; SIIT ::ffff:0:0:0/96
        "2002:a00:1::1", "2002:808:808::1", "2002::", "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // 6to4
        "2001:0:4136:e378:8000:63bf:f5ff:fffe", "2001::", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff", // Teredo (a client at 10.0.0.1)
        "198.18.0.0", "198.19.255.255", "192.0.0.0", "192.0.0.255",
        "192.0.2.0", "192.0.2.255", "198.51.100.0", "198.51.100.255", "203.0.113.0", "203.0.113.255",
        "fec0::", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "100::", "100::ffff:ffff:ffff:ffff",
        "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
    ];

    // Just outside: 198.17.255.255 / 198.20.0.0 around 198.18/15, 2001:db7:ffff:... / 2001:db9:: around 2001:db8::/32, and
    // a NAT64 address carrying a public address.
    public static readonly string[] Accepted = ["198.17.255.255", "198.20.0.0", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::", "64:ff9b::808:808"];

    static string Literal(string address) => address.Contains(':') ? $"[{address}]" : address;

    [Fact]
    public async Task Every_listed_address_is_refused_as_a_literal_url_at_create_naming_the_field()
    {
        // Tenant B: the delivery test gives tenant A more than the 10 endpoints a tenant may create.
        var admitted = new List<string>();
        foreach (var address in Refused)
        {
            var rsp = await app.OtherClinic.PostAsJsonAsync(ApiRoutes.WebhookEndpointsPath, new { url = $"https://{Literal(address)}/hooks", eventTypes = new[] { "alert.created" } }, Ct);
            if (rsp.StatusCode != HttpStatusCode.BadRequest) { admitted.Add($"{address}: {(int)rsp.StatusCode}"); continue; }
            var problem = await rsp.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem["errors"]!["url"]![0]!.GetValue<string>().ShouldStartWith("Resolves to ");
        }
        admitted.ShouldBeEmpty();
        foreach (var address in Accepted)
        {
            var rsp = await app.OtherClinic.PostAsJsonAsync(ApiRoutes.WebhookEndpointsPath, new { url = $"https://{Literal(address)}/hooks", eventTypes = new[] { "alert.created" } }, Ct);
            rsp.StatusCode.ShouldBe(HttpStatusCode.Created, $"{address}: {await rsp.Content.ReadAsStringAsync(Ct)}");
        }
    }

    [Fact]
    public async Task Every_listed_address_behind_a_name_is_refused_at_delivery_as_blocked_address()
    {
        var endpoints = new Dictionary<string, string>();
        for (var i = 0; i < Refused.Length; i++)
        {
            app.Names[$"ssrf-{i}.clinic.example"] = [IPAddress.Parse(Refused[i])];
            var (id, _) = await app.NewEndpointAsync($"https://ssrf-{i}.clinic.example/hooks", "webhook.test");
            endpoints[id] = Refused[i];
            (await app.Admin.PostAsync($"{ApiRoutes.WebhookEndpointOf(id)}/test", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }
        var errors = new Dictionary<string, string?>();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (errors.Count < endpoints.Count && DateTime.UtcNow < until)
        {
            foreach (var (id, address) in endpoints.Where(e => !errors.ContainsKey(e.Value)))
            {
                var items = (await (await app.Admin.GetAsync(ApiRoutes.WebhookEndpointOf(id) + "/deliveries", Ct)).BodyAsync())["items"]!.AsArray();
                if (items.FirstOrDefault()?["attempts"]?.AsArray().FirstOrDefault() is { } attempt) errors[address] = attempt["error"]?.GetValue<string>();
            }
            await Task.Delay(100, Ct);
        }
        errors.Keys.ShouldBe(Refused, ignoreOrder: true);
        errors.Where(e => e.Value?.StartsWith("blocked_address: Resolves to ", StringComparison.Ordinal) != true).ShouldBeEmpty();
    }
}
