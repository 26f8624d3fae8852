using Feedback.Data.Administrations;
using Feedback.Data.Clients;

namespace Feedback.Api.Features.Administrations.List;

sealed class Endpoint(Database database, ClientRepository clients, AdministrationRepository administrations) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get(ApiRoutes.Administrations);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("ListAdministrations").WithTags("Administrations"));
        Summary(s => s.Summary = "A client's administrations, newest first, in pages");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var tenantId = User.TenantId();
        var limit = r.Limit ?? Pages.DefaultLimit;
        Cursors.TryDecode(r.Cursor, out var after);
        await using var session = await database.ReadAsync(ct);
        if (await clients.FindAsync(session, tenantId, r.ClientId, ct) is null)
        {
            await HttpContext.WriteProblemAsync(404, "No such client.");
            return;
        }
        // One row more than the page tells whether there is a next page without a COUNT.
        var rows = await administrations.ListAsync(session, tenantId, r.ClientId, r.Instrument, r.EpisodeId, after, limit + 1, ct);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? Cursors.Encode(new AdministrationCursor(page[^1].AdministeredAt, page[^1].Id)) : null;
        await Send.OkAsync(new Response { Items = page.Select(a => AdministrationView.From(a, withFeedback: true)).ToList(), NextCursor = next }, ct);
    }
}
