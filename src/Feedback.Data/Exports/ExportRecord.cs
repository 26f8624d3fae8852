using System.Data.Common;
using System.Globalization;
using System.Text;
using SQLitePCL;

namespace Feedback.Data.Exports;

/// <summary>The columns of an export row, in the order <see cref="ExportRepository"/> selects them.</summary>
public enum ExportColumn
{
    Id, ClientId, EpisodeId, Instrument, Rater, SessionNumber, ClinicianId, AdministeredAt, ReceivedAt, ItemsJson, Total,
    Prorated, Severity, ClinicalRange, SubscalesJson, FeedbackJson, AgeGroup, Model, RulesVersion, EpisodeOpened, Source,
    EpisodeImportKey, EpisodeClosedAt,
}

/// <summary>
/// The row an export batch is on, read column by column where it lies: valid until the reader moves to the next row, so
/// a line is written from it without an object or a string per row (docs/performance.md, "Export against a plain SELECT").
/// </summary>
public abstract class ExportRecord
{
    public abstract bool IsNull(ExportColumn column);
    /// <summary>A text column's UTF-8 (empty when null).</summary>
    public abstract ReadOnlySpan<byte> Utf8(ExportColumn column);
    public abstract long Integer(ExportColumn column);
    public abstract decimal Decimal(ExportColumn column);
    public abstract DateTimeOffset Timestamp(ExportColumn column);

    public string? Text(ExportColumn column) => IsNull(column) ? null : Encoding.UTF8.GetString(Utf8(column));
}

/// <summary>
/// SQLite's statement read directly: Microsoft.Data.Sqlite's reader makes four or five native calls per column read
/// and a string of every text, which was most of an export's time; here a text is the statement's own bytes.
/// </summary>
sealed class SqliteExportRecord(sqlite3_stmt statement) : ExportRecord
{
    public override bool IsNull(ExportColumn column) => raw.sqlite3_column_type(statement, (int)column) == raw.SQLITE_NULL;

    // A text column's blob is its UTF-8, without conversion.
    public override ReadOnlySpan<byte> Utf8(ExportColumn column) => raw.sqlite3_column_blob(statement, (int)column);

    public override long Integer(ExportColumn column) => raw.sqlite3_column_int64(statement, (int)column);

    // As Microsoft.Data.Sqlite reads a decimal: SQLite's text of the stored number, parsed.
    public override decimal Decimal(ExportColumn column) =>
        decimal.Parse(Utf8(column), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    public override DateTimeOffset Timestamp(ExportColumn column) => DateTimeOffsetHandler.ParseUtc(Encoding.UTF8.GetString(Utf8(column)));
}

/// <summary>Any provider's data reader (SQL Server's), with its typed getters.</summary>
sealed class DataReaderExportRecord(DbDataReader reader) : ExportRecord
{
    public override bool IsNull(ExportColumn column) => reader.IsDBNull((int)column);

    public override ReadOnlySpan<byte> Utf8(ExportColumn column) =>
        IsNull(column) ? default : Encoding.UTF8.GetBytes(reader.GetString((int)column));

    // int (session_number), bit (prorated, clinical_range) or a 64-bit integer, whichever the provider returns.
    public override long Integer(ExportColumn column) => Convert.ToInt64(reader.GetValue((int)column), CultureInfo.InvariantCulture);

    public override decimal Decimal(ExportColumn column) => reader.GetDecimal((int)column);

    public override DateTimeOffset Timestamp(ExportColumn column) => DateTimeOffsetHandler.Read(reader, (int)column);
}
