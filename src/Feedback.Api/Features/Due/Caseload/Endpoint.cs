using Feedback.Clinical.Plans;

namespace Feedback.Api.Features.Due.Caseload;

sealed class Endpoint(Database database, Schedules schedules, TimeProvider clock) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get(ApiRoutes.Due);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("ListDue").WithTags("Measurement plans"));
        Summary(s =>
        {
            s.Summary = "The clinician's overdue list: what each of their clients with an open episode is due at the next session";
            s.Description = "Session cadences come out as due_next_session, day cadences as due or overdue. Computed on request.";
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        DueCursor.TryDecode(r.Cursor, out var after);
        var limit = r.Limit ?? Pages.DefaultLimit;
        IReadOnlyList<CaseloadItem> all;
        await using (var session = await database.ReadAsync(ct))
            all = await schedules.ForClinicianAsync(session, User.TenantId(), r.ClinicianId!, clock.GetUtcNow(), ct);
        var ordered = all
            .Where(i => r.Status is null || Names.Of(i.Item.Status) == r.Status)
            .Where(i => r.Instrument is null || i.Item.Rule.Instrument == r.Instrument)
            .Select(i => (Key: DueCursor.Of(i), Item: i))
            .Where(i => after is null || i.Key.CompareTo(after) > 0)
            .OrderBy(i => i.Key)
            .Take(limit + 1)
            .ToList();
        var page = ordered.Take(limit).ToList();
        Api.Audit.AuditedClients.Set(HttpContext, page.Select(i => i.Item.ClientId));
        await Send.OkAsync(new Response
        {
            Items = [.. page.Select(i => CaseloadDueView.From(i.Item))],
            NextCursor = ordered.Count > limit ? page[^1].Key.Encode() : null,
        }, ct);
    }
}
