namespace Feedback.Api.Features.MeasurementPlans.Episode.Delete;

sealed class Endpoint(PlanWrites writes) : Endpoint<EpisodeRoute>
{
    public override void Configure()
    {
        Delete(ApiRoutes.EpisodePlan);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("DeleteEpisodeMeasurementPlan").WithTags("Measurement plans").Produces<Problem>(409, Problem.ContentType).ClearDefaultProduces(200).Produces(204));
        Summary(s =>
        {
            s.Summary = "Remove this episode's plan override: the client's override or the tenant default applies again";
            s.Description = "404 when there is none; 409 when the episode is closed. Honours If-Match.";
        });
    }

    public override async Task HandleAsync(EpisodeRoute r, CancellationToken ct)
    {
        if (await HttpContext.PreconditionsAsync() is not { } conditions) return;
        var result = await writes.DeleteAsync(User.TenantId(), new PlanLevel(r.ClientId, r.EpisodeId), conditions, ct);
        if (await HttpContext.RefusedAsync(result)) return;
        await Send.NoContentAsync(ct);
    }
}
