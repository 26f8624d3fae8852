using Feedback.Api.Features.Episodes;
using System.ComponentModel.DataAnnotations;
using Feedback.Api.Features.Clients;

namespace Feedback.Api.Features.Progress;

sealed class ProgressRequest
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    /// <summary>An outcome instrument, e.g. PHQ-9.</summary>
    [QueryParam, Required, OpenApi.CatalogueCode(outcomeOnly: true)] public string? Instrument { get; set; }
    /// <summary>Defaults to the client's open episode, else the latest one.</summary>
    [QueryParam, RegularExpression(EpisodeIds.Pattern), StringLength(26, MinimumLength = 26)] public string? EpisodeId { get; set; }
    /// <summary>Defaults to client.</summary>
    [QueryParam] public Rater? Rater { get; set; }

    internal sealed class Validator : Validator<ProgressRequest>
    {
        public Validator()
        {
            RuleFor(x => x.ClientId).MustBeOpaqueId();
            RuleFor(x => x.Instrument).NotEmpty().WithMessage("Required.")
                .Must(code => Catalogue.Find(code)?.Kind == InstrumentKind.Outcome)
                .WithMessage("Must be an outcome instrument (PHQ-9, GAD-7, CORE-10, OQ-45.2, ORS, WHO-5).");
            RuleFor(x => x.EpisodeId).MustBeEpisodeId();
        }
    }
}
