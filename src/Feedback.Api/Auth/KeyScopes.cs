namespace Feedback.Api.Auth;

/// <summary>API key scopes (api.md "Callers and keys"); each is also the name of the policy that requires it.</summary>
static class KeyScopes
{
    public const string Submit = "submit";
    public const string Read = "read";
    public const string Admin = "admin";
    public static readonly string[] All = [Submit, Read, Admin];
    /// <summary>Policy for what any valid key may do (the catalogue).</summary>
    public const string AnyKey = "any-key";

    public const string TenantIdClaim = "feedback:tenant";
    public const string KeyIdClaim = "feedback:key";
    public const string ScopeClaim = "feedback:scope";
}
