using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Feedback.Api.Shared;

/// <summary>
/// One anchoring rule for every identifier pattern: the pattern the document states (ECMA-262, where "^...$" spans the
/// whole input) is the pattern the server matches, with its final "$" read as "\z". In .NET "$" also matches before a
/// final newline, so "c-1001\n" would pass as a second client (api.md ids; Contract/IdentifierPatternTests walks them all).
/// </summary>
static class IdPatterns
{
    static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>The server's regex for a documented pattern: the same text, anchored at the very end.</summary>
    public static Regex Server(string documented) =>
        Compiled.GetOrAdd(documented, p => new Regex(ToServer(p), RegexOptions.CultureInvariant | RegexOptions.Compiled));

    public static string ToServer(string documented) =>
        documented.StartsWith('^') && documented.EndsWith('$') && !documented.EndsWith(@"\$", StringComparison.Ordinal)
            ? documented[..^1] + @"\z"
            : throw new ArgumentException($"An identifier pattern is anchored ^...$: {documented}", nameof(documented));

    public static bool IsMatch(string documented, string? value) => value is not null && Server(documented).IsMatch(value);
}
