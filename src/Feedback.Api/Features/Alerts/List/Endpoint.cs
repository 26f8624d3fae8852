using Feedback.Data.Alerts;

namespace Feedback.Api.Features.Alerts.List;

sealed class Endpoint(Database database, AlertRepository alerts) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get(ApiRoutes.Alerts);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("ListAlerts").WithTags("Alerts"));
        Summary(s => s.Summary = "The clinician's worklist: urgent first, then newest, in pages");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var limit = r.Limit ?? Pages.DefaultLimit;
        AlertCursors.TryDecode(r.Cursor, out var after);
        var status = r.Status ?? AlertStatuses.Open;
        var filter = new AlertFilter(status == Request.AnyStatus ? null : status, r.ClinicianId, r.ClientId, Names.Of(r.Kind), Names.Of(r.Priority), Imported: r.Imported);
        await using var session = await database.ReadAsync(ct);
        var rows = await alerts.WorklistAsync(session, User.TenantId(), filter, after, limit + 1, ct);
        var page = rows.Take(limit).ToList();
        Api.Audit.AuditedClients.Set(HttpContext, page.Select(a => a.ClientId));
        var next = rows.Count > limit ? AlertCursors.Encode(new AlertCursor(page[^1].PriorityRank, page[^1].CreatedAt, page[^1].Id)) : null;
        await Send.OkAsync(new Response { Items = page.Select(AlertView.From).ToList(), NextCursor = next }, ct);
    }
}
