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
    /// <summary>Policy for reading the tenant's plan: an admin writes it, a clinician's key reads it (interop.md section 3).</summary>
    public const string ReadOrAdmin = "read-or-admin";
    /// <summary>Policy for what is due: a check-in tablet (submit) sees what to show, a clinician's key (read) sees why.</summary>
    public const string SubmitOrRead = "submit-or-read";
    /// <summary>The policies met by either of two scopes, with those scopes.</summary>
    public static readonly (string Policy, string[] Scopes)[] EitherOf = [(ReadOrAdmin, [Read, Admin]), (SubmitOrRead, [Submit, Read])];

    public const string TenantIdClaim = "feedback:tenant";
    public const string KeyIdClaim = "feedback:key";
    public const string ScopeClaim = "feedback:scope";
}
