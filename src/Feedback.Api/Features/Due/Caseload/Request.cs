using System.ComponentModel.DataAnnotations;

namespace Feedback.Api.Features.Due.Caseload;

sealed class Request
{
    /// <summary>Required: the clinician whose clients (by their clinicianId) are listed.</summary>
    [QueryParam, Required, RegularExpression(ClientIds.PatternText), StringLength(64, MinimumLength = 1)] public string? ClinicianId { get; set; }
    /// <summary>Only items of this status: overdue, due or due_next_session.</summary>
    [QueryParam, AllowedValues("overdue", "due", "due_next_session")] public string? Status { get; set; }
    /// <summary>Only items of this instrument.</summary>
    [QueryParam, OpenApi.CatalogueCode] public string? Instrument { get; set; }
    /// <summary>1-200, default 50.</summary>
    [QueryParam, Range(1, Pages.MaxLimit)] public int? Limit { get; set; }
    /// <summary>The nextCursor of the previous page.</summary>
    [QueryParam, StringLength(Pages.MaxCursorLength, MinimumLength = 1)] public string? Cursor { get; set; }

    internal static readonly string[] Statuses = ["overdue", "due", "due_next_session"];

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.ClinicianId).NotNull().WithMessage("Required: the clinician whose clients to list.");
            RuleFor(x => x.ClinicianId).MustBeOpaqueId().When(x => x.ClinicianId is not null);
            RuleFor(x => x.Status).Must(Statuses.Contains).When(x => x.Status is not null).WithMessage($"Must be one of {string.Join(", ", Statuses)}.");
            RuleFor(x => x.Instrument).Must(Catalogue.Exists).When(x => x.Instrument is not null)
                .WithMessage("Unknown instrument; codes are exact and case-sensitive (see GET /v1/instruments).");
            RuleFor(x => x.Limit).InclusiveBetween(1, Pages.MaxLimit).WithMessage($"Must be 1-{Pages.MaxLimit}.");
            RuleFor(x => x.Cursor).Must(c => DueCursor.TryDecode(c, out _)).When(x => x.Cursor is not null).WithMessage("Not a cursor from this API.");
        }
    }
}
