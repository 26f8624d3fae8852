using Feedback.Data.Clients;
using Feedback.Data.Episodes;

namespace Feedback.Api.Features.Episodes.List;

sealed class Response
{
    public required List<EpisodeView> Items { get; init; }
    /// <summary>Always null: a client's episodes are one page.</summary>
    public required string? NextCursor { get; init; }
}

sealed class Endpoint(Database database, ClientRepository clients, EpisodeRepository episodes) : Endpoint<ClientRoute, Response>
{
    public override void Configure()
    {
        Get(ApiRoutes.Episodes);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("ListEpisodes").WithTags("Episodes"));
        Summary(s =>
        {
            s.Summary = "A client's episodes, newest first";
            s.Description = "All of the client's episodes in one page (nextCursor is null); 404 for a client this clinic does not have.";
        });
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
        await Send.OkAsync(new Response { Items = list.Select(EpisodeView.From).ToList(), NextCursor = null }, ct);
    }
}
