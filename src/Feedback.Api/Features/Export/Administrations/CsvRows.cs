using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Feedback.Api.Recording;
using Feedback.Data.Exports;

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

    // Written from the stored row (as NdjsonRows), in UTF-8 as it is read; the feedback's status and reliable change
    // through the one reader of stored feedback.
    public static void Write(IBufferWriter<byte> output, ExportRecord row)
    {
        Span<byte> scratch = stackalloc byte[64];
        output.Write(Escaped(row.Utf8(ExportColumn.Id)));
        Field(output, row, ExportColumn.ClientId);
        Field(output, row, ExportColumn.EpisodeId);
        Field(output, row, ExportColumn.Instrument);
        Field(output, row, ExportColumn.Rater);
        Field(output, row.IsNull(ExportColumn.SessionNumber) ? default : Formatted(row.Integer(ExportColumn.SessionNumber), scratch));
        Field(output, row, ExportColumn.ClinicianId);
        Field(output, scratch[..Instants.Utc(row, ExportColumn.AdministeredAt, scratch)]);
        Field(output, scratch[..Instants.Utc(row, ExportColumn.ReceivedAt, scratch)]);
        Field(output, row, ExportColumn.Source);
        Field(output, Formatted(AdministrationView.Canonical(row.Decimal(ExportColumn.Total)), scratch));
        Field(output, Bool(row.Integer(ExportColumn.Prorated) != 0));
        Field(output, row, ExportColumn.Severity);
        Field(output, row.IsNull(ExportColumn.ClinicalRange) ? default : Bool(row.Integer(ExportColumn.ClinicalRange) != 0));
        var feedback = StoredFeedback.Parse(row.Text(ExportColumn.FeedbackJson));
        Field(output, Encoding.UTF8.GetBytes(Names.Of(feedback?.Status) ?? ""));
        Field(output, Encoding.UTF8.GetBytes(Names.Of(feedback?.ReliableChange) ?? ""));
        var subscales = row.Utf8(ExportColumn.SubscalesJson);
        Field(output, subscales.SequenceEqual("{}"u8) ? default : Encoding.UTF8.GetBytes(string.Join(';',
            JsonSerializer.Deserialize<Dictionary<string, decimal>>(subscales)!.Select(s => $"{s.Key}={AdministrationView.Canonical(s.Value).ToString(CultureInfo.InvariantCulture)}"))));
        var items = new Utf8JsonReader(row.Utf8(ExportColumn.ItemsJson));
        items.Read(); // [
        for (var i = 0; i < ItemColumns; i++)
            Field(output, items.Read() && items.TokenType == JsonTokenType.Number ? Formatted(items.GetDecimal(), scratch) : default);
        output.Write("\r\n"u8);
    }

    static void Field(IBufferWriter<byte> output, ExportRecord row, ExportColumn column) => Field(output, row.Utf8(column));

    static void Field(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        output.Write(","u8);
        output.Write(Escaped(value));
    }

    // The field as written: as it is, after an apostrophe when it starts like a formula, quoted when it holds a comma,
    // a quote or a line break (its quotes doubled).
    static ReadOnlySpan<byte> Escaped(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty) return value;
        var formula = value[0] is (byte)'=' or (byte)'+' or (byte)'-' or (byte)'@';
        if (!formula && value.IndexOfAny(",\"\r\n"u8) < 0) return value;
        var text = (formula ? "'" : "") + Encoding.UTF8.GetString(value);
        return Encoding.UTF8.GetBytes(text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"");
    }

    static ReadOnlySpan<byte> Formatted<T>(T value, Span<byte> scratch) where T : IUtf8SpanFormattable =>
        value.TryFormat(scratch, out var written, default, CultureInfo.InvariantCulture) ? scratch[..written] : throw new FormatException();

    static ReadOnlySpan<byte> Bool(bool value) => value ? "true"u8 : "false"u8;
}
