using Feedback.Data.Alerts;
using Feedback.Data.Clients;

namespace Feedback.Api.Features.Clients.Put;

sealed class Endpoint(Database database, ClientRepository clients, AlertRepository alerts, TimeProvider clock) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Put(ApiRoutes.Client);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("PutClient").WithTags("Clients").Produces<Response>(200).Produces<Response>(201));
        Summary(s =>
        {
            s.Summary = "Create or update a client (optional: a first administration creates one)";
            s.Description = """
                A new clinicianId reassigns the client: its open alerts move to the new clinician's worklist
                (GET /v1/alerts?clinicianId=) and its due items to the new clinician's caseload (GET /v1/due), in the same
                transaction. Acknowledged and resolved alerts keep the clinician who had the case; stored administrations
                keep the clinician they were recorded with.
                """;
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tenantId = User.TenantId();
        var (existing, row) = await database.WriteAsync(async (tx, token) =>
        {
            var existing = await clients.FindForWriteAsync(tx, tenantId, r.ClientId, token); // locked: two first PUTs of one id run one after the other
            var row = new ClientRow
            {
                ClientId = r.ClientId,
                AgeGroup = Names.Of(r.AgeGroup) ?? existing?.AgeGroup ?? Names.Of(AgeGroup.Adult)!,
                ClinicianId = r.ClinicianId ?? existing?.ClinicianId,
                CreatedAt = existing?.CreatedAt ?? now,
                UpdatedAt = now,
            };
            if (existing is null) await clients.InsertAsync(tx, tenantId, row, token);
            else await clients.UpdateAsync(tx, tenantId, row, token);
            if (existing is not null && r.ClinicianId is not null && r.ClinicianId != existing.ClinicianId)
                await alerts.ReassignOpenAsync(tx, tenantId, r.ClientId, r.ClinicianId, token);
            return (existing, row);
        }, ct);
        if (existing is null) HttpContext.Response.Headers.Location = ApiRoutes.ClientOf(r.ClientId);
        await Send.ResponseAsync(Response.From(row), existing is null ? 201 : 200, ct);
    }
}
