using System.ComponentModel.DataAnnotations;
using Feedback.Clinical.Reports;

namespace Feedback.Api.Features.Reports.Outcomes;

sealed class Request : IReportRange
{
    /// <summary>YYYY-MM-DD (UTC): episodes that ended on or after this day; default 365 days before to.</summary>
    [QueryParam, RegularExpression(ReportRange.DatePattern)] public string? From { get; set; }
    /// <summary>YYYY-MM-DD (UTC), exclusive; default tomorrow. After from, at most 5 years after it.</summary>
    [QueryParam, RegularExpression(ReportRange.DatePattern)] public string? To { get; set; }
    /// <summary>An outcome instrument, or PHQ-9+GAD-7 (the paired NHS Talking Therapies reading); may be left out only with groupBy=instrument.</summary>
    [QueryParam, AllowedValues("PHQ-9", "GAD-7", "CORE-10", "OQ-45.2", "ORS", "CORS", "WHO-5", OutcomeReport.Paired)] public string? Instrument { get; set; }
    /// <summary>Only episodes whose final administration (else the client) names this clinician.</summary>
    [QueryParam, RegularExpression(ClientIds.PatternText), StringLength(64, MinimumLength = 1)] public string? ClinicianId { get; set; }
    /// <summary>clinician, instrument or month (of the episode's end); default one group.</summary>
    [QueryParam, AllowedValues("clinician", "instrument", "month")] public string? GroupBy { get; set; }

    internal static readonly string[] Instruments = [.. Catalogue.All.Where(i => i.Kind == InstrumentKind.Outcome).Select(i => i.Code), OutcomeReport.Paired];
    internal static readonly string[] Groupings = ["clinician", "instrument", "month"];

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            ReportRange.AddRules(this, () => Resolve<TimeProvider>().GetUtcNow());
            RuleFor(x => x.Instrument).Must(Instruments.Contains).When(x => x.Instrument is not null)
                .WithMessage($"Must be an outcome instrument or {OutcomeReport.Paired}: {string.Join(", ", Instruments)} (alliance measures have no outcome report).");
            RuleFor(x => x.Instrument).NotNull().When(x => x.GroupBy != "instrument").WithMessage("Required unless groupBy=instrument.");
            RuleFor(x => x.ClinicianId).MustBeOpaqueId().When(x => x.ClinicianId is not null);
            RuleFor(x => x.GroupBy).Must(Groupings.Contains).When(x => x.GroupBy is not null).WithMessage("Must be clinician, instrument or month.");
        }
    }
}
