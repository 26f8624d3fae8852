using Feedback.Data.Alerts;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;

namespace Feedback.Api.Features.Episodes.Create;

sealed class Endpoint(Database database, ClientRepository clients, EpisodeRepository episodes, AlertRepository alerts, Api.Webhooks.WebhookOutbox outbox, TimeProvider clock)
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
        var now = clock.GetUtcNow();
        var tenantId = User.TenantId();
        var episode = await database.WriteAsync(async (tx, token) =>
        {
            if (await clients.FindForWriteAsync(tx, tenantId, r.ClientId, token) is null) // locked: one writer per client
                await clients.InsertAsync(tx, tenantId, new ClientRow { ClientId = r.ClientId, AgeGroup = Names.Of(AgeGroup.Adult), CreatedAt = now, UpdatedAt = now }, token);
            var opened = await episodes.OpenAsync(tx, tenantId, r.ClientId, now, token);
            // The closed episode's open rupture is unrepaired (clinical.md section 9): its alert is no longer current.
            await outbox.QueueResolvedAsync(tx, tenantId, await alerts.ResolveRupturesOfClosedEpisodesAsync(tx, tenantId, r.ClientId, now, token), now, token);
            return opened;
        }, ct);
        HttpContext.Response.Headers.Location = ApiRoutes.EpisodeOf(r.ClientId, episode.Id);
        await Send.ResponseAsync(EpisodeView.From(episode), 201, ct);
    }
}
