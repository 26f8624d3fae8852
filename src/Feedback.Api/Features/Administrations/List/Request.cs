using System.ComponentModel.DataAnnotations;

namespace Feedback.Api.Features.Administrations.List;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    /// <summary>Only this instrument.</summary>
    [QueryParam, OpenApi.CatalogueCode] public string? Instrument { get; set; }
    /// <summary>Only this episode.</summary>
    [QueryParam, RegularExpression(EpisodeIds.Pattern), StringLength(26, MinimumLength = 26)] public string? EpisodeId { get; set; }
    /// <summary>1-200, default 50.</summary>
    [QueryParam, Range(1, Pages.MaxLimit)] public int? Limit { get; set; }
    /// <summary>The nextCursor of the previous page.</summary>
    [QueryParam, StringLength(Pages.MaxCursorLength, MinimumLength = 1)] public string? Cursor { get; set; }

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.ClientId).MustBeOpaqueId();
            RuleFor(x => x.Instrument).Must(Catalogue.Exists).When(x => x.Instrument is not null).WithMessage("Unknown instrument.");
            RuleFor(x => x.EpisodeId).MustBeEpisodeId();
            RuleFor(x => x.Limit).InclusiveBetween(1, Pages.MaxLimit).WithMessage($"Must be 1-{Pages.MaxLimit}.");
            RuleFor(x => x.Cursor).Must(c => Cursors.TryDecode(c, out _)).When(x => x.Cursor is not null).WithMessage("Not a cursor from this API.");
        }
    }
}
