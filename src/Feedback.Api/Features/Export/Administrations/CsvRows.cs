using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Feedback.Api.Features.Administrations;
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

    public static void Write(IBufferWriter<byte> output, AdministrationRow row)
    {
        var view = AdministrationView.From(row, withFeedback: true);
        var line = new StringBuilder(512);
        Field(line, view.Id, first: true);
        Field(line, view.ClientId);
        Field(line, view.EpisodeId);
        Field(line, view.Instrument);
        Field(line, Names.Of(view.Rater));
        Field(line, view.SessionNumber?.ToString(CultureInfo.InvariantCulture));
        Field(line, view.ClinicianId);
        Field(line, Timestamp(view.AdministeredAt));
        Field(line, Timestamp(view.ReceivedAt));
        Field(line, Names.Of(view.Source));
        Field(line, Number(view.Score.Total));
        Field(line, Bool(view.Score.Prorated));
        Field(line, view.Score.Severity);
        Field(line, view.Score.ClinicalRange is { } inRange ? Bool(inRange) : null);
        Field(line, view.Feedback?.Status is { } status ? Names.Of(status) : null);
        Field(line, view.Feedback?.ReliableChange is { } change ? Names.Of(change) : null);
        Field(line, string.Join(';', view.Score.Subscales.Select(s => $"{s.Key}={Number(s.Value)}")));
        for (var i = 0; i < ItemColumns; i++)
            Field(line, i < view.Items.Count && view.Items[i] is { } item ? Number(item) : null);
        line.Append("\r\n");
        Encoding.UTF8.GetBytes(line.ToString(), output);
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
    static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
