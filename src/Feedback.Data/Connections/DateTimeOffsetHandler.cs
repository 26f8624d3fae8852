using System.Data;
using System.Globalization;
using Dapper;

namespace Feedback.Data.Connections;

/// <summary>
/// Stores every instant as a UTC datetime2 (SQL Server) or as sortable UTC text (SQLite). Dapper's own
/// DateTimeOffset mapping does not round-trip through Microsoft.Data.Sqlite (Dapper issues 718, 1780).
/// </summary>
sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
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

    /// <summary>SQLite's stored text ('yyyy-MM-dd HH:mm:ss.FFFFFFF', UTC).</summary>
    public static DateTimeOffset ParseUtc(string s) =>
        DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
