using System.Security.Cryptography;
using Feedback.Api.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Feedback.Api.Tests.Webhooks;

/// <summary>interop.md 2.1: secrets AES-256-GCM-encrypted at rest under one deployment key.</summary>
public sealed class SecretProtectorTests
{
    static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void A_secret_round_trips_and_is_not_readable_at_rest()
    {
        var protector = new SecretProtector(Key);
        var secret = WebhookSignature.NewSecret();
        var stored = protector.Protect(secret);
        stored.ShouldNotContain(secret["whsec_".Length..]);
        protector.Protect(secret).ShouldNotBe(stored); // a fresh nonce each time
        protector.Unprotect(stored).ShouldBe(secret);
    }

    [Fact]
    public void Another_key_or_a_changed_byte_cannot_open_it()
    {
        var stored = new SecretProtector(Key).Protect(WebhookSignature.NewSecret());
        Should.Throw<CryptographicException>(() => new SecretProtector(RandomNumberGenerator.GetBytes(32)).Unprotect(stored));
        var bytes = Convert.FromBase64String(stored);
        bytes[20] ^= 1;
        Should.Throw<CryptographicException>(() => new SecretProtector(Key).Unprotect(Convert.ToBase64String(bytes)));
    }

    sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Feedback";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    static IConfiguration Config(string? key) =>
        new ConfigurationBuilder().AddInMemoryCollection(key is null ? [] : [new(SecretProtector.Setting, key)]).Build();

    [Fact]
    public void Outside_development_start_up_needs_a_32_byte_base64_key()
    {
        Should.Throw<InvalidOperationException>(() => SecretProtector.From(Config(null), new Environment("Production"))).Message.ShouldContain(SecretProtector.Setting);
        Should.Throw<InvalidOperationException>(() => SecretProtector.From(Config("not base64!"), new Environment("Production")));
        Should.Throw<InvalidOperationException>(() => SecretProtector.From(Config(Convert.ToBase64String(new byte[16])), new Environment("Production")));
        SecretProtector.From(Config(Convert.ToBase64String(Key)), new Environment("Production")).ShouldNotBeNull();
        SecretProtector.From(Config(null), new Environment("Development")).ShouldNotBeNull();
        Convert.FromBase64String(SecretProtector.DevelopmentKey).Length.ShouldBe(32);
    }
}
