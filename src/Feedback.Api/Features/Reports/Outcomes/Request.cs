using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Feedback.Api.Features.Clients;
using Feedback.Clinical.Reports;

namespace Feedback.Api.Features.Reports.Outcomes;

sealed class Request
{
    /// <summary>YYYY-MM-DD (UTC): episodes that ended on or after this day; default 365 days before to.</summary>
    [QueryParam, RegularExpression(DatePattern)] public string? From { get; set; }
    /// <summary>YYYY-MM-DD (UTC), exclusive; default tomorrow. After from, at most 5 years after it.</summary>
    [QueryParam, RegularExpression(DatePattern)] public string? To { get; set; }
    /// <summary>An outcome instrument, or PHQ-9+GAD-7 (the paired NHS Talking Therapies reading); may be left out only with groupBy=instrument.</summary>
    [QueryParam, AllowedValues("PHQ-9", "GAD-7", "CORE-10", "OQ-45.2", "ORS", "CORS", "WHO-5", OutcomeReport.Paired)] public string? Instrument { get; set; }
    /// <summary>Only episodes whose final administration (else the client) names this clinician.</summary>
    [QueryParam, RegularExpression(ClientIds.PatternText), StringLength(64, MinimumLength = 1)] public string? ClinicianId { get; set; }
    /// <summary>clinician, instrument or month (of the episode's end); default one group.</summary>
    [QueryParam, AllowedValues("clinician", "instrument", "month")] public string? GroupBy { get; set; }

    const string DatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    internal static readonly string[] Instruments = [.. Catalogue.All.Where(i => i.Kind == InstrumentKind.Outcome).Select(i => i.Code), OutcomeReport.Paired];
    internal static readonly string[] Groupings = ["clinician", "instrument", "month"];

    internal static bool TryDay(string? text, out DateTimeOffset day)
    {
        day = default;
        if (text is null || !DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
            return false;
        if (d.Year is < 1970 or > 2999) return false;
        day = new DateTimeOffset(d, TimeSpan.Zero);
        return true;
    }

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.From).Must(f => TryDay(f, out _)).When(x => x.From is not null).WithMessage("Must be a date YYYY-MM-DD, 1970-2999.");
            RuleFor(x => x.To).Must(t => TryDay(t, out _)).When(x => x.To is not null).WithMessage("Must be a date YYYY-MM-DD, 1970-2999.");
            // The range's errors name a parameter that was sent: to when it was, else from (to is then tomorrow).
            RuleFor(x => x.To).Must((r, _) => Range(r, Today()) is var (from, to) && from < to).When(x => Dates(x) && x.To is not null).WithMessage("Must be after from.");
            RuleFor(x => x.To).Must((r, _) => Range(r, Today()) is var (from, to) && to <= from.AddYears(5)).When(x => Dates(x) && x.To is not null).WithMessage("At most 5 years after from.");
            RuleFor(x => x.From).Must((r, _) => Range(r, Today()) is var (from, to) && from < to).When(x => Dates(x) && x.To is null).WithMessage("Must be before to (default: tomorrow).");
            RuleFor(x => x.From).Must((r, _) => Range(r, Today()) is var (from, to) && to <= from.AddYears(5)).When(x => Dates(x) && x.To is null).WithMessage("At most 5 years before to (default: tomorrow).");
            RuleFor(x => x.Instrument).Must(Instruments.Contains).When(x => x.Instrument is not null)
                .WithMessage($"Must be an outcome instrument or {OutcomeReport.Paired}: {string.Join(", ", Instruments)} (alliance measures have no outcome report).");
            RuleFor(x => x.Instrument).NotNull().When(x => x.GroupBy != "instrument").WithMessage("Required unless groupBy=instrument.");
            RuleFor(x => x.ClinicianId).MustBeOpaqueId().When(x => x.ClinicianId is not null);
            RuleFor(x => x.GroupBy).Must(Groupings.Contains).When(x => x.GroupBy is not null).WithMessage("Must be clinician, instrument or month.");
        }

        DateTimeOffset Today() => Resolve<TimeProvider>().GetUtcNow();

        static bool Dates(Request r) => (r.From is null || TryDay(r.From, out _)) && (r.To is null || TryDay(r.To, out _));
    }

    /// <summary>[from, to): the days asked for, or the last 365 days up to and including today.</summary>
    internal static (DateTimeOffset From, DateTimeOffset To) Range(Request r, DateTimeOffset now)
    {
        var to = TryDay(r.To, out var t) ? t : new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var from = TryDay(r.From, out var f) ? f : to.AddDays(-365);
        return (from, to);
    }
}
