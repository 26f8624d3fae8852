using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// A timestamp column's UTF-8 as stored, where timestamps are stored as text (SQLite: UTC, 'yyyy-MM-dd HH:mm:ss.FFFFFFF'
    /// as Microsoft.Data.Sqlite writes a DateTime); empty where they are not (SQL Server's datetime2).
    /// </summary>
    public virtual ReadOnlySpan<byte> StoredText(ExportColumn column) => default;

    public string? Text(ExportColumn column) => IsNull(column) ? null : Encoding.UTF8.GetString(Utf8(column));
}

/// <summary>
/// SQLite's statement read directly: Microsoft.Data.Sqlite's reader makes four or five native calls and a string per
/// column, and SQLitePCL's API a safe-handle reference count per call, which together were most of an export's time.
/// Here a column is one short native call (no GC transition: they neither block nor call back) and a copy of its bytes.
/// </summary>
sealed class SqliteExportRecord(sqlite3_stmt statement) : ExportRecord
{
    readonly IntPtr handle = statement.DangerousGetHandle(); // the caller holds the statement for as long as this record
    byte[] row = new byte[4096];
    int used;

    /// <summary>Called for each row before it is read: the previous row's bytes are no longer needed.</summary>
    public void Next() => used = 0;

    public override bool IsNull(ExportColumn column) => Native.sqlite3_column_type(handle, (int)column) == raw.SQLITE_NULL;

    // A text column's blob is its UTF-8, without conversion.
    public override ReadOnlySpan<byte> Utf8(ExportColumn column)
    {
        var bytes = Native.sqlite3_column_blob(handle, (int)column);
        var length = Native.sqlite3_column_bytes(handle, (int)column);
        if (length == 0) return default;
        if (used + length > row.Length) (row, used) = (new byte[Math.Max(row.Length * 2, length)], 0); // earlier spans keep the old array
        Marshal.Copy(bytes, row, used, length);
        used += length;
        return row.AsSpan(used - length, length);
    }

    public override long Integer(ExportColumn column) => Native.sqlite3_column_int64(handle, (int)column);

    // As Microsoft.Data.Sqlite reads a decimal: SQLite's text of the stored number, parsed.
    public override decimal Decimal(ExportColumn column) =>
        decimal.Parse(Utf8(column), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    public override DateTimeOffset Timestamp(ExportColumn column) => DateTimeOffsetHandler.ParseUtc(Encoding.UTF8.GetString(Utf8(column)));

    public override ReadOnlySpan<byte> StoredText(ExportColumn column) => Utf8(column);

    static class Native
    {
        const string Library = "e_sqlite3"; // the library SQLitePCLRaw's bundle loads

        [DllImport(Library), SuppressGCTransition] public static extern int sqlite3_column_type(IntPtr statement, int column);
        [DllImport(Library), SuppressGCTransition] public static extern IntPtr sqlite3_column_blob(IntPtr statement, int column);
        [DllImport(Library), SuppressGCTransition] public static extern int sqlite3_column_bytes(IntPtr statement, int column);
        [DllImport(Library), SuppressGCTransition] public static extern long sqlite3_column_int64(IntPtr statement, int column);
    }
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
