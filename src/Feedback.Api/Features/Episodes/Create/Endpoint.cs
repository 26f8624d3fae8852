
namespace Feedback.Api.Features.Episodes.Create;

sealed class Endpoint(Api.Recording.Recorder recorder)
    : Endpoint<ClientRoute, EpisodeView>
{
    public override void Configure()
    {
        Post(ApiRoutes.Episodes);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("CreateEpisode").WithTags("Episodes").ClearDefaultProduces(200).Produces<EpisodeView>(201));
        Summary(s =>
        {
            s.Summary = "Open a new episode of treatment (closes the client's open one)";
            s.Description = "The next administration of each instrument is the new episode's intake. A client id not seen before is created.";
        });
    }

    public override async Task HandleAsync(ClientRoute r, CancellationToken ct)
    {
        // The closed episode's open rupture is unrepaired (clinical.md section 9): its alert is no longer current.
        var episode = await recorder.OpenEpisodeAsync(User.TenantId(), r.ClientId, ct);
        HttpContext.Response.Headers.Location = ApiRoutes.EpisodeOf(r.ClientId, episode.Id);
        await Send.ResponseAsync(EpisodeView.From(episode), 201, ct);
    }
}
