using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Feedback.Api;

/// <summary>
/// Enum values as the snake_case strings of the API, its query strings and the database ("moderately_severe",
/// "item_below_9"): one table per enum, used by the JSON converter too, so every place spells them the same.
/// </summary>
static class Names
{
    public static string Of<T>(T value) where T : struct, Enum => Table<T>.NameOf[value];

    public static string? Of<T>(T? value) where T : struct, Enum => value is { } v ? Of(v) : null;

    /// <summary>Exactly one of the snake_case names, as the API spells them.</summary>
    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        value = default;
        return name is not null && Table<T>.ByName.TryGetValue(name, out value);
    }

    /// <summary>A name this service wrote (to the database, say); anything else is a bug, not input.</summary>
    public static T Parse<T>(string name) where T : struct, Enum =>
        TryParse(name, out T value) ? value : throw new FormatException($"'{name}' is not a {typeof(T).Name}.");

    public static IEnumerable<string> All<T>() where T : struct, Enum => Table<T>.ByName.Keys;

    static class Table<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> NameOf = Enum.GetValues<T>().ToDictionary(v => v, Spell);
        public static readonly Dictionary<string, T> ByName = NameOf.ToDictionary(kv => kv.Value, kv => kv.Key);

        // [JsonStringEnumMemberName] where a name is not the member's snake_case (ItemBelow9 -> item_below_9).
        static string Spell(T value)
        {
            var member = typeof(T).GetField(value.ToString())!;
            return member.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);
        }
    }
}
