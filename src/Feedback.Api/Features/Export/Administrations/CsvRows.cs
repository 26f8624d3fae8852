using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Feedback.Api.Json;
using Feedback.Data.Administrations;

namespace Feedback.Api.Features.Export.Administrations;

/// <summary>
/// interop.md 4.2, CSV (RFC 4180, UTF-8, CRLF, header row): one row per administration, items in item1..item45 (empty
/// beyond the instrument). A field that a spreadsheet would read as a formula (starting with =, +, - or @) is written
/// with a leading apostrophe: ids are the callers' text, and an export is opened in spreadsheets (CSV injection, OWASP).
/// </summary>
static class CsvRows
{
    public const string ContentType = "text/csv";
    public const int ItemColumns = 45;

    static readonly string[] Fixed =
    [
        "id", "clientId", "episodeId", "instrument", "rater", "sessionNumber", "clinicianId", "administeredAt", "receivedAt", "source",
        "total", "prorated", "severity", "clinicalRange", "status", "reliableChange", "subscales",
    ];

    public static readonly string Header = string.Join(',', Fixed.Concat(Enumerable.Range(1, ItemColumns).Select(i => $"item{i}"))) + "\r\n";

    public static void WriteHeader(IBufferWriter<byte> output) => Encoding.UTF8.GetBytes(Header, output);

    // Written from the stored row (as NdjsonRows): the feedback's status and reliable change are read from its stored
    // JSON without building the whole view.
    public static void Write(IBufferWriter<byte> output, AdministrationRow row)
    {
        var line = new StringBuilder(512);
        Field(line, row.Id, first: true);
        Field(line, row.ClientId);
        Field(line, row.EpisodeId);
        Field(line, row.Instrument);
        Field(line, row.Rater);
        Field(line, row.SessionNumber?.ToString(CultureInfo.InvariantCulture));
        Field(line, row.ClinicianId);
        Field(line, Timestamp(row.AdministeredAt));
        Field(line, Timestamp(row.ReceivedAt));
        Field(line, row.Source);
        Field(line, Number(AdministrationView.Canonical(row.Total)));
        Field(line, Bool(row.Prorated));
        Field(line, row.Severity);
        Field(line, row.ClinicalRange is { } inRange ? Bool(inRange) : null);
        var (status, change) = StatusAndChange(row.FeedbackJson);
        Field(line, status);
        Field(line, change);
        Field(line, row.SubscalesJson == "{}" ? null : string.Join(';',
            JsonSerializer.Deserialize<Dictionary<string, decimal>>(row.SubscalesJson)!.Select(s => $"{s.Key}={Number(AdministrationView.Canonical(s.Value))}")));
        var items = JsonSerializer.Deserialize<decimal?[]>(row.ItemsJson)!;
        for (var i = 0; i < ItemColumns; i++)
            Field(line, i < items.Length && items[i] is { } item ? Number(item) : null);
        line.Append("\r\n");
        Encoding.UTF8.GetBytes(line.ToString(), output);
    }

    // The top-level "status" and "reliableChange" of stored feedback (nested objects have neither at the top).
    static (string? Status, string? Change) StatusAndChange(string? feedbackJson)
    {
        if (feedbackJson is null) return (null, null);
        string? status = null, change = null;
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(feedbackJson));
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
            var name = reader.GetString();
            reader.Read();
            if (name == "status" && reader.TokenType == JsonTokenType.String) status = reader.GetString();
            else if (name == "reliableChange" && reader.TokenType == JsonTokenType.String) change = reader.GetString();
            else reader.Skip();
        }
        return (status, change);
    }

    static void Field(StringBuilder line, string? value, bool first = false)
    {
        if (!first) line.Append(',');
        if (string.IsNullOrEmpty(value)) return;
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }
        line.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
    }

    static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    static string Bool(bool value) => value ? "true" : "false";
    static string Timestamp(DateTimeOffset at) => Json.Timestamps.Utc(at);
}
