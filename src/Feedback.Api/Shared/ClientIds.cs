namespace Feedback.Api.Shared;

/// <summary>clientId and clinicianId: 1-64 characters [A-Za-z0-9._:-], the caller's opaque ids (api.md).</summary>
static class ClientIds
{
    public const string Rule = "1-64 characters of A-Z a-z 0-9 . _ : -";

    const string Allowed = "[A-Za-z0-9._:-]{1,64}";

    /// <summary>For the document and the server alike (<see cref="IdPatterns"/>: the server reads the final $ as \z).</summary>
    public const string PatternText = "^" + Allowed + "$";

    public static bool IsValid(string? id) => IdPatterns.IsMatch(PatternText, id);

    public static IRuleBuilderOptions<T, string?> MustBeOpaqueId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsValid).WithMessage($"Must be {Rule}.");
}
