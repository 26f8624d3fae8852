using System.ComponentModel.DataAnnotations;

namespace Feedback.Api.Features.Due.Client;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    /// <summary>The session to evaluate, 1-1000; default: 1 + the open episode's highest session (sessionNumber, else the
    /// ordinal of its UTC date).</summary>
    [QueryParam, Range(1, MaxSessionNumber)] public int? SessionNumber { get; set; }
    /// <summary>With read: also list the items not due now, with when they are due next. Ignored with submit only.</summary>
    [QueryParam] public bool? All { get; set; }

    const int MaxSessionNumber = 1000;

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.ClientId).MustBeOpaqueId();
            RuleFor(x => x.SessionNumber).InclusiveBetween(1, MaxSessionNumber).WithMessage($"Must be 1-{MaxSessionNumber}.");
        }
    }
}
