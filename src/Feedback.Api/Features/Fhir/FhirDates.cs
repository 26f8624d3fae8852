using System.Globalization;

namespace Feedback.Api.Features.Fhir;

/// <summary>FHIR date and dateTime values as the instants they span.</summary>
static class FhirDates
{
    static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
    ];

    /// <summary>[start, end) of a year, month, day (UTC) or instant (to the second, or exact with a fraction); null when not one.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? Range(string value)
    {
        var inv = CultureInfo.InvariantCulture;
        var utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (value.Length == 4 && DateTime.TryParseExact(value, "yyyy", inv, utc, out var year))
            return (new DateTimeOffset(year, TimeSpan.Zero), new DateTimeOffset(year.AddYears(1), TimeSpan.Zero));
        if (value.Length == 7 && DateTime.TryParseExact(value, "yyyy-MM", inv, utc, out var month))
            return (new DateTimeOffset(month, TimeSpan.Zero), new DateTimeOffset(month.AddMonths(1), TimeSpan.Zero));
        if (value.Length == 10 && DateTime.TryParseExact(value, "yyyy-MM-dd", inv, utc, out var day))
            return (new DateTimeOffset(day, TimeSpan.Zero), new DateTimeOffset(day.AddDays(1), TimeSpan.Zero));
        if (value.Length > 16 && value.Contains('T') && (value.EndsWith('Z') || value[^6] is '+' or '-')
            && DateTimeOffset.TryParseExact(value, DateTimeFormats, inv, DateTimeStyles.None, out var at))
            return (at, value.Contains('.') ? at.AddTicks(1) : at.AddSeconds(1));
        return null;
    }

    /// <summary>A full dateTime with a time zone (what `authored` must be); null for a bare date or anything else.</summary>
    public static DateTimeOffset? Instant(string? value) =>
        value is { Length: > 16 } && value.Contains('T') && (value.EndsWith('Z') || value[^6] is '+' or '-')
        && DateTimeOffset.TryParseExact(value, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at : null;
}
