using System.Security.Cryptography;
using System.Text;

namespace Feedback.Api.Webhooks;

/// <summary>
/// Endpoint secrets at rest (interop.md 2.1): AES-256-GCM under `Webhooks:SecretEncryptionKey` (32 bytes, base64), the
/// same on every instance so that any of them can sign. Stored as base64 of nonce (12) | ciphertext | tag (16).
/// </summary>
sealed class SecretProtector
{
    public const string Setting = "Webhooks:SecretEncryptionKey";
    const int NonceBytes = 12, TagBytes = 16, KeyBytes = 32;

    /// <summary>Development only (a newcomer's first run): public, so nothing it protects is secret.</summary>
    public const string DevelopmentKey = "ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZHVjdGk="; // "development-key-not-for-producti"

    readonly byte[] key;

    public SecretProtector(byte[] key)
    {
        if (key.Length != KeyBytes) throw new ArgumentException($"{Setting} must be {KeyBytes} bytes.", nameof(key));
        this.key = key;
    }

    /// <summary>The configured key; the public development key in Development; otherwise start-up fails.</summary>
    public static SecretProtector From(IConfiguration config, IHostEnvironment environment)
    {
        var text = config[Setting] ?? (environment.IsDevelopment() ? DevelopmentKey : null)
            ?? throw new InvalidOperationException($"{Setting} is not set: 32 random bytes, base64 (e.g. `openssl rand -base64 32`), the same on every instance.");
        byte[] bytes;
        try { bytes = Convert.FromBase64String(text); }
        catch (FormatException) { throw new InvalidOperationException($"{Setting} is not base64."); }
        return bytes.Length == KeyBytes ? new SecretProtector(bytes)
            : throw new InvalidOperationException($"{Setting} must decode to {KeyBytes} bytes, not {bytes.Length}.");
    }

    public string Protect(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length));
        return Convert.ToBase64String(sealedBytes);
    }

    public string Unprotect(string stored)
    {
        var sealedBytes = Convert.FromBase64String(stored);
        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The secret, or null when it was not protected under this key (or is not what Protect writes).</summary>
    public string? TryUnprotect(string stored)
    {
        try { return Unprotect(stored); }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException or OverflowException) { return null; }
    }
}
