namespace Feedback.Api.Features.Webhooks;

sealed class EndpointRoute
{
    /// <summary>From the route.</summary>
    [RouteParam] public string Id { get; set; } = "";
}
