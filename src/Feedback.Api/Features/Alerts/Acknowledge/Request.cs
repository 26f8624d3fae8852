using System.ComponentModel.DataAnnotations;

namespace Feedback.Api.Features.Alerts.Acknowledge;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string Id { get; set; } = "";
    /// <summary>Who acknowledges: the caller's clinician id (same rule as clientId).</summary>
    [Required, RegularExpression(ClientIds.PatternText), StringLength(64, MinimumLength = 1)] public string? By { get; set; }
    /// <summary>Optional note, up to 2000 characters.</summary>
    [StringLength(MaxNoteLength)] public string? Note { get; set; }

    internal const int MaxNoteLength = 2000;

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.By).NotEmpty().WithMessage("Required.").MustBeOpaqueId();
            RuleFor(x => x.Note).MaximumLength(MaxNoteLength).WithMessage($"At most {MaxNoteLength} characters.");
        }
    }
}
