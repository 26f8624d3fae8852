namespace Feedback.Api.Features.Due.Client;

sealed class Endpoint(Database database, Schedules schedules, TimeProvider clock) : Endpoint<Request>
{
    public override void Configure()
    {
        Get(ApiRoutes.ClientDue);
        Policies(KeyScopes.SubmitOrRead);
        Description(d => d.WithName("GetClientDue").WithTags("Measurement plans").Produces<ClientDueView>(200, "application/json"));
        Summary(s =>
        {
            s.Summary = "What this client is to be asked today, from the measurement plan that applies";
            s.Description = "A check-in tablet (submit only) gets what to show and nothing of the history; a read key gets status, "
                + "reasons, dates and sessions. An unknown client is a new client at session 1; nothing is created. Any submission "
                + "of the instrument by the rater in the open episode, from any source, satisfies an item.";
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        ClientSchedule due;
        await using (var session = await database.ReadAsync(ct))
            due = await schedules.ForClientAsync(session, User.TenantId(), r.ClientId, r.SessionNumber, now, ct);
        if (!User.HasScope(KeyScopes.Read))
        {
            var show = due.Schedule.Items.Where(i => i.ToShow).Select(i => new TabletDueItem(i.Rule.Instrument, i.Rule.Rater, i.Rule.Timing));
            await Send.OkAsync(new TabletDueView(r.ClientId, [.. show]), ct);
            return;
        }
        await Send.OkAsync(new ClientDueView
        {
            ClientId = r.ClientId, EpisodeId = due.EpisodeId, PlanSource = due.Plan.Source, PlanVersion = due.Plan.Version,
            SessionNumber = due.Schedule.SessionNumber, SessionNumberInferred = due.Schedule.SessionNumberInferred, AsOf = now,
            Items = [.. due.Schedule.Items.Where(i => i.ToShow || r.All == true).Select(DueItemView.From)],
        }, ct);
    }
}
