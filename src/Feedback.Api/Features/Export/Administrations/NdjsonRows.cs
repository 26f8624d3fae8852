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
            JsonSerializer.Serialize(json, new ExportEnd { Count = count, LastId = lastId }, JsonSetup.Options);
        output.Write("\n"u8);
    }
}

/// <summary>The last line of a complete NDJSON export; without it the answer was cut off.</summary>
sealed class ExportEnd
{
    /// <summary>end</summary>
    public string Type { get; init; } = "end";
    /// <summary>How many administration lines this answer held.</summary>
    public required long Count { get; init; }
    /// <summary>The id of the last administration sent (resume after it with cursor=lastId and the same snapshot); the cursor sent when there was none; null for an empty export.</summary>
    public required string? LastId { get; init; }
}
