
namespace Feedback.Api.Features.Episodes.Close;

sealed class Endpoint(Api.Recording.Recorder recorder) : Endpoint<EpisodeRoute, EpisodeView>
{
    public override void Configure()
    {
        Post(ApiRoutes.CloseEpisode);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("CloseEpisode").WithTags("Episodes"));
        Summary(s => s.Summary = "Close an episode (closing a closed one changes nothing)");
    }

    public override async Task HandleAsync(EpisodeRoute r, CancellationToken ct)
    {
        // A rupture still open at the close is unrepaired (clinical.md section 9): its alert is no longer current.
        var episode = await recorder.CloseEpisodeAsync(User.TenantId(), r.ClientId, r.EpisodeId, ct);
        if (episode is null)
            await HttpContext.WriteProblemAsync(404, "No such episode for this client.");
        else
            await Send.OkAsync(EpisodeView.From(episode), ct);
    }
}
