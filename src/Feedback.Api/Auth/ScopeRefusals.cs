using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Feedback.Api.Auth;

/// <summary>A valid key without the scope an operation needs gets a 403 whose detail names that scope (api.md "Callers and keys").</summary>
sealed class ScopeRefusals : IAuthorizationMiddlewareResultHandler
{
    readonly AuthorizationMiddlewareResultHandler standard = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden) return standard.HandleAsync(next, context, policy, result);
        var needed = policy.Requirements.OfType<ClaimsAuthorizationRequirement>()
            .Where(r => r.ClaimType == KeyScopes.ScopeClaim).SelectMany(r => r.AllowedValues ?? []).Distinct().ToList();
        var detail = needed.Count switch
        {
            1 => $"This API key lacks the '{needed[0]}' scope, which this operation needs.",
            2 => $"This API key has neither the '{needed[0]}' nor the '{needed[1]}' scope; this operation needs one of them.",
            _ => Problem.DefaultDetail(StatusCodes.Status403Forbidden),
        };
        return context.WriteProblemAsync(StatusCodes.Status403Forbidden, detail);
    }
}
