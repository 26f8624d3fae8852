using System.Buffers;
using System.Text;
using System.Text.Json;
using Feedback.Api.Json;
using Feedback.Data.Exports;

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
    // their bytes are copied rather than parsed and written again (parsing them was half the cost of an export).
    public static void Write(Utf8JsonWriter json, IBufferWriter<byte> output, ExportRecord row)
    {
        json.WriteStartObject();
        json.WriteString(Type, "administration"u8);
        json.WriteString(Id, row.Utf8(ExportColumn.Id));
        json.WriteString(ClientId, row.Utf8(ExportColumn.ClientId));
        json.WriteString(EpisodeId, row.Utf8(ExportColumn.EpisodeId));
        json.WriteStartObject(Episode);
        json.WriteString(Id, row.Utf8(ExportColumn.EpisodeId));
        var opened = !row.IsNull(ExportColumn.EpisodeOpened);
        json.WriteBoolean(Opened, opened);
        StringOrNull(json, Reason, row, ExportColumn.EpisodeOpened);
        json.WriteEndObject();
        // An episode no import made is keyed by its id: imported elsewhere, the key makes it again, and exported
        // from there it is the same key.
        json.WriteString(EpisodeKey, row.Utf8(row.IsNull(ExportColumn.EpisodeImportKey) ? ExportColumn.EpisodeId : ExportColumn.EpisodeImportKey));
        TimestampOrNull(json, EpisodeClosedAt, row, ExportColumn.EpisodeClosedAt);
        json.WriteString(Instrument, row.Utf8(ExportColumn.Instrument));
        json.WriteString(Rater, row.Utf8(ExportColumn.Rater));
        if (row.IsNull(ExportColumn.SessionNumber)) json.WriteNull(SessionNumber);
        else json.WriteNumber(SessionNumber, row.Integer(ExportColumn.SessionNumber));
        StringOrNull(json, ClinicianId, row, ExportColumn.ClinicianId);
        TimestampOrNull(json, AdministeredAt, row, ExportColumn.AdministeredAt);
        TimestampOrNull(json, ReceivedAt, row, ExportColumn.ReceivedAt);
        json.WritePropertyName(Items);
        json.WriteRawValue(row.Utf8(ExportColumn.ItemsJson), skipInputValidation: true);
        json.WriteString(AgeGroup, row.Utf8(ExportColumn.AgeGroup));
        json.WriteStartObject(Score);
        json.WriteNumber(Total, AdministrationView.Canonical(row.Decimal(ExportColumn.Total)));
        json.WriteBoolean(Prorated, row.Integer(ExportColumn.Prorated) != 0);
        StringOrNull(json, Severity, row, ExportColumn.Severity);
        if (row.IsNull(ExportColumn.ClinicalRange)) json.WriteNull(ClinicalRange);
        else json.WriteBoolean(ClinicalRange, row.Integer(ExportColumn.ClinicalRange) != 0);
        json.WriteStartObject(Subscales);
        var subscales = row.Utf8(ExportColumn.SubscalesJson);
        if (!subscales.SequenceEqual("{}"u8))
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, decimal>>(subscales)!)
                json.WriteNumber(name, AdministrationView.Canonical(value));
        json.WriteEndObject();
        json.WriteEndObject();
        if (!row.IsNull(ExportColumn.FeedbackJson))
        {
            json.WritePropertyName(Feedback);
            json.WriteRawValue(row.Utf8(ExportColumn.FeedbackJson), skipInputValidation: true);
        }
        StringOrNull(json, Model, row, ExportColumn.Model);
        json.WriteString(RulesVersion, row.Utf8(ExportColumn.RulesVersion));
        json.WriteString(Source, row.Utf8(ExportColumn.Source));
        json.WriteEndObject();
        json.Flush();
        json.Reset(); // the next line is a value of its own, not the next item of a list
        output.Write("\n"u8);
    }

    static void StringOrNull(Utf8JsonWriter json, JsonEncodedText name, ExportRecord row, ExportColumn column)
    {
        if (row.IsNull(column)) json.WriteNull(name);
        else json.WriteString(name, row.Utf8(column));
    }

    static void TimestampOrNull(Utf8JsonWriter json, JsonEncodedText name, ExportRecord row, ExportColumn column)
    {
        if (row.IsNull(column))
        {
            json.WriteNull(name);
            return;
        }
        Span<byte> text = stackalloc byte[Instants.MaxLength];
        json.WriteString(name, text[..Instants.Utc(row, column, text)]);
    }

    public static JsonWriterOptions WriterOptions => new() { SkipValidation = true };

    static readonly JsonEncodedText Type = JsonEncodedText.Encode("type"), Id = JsonEncodedText.Encode("id"),
        ClientId = JsonEncodedText.Encode("clientId"), EpisodeId = JsonEncodedText.Encode("episodeId"), Episode = JsonEncodedText.Encode("episode"),
        Opened = JsonEncodedText.Encode("opened"), Reason = JsonEncodedText.Encode("reason"), EpisodeKey = JsonEncodedText.Encode("episodeKey"),
        EpisodeClosedAt = JsonEncodedText.Encode("episodeClosedAt"), Instrument = JsonEncodedText.Encode("instrument"),
        Rater = JsonEncodedText.Encode("rater"), SessionNumber = JsonEncodedText.Encode("sessionNumber"),
        ClinicianId = JsonEncodedText.Encode("clinicianId"), AdministeredAt = JsonEncodedText.Encode("administeredAt"),
        ReceivedAt = JsonEncodedText.Encode("receivedAt"), Items = JsonEncodedText.Encode("items"), AgeGroup = JsonEncodedText.Encode("ageGroup"),
        Score = JsonEncodedText.Encode("score"), Total = JsonEncodedText.Encode("total"), Prorated = JsonEncodedText.Encode("prorated"),
        Severity = JsonEncodedText.Encode("severity"), ClinicalRange = JsonEncodedText.Encode("clinicalRange"),
        Subscales = JsonEncodedText.Encode("subscales"), Feedback = JsonEncodedText.Encode("feedback"), Model = JsonEncodedText.Encode("model"),
        RulesVersion = JsonEncodedText.Encode("rulesVersion"), Source = JsonEncodedText.Encode("source");

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
