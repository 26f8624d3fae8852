using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Feedback.Api.Json;

/// <summary>
/// Reads ISO 8601 timestamps only when they carry "Z" or an offset (a bare local time is ambiguous for a clinic
/// in another zone), and writes them in UTC with "Z" as api.md shows.
/// </summary>
sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value) || !HasZone(reader.GetString()!))
            throw new InvalidValueException(ValidValues.Timestamp);
        return value.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Timestamps.Utc(value));

    static bool HasZone(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}

/// <summary>The one text form of an instant in answers: UTC with "Z", fractions only as far as they go.</summary>
static class Timestamps
{
    const string Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public const int MaxUtf8Length = 28;

    /// <summary>The same text in UTF-8 into <paramref name="destination"/> (<see cref="MaxUtf8Length"/> bytes); its length.</summary>
    public static int Utc(DateTimeOffset value, Span<byte> destination) =>
        value.UtcDateTime.TryFormat(destination, out var written, Format, CultureInfo.InvariantCulture) ? written
            : throw new ArgumentException("Too short for a timestamp.", nameof(destination));
}
