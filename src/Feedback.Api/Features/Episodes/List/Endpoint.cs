using Feedback.Data.Clients;
using Feedback.Data.Episodes;

namespace Feedback.Api.Features.Episodes.List;

sealed class Endpoint(Database database, ClientRepository clients, EpisodeRepository episodes) : Endpoint<ClientRoute, List<EpisodeView>>
{
    public override void Configure()
    {
        Get(ApiRoutes.Episodes);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("ListEpisodes").WithTags("Episodes"));
        Summary(s => s.Summary = "A client's episodes, newest first");
    }

    public override async Task HandleAsync(ClientRoute r, CancellationToken ct)
    {
        var tenantId = User.TenantId();
        await using var session = await database.ReadAsync(ct);
        if (await clients.FindAsync(session, tenantId, r.ClientId, ct) is null)
        {
            await HttpContext.WriteProblemAsync(404, "No such client.");
            return;
        }
        var list = await episodes.ListAsync(session, tenantId, r.ClientId, ct);
        await Send.OkAsync(list.Select(EpisodeView.From).ToList(), ct);
    }
}
