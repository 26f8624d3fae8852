using Feedback.Api.Features.Clients;

namespace Feedback.Api.Features.Administrations.List;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    [QueryParam] public string? Instrument { get; set; }
    [QueryParam] public string? EpisodeId { get; set; }
    /// <summary>1-200, default 50.</summary>
    [QueryParam] public int? Limit { get; set; }
    /// <summary>The nextCursor of the previous page.</summary>
    [QueryParam] public string? Cursor { get; set; }

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.ClientId).MustBeOpaqueId();
            RuleFor(x => x.Instrument).Must(Catalogue.Exists).When(x => x.Instrument is not null).WithMessage("Unknown instrument.");
            RuleFor(x => x.Limit).InclusiveBetween(1, Pages.MaxLimit).WithMessage($"Must be 1-{Pages.MaxLimit}.");
            RuleFor(x => x.Cursor).Must(c => Cursors.TryDecode(c, out _)).When(x => x.Cursor is not null).WithMessage("Not a cursor from this API.");
        }
    }
}
