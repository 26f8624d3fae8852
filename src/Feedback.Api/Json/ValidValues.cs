using System.Text.Json;

namespace Feedback.Api.Json;

/// <summary>
/// What a 400 says would be valid (api.md "Errors"), generated from the type so that it cannot drift: the names of an
/// enum, the form of a timestamp. Never the value sent, which may be client data.
/// </summary>
static class ValidValues
{
    public const string Timestamp = "Must be an RFC 3339 date-time with Z or an offset, e.g. 2026-11-20T09:15:00Z.";

    public static string OneOf<T>() where T : struct, Enum => $"Must be one of: {string.Join(", ", Names.All<T>())}.";

    /// <summary>The message for a value of this type (or its nullable) that could not be read; null when there is none.</summary>
    public static string? For(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(DateTimeOffset)) return Timestamp;
        return t.IsEnum
            ? (string)typeof(ValidValues).GetMethod(nameof(OneOf))!.MakeGenericMethod(t).Invoke(null, null)!
            : null;
    }
}

/// <summary>A converter's refusal whose message says what would be valid; JsonErrors shows it as the field's error.</summary>
sealed class InvalidValueException(string message) : JsonException(message);
