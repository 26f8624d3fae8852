using System.Security.Claims;

namespace Feedback.Api.Auth;

static class ClaimsExtensions
{
    public static long TenantId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(KeyScopes.TenantIdClaim) ?? throw new InvalidOperationException("No tenant on this request."));

    public static string KeyId(this ClaimsPrincipal user) => user.FindFirstValue(KeyScopes.KeyIdClaim) ?? "";

    public static bool HasScope(this ClaimsPrincipal user, string scope) => user.HasClaim(KeyScopes.ScopeClaim, scope);
}
