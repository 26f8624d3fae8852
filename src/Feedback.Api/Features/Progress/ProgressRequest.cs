using System.ComponentModel.DataAnnotations;

namespace Feedback.Api.Features.Progress;

sealed class ProgressRequest
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    /// <summary>
    /// An outcome instrument (e.g. PHQ-9: one rater's trajectory) or an alliance instrument (SRS, CSRS, WAI-SR: every
    /// rater's series with reasons and ruptures).
    /// </summary>
    [QueryParam, Required, OpenApi.CatalogueCode] public string? Instrument { get; set; }
    /// <summary>Defaults to the client's open episode, else the latest one.</summary>
    [QueryParam, RegularExpression(EpisodeIds.Pattern), StringLength(26, MinimumLength = 26)] public string? EpisodeId { get; set; }
    /// <summary>Outcome: defaults to client. Alliance: only this rater's series (default: every rater's).</summary>
    [QueryParam] public Rater? Rater { get; set; }

    internal sealed class Validator : Validator<ProgressRequest>
    {
        public Validator()
        {
            RuleFor(x => x.ClientId).MustBeOpaqueId();
            RuleFor(x => x.Instrument).NotEmpty().WithMessage("Required.")
                .Must(code => Catalogue.Find(code) is not null)
                .WithMessage($"Must be a catalogue instrument: {string.Join(", ", Catalogue.All.Select(i => i.Code))}.");
            RuleFor(x => x.EpisodeId).MustBeEpisodeId();
        }
    }
}
