using Feedback.Api.Features.Clients;
using Feedback.Clinical.Alerts;

namespace Feedback.Api.Features.Alerts.List;

sealed class Request
{
    /// <summary>open (default), acknowledged, resolved, or any.</summary>
    [QueryParam] public string? Status { get; set; }
    [QueryParam] public string? ClinicianId { get; set; }
    [QueryParam] public string? ClientId { get; set; }
    [QueryParam] public AlertKind? Kind { get; set; }
    [QueryParam] public AlertPriority? Priority { get; set; }
    /// <summary>1-200, default 50.</summary>
    [QueryParam] public int? Limit { get; set; }
    /// <summary>The nextCursor of the previous page.</summary>
    [QueryParam] public string? Cursor { get; set; }

    internal const string AnyStatus = "any";
    internal static readonly string[] Statuses = ["open", "acknowledged", "resolved", AnyStatus];

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.Status).Must(Statuses.Contains).When(x => x.Status is not null).WithMessage($"Must be one of {string.Join(", ", Statuses)}.");
            RuleFor(x => x.ClinicianId).MustBeOpaqueId().When(x => x.ClinicianId is not null);
            RuleFor(x => x.ClientId).MustBeOpaqueId().When(x => x.ClientId is not null);
            RuleFor(x => x.Limit).InclusiveBetween(1, Pages.MaxLimit).WithMessage($"Must be 1-{Pages.MaxLimit}.");
            RuleFor(x => x.Cursor).Must(c => AlertCursors.TryDecode(c, out _)).When(x => x.Cursor is not null).WithMessage("Not a cursor from this API.");
        }
    }
}
