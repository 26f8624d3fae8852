using Feedback.Data.Clients;

namespace Feedback.Api.Features.Clients.Get;

sealed class Endpoint(Database database, ClientRepository clients) : Endpoint<ClientRoute, Clients.Put.Response>
{
    public override void Configure()
    {
        Get(ApiRoutes.Client);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("GetClient").WithTags("Clients"));
        Summary(s => s.Summary = "A client's stored details: age group and clinician (where a 201 from PUT points)");
    }

    public override async Task HandleAsync(ClientRoute r, CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        if (await clients.FindAsync(session, User.TenantId(), r.ClientId, ct) is not { } client)
            await HttpContext.WriteProblemAsync(404, "No such client.");
        else
            await Send.OkAsync(Clients.Put.Response.From(client), ct);
    }
}
