using System.Text.Json;

namespace Feedback.Api;

/// <summary>Enum values as the snake_case strings of the API and the database ("moderately_severe", "adolescent").</summary>
static class Names
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static string? Of<T>(T? value) where T : struct, Enum => value is { } v ? Of(v) : null;

    public static T Parse<T>(string name) where T : struct, Enum => Enum.Parse<T>(name.Replace("_", ""), ignoreCase: true);

    /// <summary>Exactly one of the snake_case names, as the API spells them.</summary>
    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
            if (Of(candidate) == name)
            {
                value = candidate;
                return true;
            }
        value = default;
        return false;
    }
}
