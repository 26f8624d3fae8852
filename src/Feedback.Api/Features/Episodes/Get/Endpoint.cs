using Feedback.Data.Episodes;

namespace Feedback.Api.Features.Episodes.Get;

sealed class Endpoint(Database database, EpisodeRepository episodes) : Endpoint<EpisodeRoute, EpisodeView>
{
    public override void Configure()
    {
        Get(ApiRoutes.Episode);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("GetEpisode").WithTags("Episodes"));
        Summary(s => s.Summary = "One episode of a client (where a 201 from opening one points)");
    }

    public override async Task HandleAsync(EpisodeRoute r, CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        if (await episodes.FindAsync(session, User.TenantId(), r.ClientId, r.EpisodeId, ct) is not { } episode)
            await HttpContext.WriteProblemAsync(404, "No such episode for this client.");
        else
            await Send.OkAsync(EpisodeView.From(episode), ct);
    }
}
