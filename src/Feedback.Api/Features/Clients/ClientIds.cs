using System.Text.RegularExpressions;

namespace Feedback.Api.Features.Clients;

/// <summary>clientId and clinicianId: 1-64 characters [A-Za-z0-9._:-], the caller's opaque ids (api.md).</summary>
static partial class ClientIds
{
    public const string Rule = "1-64 characters of A-Z a-z 0-9 . _ : -";

    const string Allowed = "[A-Za-z0-9._:-]{1,64}";

    /// <summary>For the document (ECMA-262, where $ is the end of the input).</summary>
    public const string PatternText = "^" + Allowed + "$";

    // \z, not $: in .NET "$" also matches before a final newline, and "c-1001\n" would be a second client (issue 11).
    [GeneratedRegex("^" + Allowed + @"\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static IRuleBuilderOptions<T, string?> MustBeOpaqueId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsValid).WithMessage($"Must be {Rule}.");
}
