using Feedback.Api.Json;
using Feedback.Data.Exports;

namespace Feedback.Api.Features.Export.Administrations;

/// <summary>An export's timestamps, written as every answer writes them (<see cref="Timestamps"/>).</summary>
static class Instants
{
    public const int MaxLength = Timestamps.MaxUtf8Length;

    /// <summary>The column's instant in UTF-8 into <paramref name="destination"/>; its length.</summary>
    /// <remarks>SQLite's stored 'yyyy-MM-dd HH:mm:ss.FFFFFFF' (UTC) is that text but for the 'T' and the 'Z', so it is
    /// copied when it has exactly that form; parsing and formatting it again was a sixth of an NDJSON line's time.</remarks>
    public static int Utc(ExportRecord row, ExportColumn column, Span<byte> destination)
    {
        var stored = row.StoredText(column);
        if (!IsStoredUtc(stored)) return Timestamps.Utc(row.Timestamp(column), destination);
        stored.CopyTo(destination);
        destination[10] = (byte)'T';
        destination[stored.Length] = (byte)'Z';
        return stored.Length + 1;
    }

    // 'yyyy-MM-dd HH:mm:ss', then '.' and 1-7 digits of which the last is not 0 (as FFFFFFF writes a fraction).
    static bool IsStoredUtc(ReadOnlySpan<byte> s)
    {
        if (s.Length is not (19 or (>= 21 and <= 27))) return false;
        if (s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':') return false;
        for (var i = 0; i < s.Length; i++)
            if (i is not (4 or 7 or 10 or 13 or 16 or 19) && !char.IsAsciiDigit((char)s[i])) return false;
        if (s.Length > 19 && (s[19] != '.' || s[^1] == '0')) return false;
        return Two(s, 5) is >= 1 and <= 12 && Two(s, 8) is >= 1 and <= 31 && Two(s, 11) <= 23 && Two(s, 14) <= 59 && Two(s, 17) <= 59;
    }

    static int Two(ReadOnlySpan<byte> s, int at) => (s[at] - '0') * 10 + s[at + 1] - '0';
}
