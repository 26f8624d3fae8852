using System.Globalization;

namespace Feedback.Api.Features.Reports;

/// <summary>A report's query range (interop.md 4.1): from and to as YYYY-MM-DD (UTC), to exclusive.</summary>
interface IReportRange
{
    string? From { get; }
    string? To { get; }
}

static class ReportRange
{
    public const string DatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

    public static bool TryDay(string? text, out DateTimeOffset day)
    {
        day = default;
        if (text is null || !DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
            return false;
        if (d.Year is < 1970 or > 2999) return false;
        day = new DateTimeOffset(d, TimeSpan.Zero);
        return true;
    }

    /// <summary>[from, to): the days asked for, or the last 365 days up to and including today.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Of(IReportRange r, DateTimeOffset now)
    {
        var to = TryDay(r.To, out var t) ? t : new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var from = TryDay(r.From, out var f) ? f : to.AddDays(-365);
        return (from, to);
    }

    public static string Day(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The range's rules: dates 1970-2999, from before to, at most 5 years; an error names a parameter that was sent (to
    /// when it was, else from: to is then tomorrow).
    /// </summary>
    public static void AddRules<T>(Validator<T> v, Func<DateTimeOffset> today) where T : class, IReportRange
    {
        v.RuleFor(x => x.From).Must(f => TryDay(f, out _)).When(x => x.From is not null).WithMessage("Must be a date YYYY-MM-DD, 1970-2999.");
        v.RuleFor(x => x.To).Must(t => TryDay(t, out _)).When(x => x.To is not null).WithMessage("Must be a date YYYY-MM-DD, 1970-2999.");
        v.RuleFor(x => x.To).Must((r, _) => Of(r, today()) is var (from, to) && from < to).When(x => Dates(x) && x.To is not null).WithMessage("Must be after from.");
        v.RuleFor(x => x.To).Must((r, _) => Of(r, today()) is var (from, to) && to <= from.AddYears(5)).When(x => Dates(x) && x.To is not null).WithMessage("At most 5 years after from.");
        v.RuleFor(x => x.From).Must((r, _) => Of(r, today()) is var (from, to) && from < to).When(x => Dates(x) && x.To is null).WithMessage("Must be before to (default: tomorrow).");
        v.RuleFor(x => x.From).Must((r, _) => Of(r, today()) is var (from, to) && to <= from.AddYears(5)).When(x => Dates(x) && x.To is null).WithMessage("At most 5 years before to (default: tomorrow).");
    }

    static bool Dates(IReportRange r) => (r.From is null || TryDay(r.From, out _)) && (r.To is null || TryDay(r.To, out _));
}
