using System.Text.Json;
using System.Text.Json.Serialization;

namespace Feedback.Api.Json;

/// <summary>
/// Enums as their exact snake_case names ("client", "item_below_9"). System.Text.Json's own converter also reads
/// "CLIENT" or "Client"; the API's values are exact, like its instrument codes, so anything else is a 400.
/// </summary>
sealed class StrictEnumConverter : JsonConverterFactory
{
    static readonly JsonStringEnumConverter Names = new(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Strict<>).MakeGenericType(typeToConvert))!;

    sealed class Strict<T> : JsonConverter<T> where T : struct, Enum
    {
        static readonly JsonSerializerOptions NameOptions = new() { Converters = { Names } };
        static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(v => JsonSerializer.Serialize(v, NameOptions).Trim('"'));

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)
                ? value
                : throw new JsonException($"Expected one of: {string.Join(", ", ByName.Keys)}.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, NameOptions);
    }
}
