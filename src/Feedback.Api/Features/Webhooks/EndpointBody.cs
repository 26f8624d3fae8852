using System.ComponentModel.DataAnnotations;
using Feedback.Api.Webhooks;

namespace Feedback.Api.Features.Webhooks;

/// <summary>
/// A webhook endpoint as created or replaced (PUT is a full replacement: an omitted optional field takes its default,
/// never "unchanged", so a generated client cannot silently keep or reset a field).
/// </summary>
class EndpointBody
{
    /// <summary>https (http only to loopback in Development); checked against the SSRF rules, every address its host resolves to.</summary>
    [Required, StringLength(2048, MinimumLength = 1)] public string? Url { get; set; }
    /// <summary>At most 200 characters.</summary>
    [StringLength(200)] public string? Description { get; set; }
    /// <summary>1-5 distinct event types.</summary>
    [Required] public List<string>? EventTypes { get; set; }
    /// <summary>urgent, high or normal (default): alert events below it are not sent.</summary>
    [AllowedValues("urgent", "high", "normal", null)] public string? MinPriority { get; set; }
    /// <summary>Default true; false disables the endpoint (disabledReason admin); true clears disabledReason.</summary>
    public bool? Enabled { get; set; }

    internal static readonly string[] Priorities = ["urgent", "high", "normal"];

    internal class Rules<T> : Validator<T> where T : EndpointBody
    {
        public Rules()
        {
            RuleFor(x => x.Url).NotEmpty().WithMessage("Required.")
                .Must(url => Resolve<TargetRules>().CheckUrl(url) is null).WithMessage(x => Resolve<TargetRules>().CheckUrl(x.Url)!);
            RuleFor(x => x.Description).MaximumLength(200).WithMessage("At most 200 characters.");
            // Two rules: a When on one chain would make the NotNull conditional too (a missing list was a 500).
            RuleFor(x => x.EventTypes).NotNull().WithMessage("Required.");
            RuleFor(x => x.EventTypes).Must(t => t!.Count is >= 1 and <= 5 && t.Distinct().Count() == t.Count).When(x => x.EventTypes is not null)
                .WithMessage("1-5 distinct event types.");
            RuleForEach(x => x.EventTypes).Must(WebhookEvents.Types.Contains)
                .WithMessage($"Unknown event type; one of {string.Join(", ", WebhookEvents.Types)}.");
            RuleFor(x => x.MinPriority).Must(Priorities.Contains).When(x => x.MinPriority is not null)
                .WithMessage("Must be urgent, high or normal.");
        }
    }
}
