using System.Buffers;
using System.Text;
using System.Text.Json;
using Feedback.Api.Features.Administrations;
using Feedback.Api.Json;
using Feedback.Data.Administrations;

namespace Feedback.Api.Features.Export.Administrations;

/// <summary>
/// interop.md 4.2, NDJSON: each row is the AdministrationView GET answers (with feedback and source) plus
/// "type":"administration"; the last line is {"type":"end","count":N,"lastId":...}. No end line: the answer was cut off.
/// </summary>
static class NdjsonRows
{
    public const string ContentType = "application/x-ndjson";
    static readonly byte[] TypePrefix = "{\"type\":\"administration\","u8.ToArray();

    public static void Write(IBufferWriter<byte> output, AdministrationRow row)
    {
        // The view's own JSON, opened with the type member: `{"type":"administration",` then the view without its `{`.
        var view = JsonSerializer.SerializeToUtf8Bytes(AdministrationView.From(row, withFeedback: true), JsonSetup.Options);
        output.Write(TypePrefix);
        output.Write(view.AsSpan(1));
        output.Write("\n"u8);
    }

    public static void WriteEnd(IBufferWriter<byte> output, long count, string? lastId)
    {
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("type", "end");
            json.WriteNumber("count", count);
            if (lastId is null) json.WriteNull("lastId");
            else json.WriteString("lastId", lastId);
            json.WriteEndObject();
        }
        output.Write("\n"u8);
    }
}
