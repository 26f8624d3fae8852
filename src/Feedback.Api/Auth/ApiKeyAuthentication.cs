using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Feedback.Api.Auth;

/// <summary>Authenticates the X-Api-Key header against the stored key hashes.</summary>
sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyCache cache,
    IHostEnvironment environment)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    const int MaxKeyLength = 200;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
            return AuthenticateResult.NoResult();
        var presented = values[0]!;
        if (presented.Length > MaxKeyLength)
            return AuthenticateResult.Fail("Invalid API key.");
        // The README's demo key is public: outside Development it is refused even where a Development run stored it.
        if (presented == TenantAdmin.DemoKey && !environment.IsDevelopment())
            return AuthenticateResult.Fail("Invalid API key.");

        var key = await cache.FindAsync(presented, Context.RequestAborted);
        if (key is null)
            return AuthenticateResult.Fail("Invalid API key.");

        var claims = new List<Claim> { new(KeyScopes.TenantIdClaim, key.TenantId.ToString()), new(KeyScopes.KeyIdClaim, key.Id) };
        claims.AddRange(key.Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(KeyScopes.ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>RFC 9110 section 11.6.1: a 401 names the scheme it wants.</summary>
    public const string Challenge = "ApiKey header=\"X-Api-Key\"";

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = Challenge;
        return base.HandleChallengeAsync(properties);
    }
}
