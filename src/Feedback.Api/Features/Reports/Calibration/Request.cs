using System.ComponentModel.DataAnnotations;

namespace Feedback.Api.Features.Reports.Calibration;

sealed class Request : IReportRange
{
    /// <summary>YYYY-MM-DD (UTC): episodes that ended on or after this day; default 365 days before to.</summary>
    [QueryParam, RegularExpression(ReportRange.DatePattern)] public string? From { get; set; }
    /// <summary>YYYY-MM-DD (UTC), exclusive; default tomorrow. After from, at most 5 years after it.</summary>
    [QueryParam, RegularExpression(ReportRange.DatePattern)] public string? To { get; set; }
    /// <summary>The outcome instrument whose client-rated signals are calibrated (required).</summary>
    [QueryParam, AllowedValues("PHQ-9", "GAD-7", "CORE-10", "OQ-45.2", "ORS", "CORS", "WHO-5")] public string? Instrument { get; set; }
    /// <summary>Only episodes whose last administration (else the client) names this clinician.</summary>
    [QueryParam, RegularExpression(ClientIds.PatternText), StringLength(64, MinimumLength = 1)] public string? ClinicianId { get; set; }

    internal static readonly string[] Instruments = [.. Catalogue.All.Where(i => i.Kind == InstrumentKind.Outcome).Select(i => i.Code)];

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            ReportRange.AddRules(this, () => Resolve<TimeProvider>().GetUtcNow());
            RuleFor(x => x.Instrument).NotNull().WithMessage("Required: the outcome instrument to calibrate.");
            RuleFor(x => x.Instrument).Must(Instruments.Contains).When(x => x.Instrument is not null)
                .WithMessage($"Must be an outcome instrument: {string.Join(", ", Instruments)} (alliance measures have no trajectory signal).");
            RuleFor(x => x.ClinicianId).MustBeOpaqueId().When(x => x.ClinicianId is not null);
        }
    }
}
