using System.Reflection;
using System.ComponentModel.DataAnnotations;
using Feedback.Clinical.Alerts;
using Feedback.Data.Alerts;

namespace Feedback.Api.Features.Alerts.List;

sealed class Request
{
    /// <summary>open (default), acknowledged, resolved, or any.</summary>
    [QueryParam, AllowedValues(AlertStatuses.Open, AlertStatuses.Acknowledged, AlertStatuses.Resolved, AnyStatus)] public string? Status { get; set; }
    /// <summary>Only alerts of this clinician's clients.</summary>
    [QueryParam, RegularExpression(ClientIds.PatternText), StringLength(64, MinimumLength = 1)] public string? ClinicianId { get; set; }
    /// <summary>Only this client's alerts.</summary>
    [QueryParam, RegularExpression(ClientIds.PatternText), StringLength(64, MinimumLength = 1)] public string? ClientId { get; set; }
    /// <summary>Only alerts of this kind.</summary>
    [QueryParam] public AlertKind? Kind { get; set; }
    /// <summary>Only alerts of this priority.</summary>
    [QueryParam] public AlertPriority? Priority { get; set; }
    /// <summary>true: only alerts stored by an import (interop.md 4.3); false: only live ones; absent: both.</summary>
    [QueryParam] public bool? Imported { get; set; }
    /// <summary>1-200, default 50.</summary>
    [QueryParam, Range(1, Pages.MaxLimit)] public int? Limit { get; set; }
    /// <summary>The nextCursor of the previous page.</summary>
    [QueryParam, StringLength(Pages.MaxCursorLength, MinimumLength = 1)] public string? Cursor { get; set; }

    internal const string AnyStatus = "any";
    internal static readonly string[] Statuses = typeof(Request).GetProperty(nameof(Status))!.GetCustomAttribute<AllowedValuesAttribute>()!.Values.Cast<string>().ToArray();

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
