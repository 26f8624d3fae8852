using Feedback.Api.Features.Clients;
using System.ComponentModel.DataAnnotations;
namespace Feedback.Api.Features.Clients.Put;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    /// <summary>adult (18+, the default), adolescent (13-17) or child (6-12); absent keeps the stored value.</summary>
    public AgeGroup? AgeGroup { get; set; }
    /// <summary>The caller's id of the client's clinician; absent keeps the stored value.</summary>
    [RegularExpression(ClientIds.PatternText), StringLength(64, MinimumLength = 1)] public string? ClinicianId { get; set; }

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.ClientId).MustBeOpaqueId();
            RuleFor(x => x.ClinicianId).MustBeOpaqueId().When(x => x.ClinicianId is not null);
        }
    }
}
