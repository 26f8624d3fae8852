using Feedback.Api.Features.Clients;
using Feedback.Data.Episodes;

namespace Feedback.Api.Features.Episodes.Get;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    /// <summary>From the route.</summary>
    [RouteParam] public string EpisodeId { get; set; } = "";

    internal sealed class Validator : Validator<Request>
    {
        public Validator() => RuleFor(x => x.ClientId).MustBeOpaqueId();
    }
}

sealed class Endpoint(Database database, EpisodeRepository episodes) : Endpoint<Request, EpisodeView>
{
    public override void Configure()
    {
        Get(ApiRoutes.Episode);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("GetEpisode").WithTags("Episodes"));
        Summary(s => s.Summary = "One episode of a client (where a 201 from opening one points)");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        if (await episodes.FindAsync(session, User.TenantId(), r.ClientId, r.EpisodeId, ct) is not { } episode)
            await HttpContext.WriteProblemAsync(404, "No such episode for this client.");
        else
            await Send.OkAsync(EpisodeView.From(episode), ct);
    }
}
