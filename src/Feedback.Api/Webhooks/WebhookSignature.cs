using System.Security.Cryptography;
using System.Text;

namespace Feedback.Api.Webhooks;

/// <summary>
/// Standard Webhooks 1.0 signing (interop.md 2.3): `v1,` + base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`
/// keyed with the base64-decoded part of the `whsec_` secret; during a rotation's grace period one signature per secret,
/// the new one first, separated by spaces.
/// </summary>
static class WebhookSignature
{
    public const string Prefix = "whsec_";

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = KeyOf(secret);
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>The webhook-signature header: every current secret's signature, the newest first.</summary>
    public static string Header(IEnumerable<string> secretsNewestFirst, string messageId, long timestamp, string body) =>
        string.Join(' ', secretsNewestFirst.Select(s => Sign(s, messageId, timestamp, body)));

    /// <summary>A new secret: `whsec_` and the base64 of 32 random bytes (the spec asks for at least 24).</summary>
    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    static byte[] KeyOf(string secret) =>
        secret.StartsWith(Prefix, StringComparison.Ordinal)
            ? Convert.FromBase64String(secret[Prefix.Length..])
            : throw new ArgumentException("A webhook secret starts with whsec_.", nameof(secret));
}
