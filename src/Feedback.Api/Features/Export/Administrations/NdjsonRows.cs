using System.Buffers;
using System.Text;
using System.Text.Json;
using Feedback.Api.Json;
using Feedback.Data.Administrations;

namespace Feedback.Api.Features.Export.Administrations;

/// <summary>
/// interop.md 4.2, NDJSON: each row is the AdministrationView GET answers (with feedback and source) plus
/// "type":"administration" and what the import needs to make the episode again, episodeKey and episodeClosedAt, so an
/// export line is an import line (docs/bulk.md, "Round trip"); the last line is {"type":"end","count":N,"lastId":...}.
/// No end line: the answer was cut off.
/// </summary>
static class NdjsonRows
{
    public const string ContentType = MediaTypes.Ndjson;

    // The line is written straight from the stored row, in the order and form AdministrationView serialises (a test
    // compares each line with GET's answer): the stored items and feedback are that serialiser's output already, so
    // they are copied rather than parsed and written again (parsing them was half the cost of an export).
    // One writer per thread, reset for each line: a new one per line was a tenth of an export's time.
    [ThreadStatic] static Utf8JsonWriter? writer;
    static Utf8JsonWriter Writer => writer ??= new Utf8JsonWriter(Stream.Null, new JsonWriterOptions { SkipValidation = true });

    public static void Write(IBufferWriter<byte> output, Data.Exports.ExportRow exported)
    {
        var row = exported.Row;
        var json = Writer;
        json.Reset(output);
        {
            json.WriteStartObject();
            json.WriteString("type", "administration");
            json.WriteString("id", row.Id);
            json.WriteString("clientId", row.ClientId);
            json.WriteString("episodeId", row.EpisodeId);
            json.WriteStartObject("episode");
            json.WriteString("id", row.EpisodeId);
            json.WriteBoolean("opened", row.EpisodeOpened is not null);
            if (row.EpisodeOpened is null) json.WriteNull("reason");
            else json.WriteString("reason", row.EpisodeOpened);
            json.WriteEndObject();
            // An episode no import made is keyed by its id: imported elsewhere, the key makes it again, and exported
            // from there it is the same key.
            json.WriteString("episodeKey", exported.EpisodeImportKey ?? row.EpisodeId);
            if (exported.EpisodeClosedAt is { } closed) json.WriteString("episodeClosedAt", Timestamps.Utc(closed));
            else json.WriteNull("episodeClosedAt");
            json.WriteString("instrument", row.Instrument);
            json.WriteString("rater", row.Rater);
            if (row.SessionNumber is { } session) json.WriteNumber("sessionNumber", session);
            else json.WriteNull("sessionNumber");
            if (row.ClinicianId is null) json.WriteNull("clinicianId");
            else json.WriteString("clinicianId", row.ClinicianId);
            json.WriteString("administeredAt", Timestamps.Utc(row.AdministeredAt));
            json.WriteString("receivedAt", Timestamps.Utc(row.ReceivedAt));
            json.WritePropertyName("items");
            json.WriteRawValue(row.ItemsJson, skipInputValidation: true);
            json.WriteString("ageGroup", row.AgeGroup);
            json.WriteStartObject("score");
            json.WriteNumber("total", AdministrationView.Canonical(row.Total));
            json.WriteBoolean("prorated", row.Prorated);
            if (row.Severity is null) json.WriteNull("severity");
            else json.WriteString("severity", row.Severity);
            if (row.ClinicalRange is { } inRange) json.WriteBoolean("clinicalRange", inRange);
            else json.WriteNull("clinicalRange");
            json.WriteStartObject("subscales");
            if (row.SubscalesJson != "{}")
                foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, decimal>>(row.SubscalesJson)!)
                    json.WriteNumber(name, AdministrationView.Canonical(value));
            json.WriteEndObject();
            json.WriteEndObject();
            if (row.FeedbackJson is not null)
            {
                json.WritePropertyName("feedback");
                json.WriteRawValue(row.FeedbackJson, skipInputValidation: true);
            }
            if (row.Model is null) json.WriteNull("model");
            else json.WriteString("model", row.Model);
            json.WriteString("rulesVersion", row.RulesVersion);
            json.WriteString("source", row.Source);
            json.WriteEndObject();
            json.Flush();
            json.Reset(Stream.Null); // holds no answer's pipe between lines
        }
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
