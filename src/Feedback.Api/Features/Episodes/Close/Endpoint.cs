using Feedback.Data.Alerts;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;

namespace Feedback.Api.Features.Episodes.Close;

sealed class Endpoint(Database database, ClientRepository clients, EpisodeRepository episodes, AlertRepository alerts, Api.Webhooks.WebhookOutbox outbox, TimeProvider clock) : Endpoint<EpisodeRoute, EpisodeView>
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
        var tenantId = User.TenantId();
        var episode = await database.WriteAsync(async (tx, token) =>
        {
            await clients.FindForWriteAsync(tx, tenantId, r.ClientId, token); // locked: one writer per client
            await episodes.CloseAsync(tx, tenantId, r.ClientId, r.EpisodeId, clock.GetUtcNow(), token);
            // A rupture still open at the close is unrepaired (clinical.md section 9): its alert is no longer current.
            var now = clock.GetUtcNow();
            await outbox.QueueResolvedAsync(tx, tenantId, await alerts.ResolveRupturesOfClosedEpisodesAsync(tx, tenantId, r.ClientId, now, token), now, token);
            return await episodes.FindAsync(tx, tenantId, r.ClientId, r.EpisodeId, token);
        }, ct);
        if (episode is null)
            await HttpContext.WriteProblemAsync(404, "No such episode for this client.");
        else
            await Send.OkAsync(EpisodeView.From(episode), ct);
    }
}
