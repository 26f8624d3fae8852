using System.Data;
using System.Globalization;
using Dapper;

namespace Feedback.Data.Connections;

/// <summary>
/// Stores every instant as a UTC datetime2 (SQL Server) or as sortable UTC text (SQLite). Dapper's own
/// DateTimeOffset mapping does not round-trip through Microsoft.Data.Sqlite (DapperLib/Dapper#718, #1780).
/// </summary>
sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => Bind(parameter, value);

    /// <summary>The same, for a parameter bound without Dapper.</summary>
    public static void Bind(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.DateTime2;
        parameter.Value = value.UtcDateTime;
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => ParseUtc(s),
        DateTimeOffset o => o.ToUniversalTime(),
        _ => throw new DataException($"Cannot read a timestamp from {value.GetType().Name}."),
    };

    /// <summary>A timestamp column read with a data reader's typed getters: SQLite text in UTC, SQL Server datetime2 in UTC.</summary>
    public static DateTimeOffset Read(System.Data.Common.DbDataReader r, int ordinal) =>
        r.GetFieldType(ordinal) == typeof(string) ? ParseUtc(r.GetString(ordinal)) : new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(ordinal), DateTimeKind.Utc));

    /// <summary>SQLite's stored text ('yyyy-MM-dd HH:mm:ss.FFFFFFF', UTC).</summary>
    /// <remarks>The stored form is read by position (a report reads 400,000 of them; the general parser was a fifth of its
    /// time); anything else goes to the general parser.</remarks>
    public static DateTimeOffset ParseUtc(string s) =>
        TryParseStored(s, out var at) ? at : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    // 'yyyy-MM-dd HH:mm:ss' then optionally '.' and 1-7 digits of fraction.
    static bool TryParseStored(string s, out DateTimeOffset at)
    {
        at = default;
        if (s.Length < 19 || s.Length > 27 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
        long fraction = 0;
        if (s.Length > 19)
        {
            if (s[19] != '.' || s.Length == 20 || !Digits(s, 20, s.Length - 20, out var f)) return false;
            fraction = f;
            for (var i = s.Length - 20; i < 7; i++) fraction *= 10;
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year == 0 ? 1 : year, month) || year < 1 || hour > 23 || minute > 59 || second > 59)
            return false;
        at = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fraction, TimeSpan.Zero);
        return true;
    }

    static bool Digits(string s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if (d is < 0 or > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }
}
