namespace Feedback.Api.Shared;

/// <summary>Route of a client's episodes: the client id is checked like everywhere else.</summary>
sealed class ClientRoute
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";

    internal sealed class Validator : Validator<ClientRoute>
    {
        public Validator() => RuleFor(x => x.ClientId).MustBeOpaqueId();
    }
}

/// <summary>Route of one episode of a client.</summary>
sealed class EpisodeRoute
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    /// <summary>From the route.</summary>
    [RouteParam] public string EpisodeId { get; set; } = "";

    internal sealed class Validator : Validator<EpisodeRoute>
    {
        public Validator() => RuleFor(x => x.ClientId).MustBeOpaqueId();
    }
}
