using System.Net;
using Feedback.Api.Tests.Contract;
using Feedback.Api.Webhooks;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>interop.md 2.3: Standard Webhooks signing, against the contract's vector and the npm standardwebhooks package.</summary>
public sealed class WebhookSignatureTests
{
    const string VectorSecret = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    const string VectorId = "msg_01JDX3KB8N6Q2R4S6T8V0W2X4Y";
    const long VectorTimestamp = 1795166101;
    const string VectorBody = """{"type":"alert.created","timestamp":"2026-11-20T09:15:01.000Z","data":{"alertId":"01JDX3KAZ7R4N8P2Q6S0T3V5W9","kind":"risk_item","priority":"urgent","instrument":"PHQ-9","rulesVersion":"alerts-v1","imported":false,"href":"/v1/alerts/01JDX3KAZ7R4N8P2Q6S0T3V5W9"}}""";

    [Fact]
    public void The_contract_vector_reproduces_byte_for_byte()
    {
        WebhookSignature.Sign(VectorSecret, VectorId, VectorTimestamp, VectorBody).ShouldBe("v1,q+uNienzZwrep3gH2NdjqFwBv0ase3jnudBECRBuHYw=");
    }

    [Fact]
    public void During_a_rotation_both_secrets_sign_the_new_one_first()
    {
        var fresh = WebhookSignature.NewSecret();
        var header = WebhookSignature.Header([fresh, VectorSecret], VectorId, VectorTimestamp, VectorBody).Split(' ');
        header.ShouldBe([WebhookSignature.Sign(fresh, VectorId, VectorTimestamp, VectorBody), "v1,q+uNienzZwrep3gH2NdjqFwBv0ase3jnudBECRBuHYw="]);
    }

    [Fact]
    public void A_new_secret_is_whsec_and_32_random_bytes()
    {
        var a = WebhookSignature.NewSecret();
        a.ShouldStartWith("whsec_");
        Convert.FromBase64String(a["whsec_".Length..]).Length.ShouldBe(32);
        WebhookSignature.NewSecret().ShouldNotBe(a);
    }

    [Fact]
    public async Task The_npm_standardwebhooks_package_signs_the_same_and_verifies_ours()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var cases = new List<(string Secret, string Id, long Timestamp, string Body)>
        {
            (VectorSecret, VectorId, VectorTimestamp, VectorBody),
            (WebhookSignature.NewSecret(), "msg_" + Ulid.NewUlid(), now, """{"type":"webhook.test","timestamp":"2026-11-24T12:00:00.000Z","data":{"endpointId":"x","test":true}}"""),
            (WebhookSignature.NewSecret(), "msg_" + Ulid.NewUlid(), now, """{"type":"alert.created","data":{"note":"Grüße, 😀, \u2028"}}"""),
        };
        var input = new JsonArray([.. cases.Select(c => new JsonObject
        {
            ["secret"] = c.Secret, ["id"] = c.Id, ["timestamp"] = c.Timestamp, ["body"] = c.Body,
            ["signature"] = WebhookSignature.Header([c.Secret], c.Id, c.Timestamp, c.Body),
        })]);
        var file = Path.Combine(Path.GetTempPath(), $"webhook-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, input.ToJsonString(), TestContext.Current.CancellationToken);
        try
        {
            await Node.EnsureInstalledAsync();
            var (exit, output) = await Node.ScriptAsync("webhook-signature.mjs", [file]);
            exit.ShouldBe(0, output);
            var results = JsonNode.Parse(output)!.AsArray();
            for (var i = 0; i < cases.Count; i++)
                results[i]!["signed"]!.GetValue<string>().ShouldBe(WebhookSignature.Sign(cases[i].Secret, cases[i].Id, cases[i].Timestamp, cases[i].Body));
            results[0]!["error"]!.GetValue<string>().ShouldContain("too old"); // the vector is from 2026-11-20: verify() checks the time
            results.Skip(1).ShouldAllBe(r => r!["verified"]!.GetValue<bool>());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
