using System.Text.Json;
using System.Text.Json.Serialization;

namespace Feedback.Api.Json;

/// <summary>
/// Enums as their exact snake_case names (<see cref="Names"/>). System.Text.Json's own converter also reads
/// "CLIENT" or "Client"; the API's values are exact, like its instrument codes, so anything else is a 400.
/// </summary>
sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Strict<>).MakeGenericType(typeToConvert))!;

    sealed class Strict<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && Names.TryParse(reader.GetString(), out T value)
                ? value
                : throw new InvalidValueException(ValidValues.OneOf<T>());

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Names.Of(value));
    }
}
