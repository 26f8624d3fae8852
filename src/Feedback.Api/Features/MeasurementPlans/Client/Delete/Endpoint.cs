namespace Feedback.Api.Features.MeasurementPlans.Client.Delete;

sealed class Endpoint(PlanWrites writes) : Endpoint<ClientRoute>
{
    public override void Configure()
    {
        Delete(ApiRoutes.ClientPlan);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("DeleteClientMeasurementPlan").WithTags("Measurement plans").ClearDefaultProduces(200).Produces(204));
        Summary(s =>
        {
            s.Summary = "Remove this client's plan override: the tenant default applies again (404 when there is none)";
            s.Description = "Honours If-Match.";
        });
    }

    public override async Task HandleAsync(ClientRoute r, CancellationToken ct)
    {
        if (await HttpContext.PreconditionsAsync() is not { } conditions) return;
        var result = await writes.DeleteAsync(User.TenantId(), new PlanLevel(r.ClientId, ""), conditions, ct);
        if (await HttpContext.RefusedAsync(result)) return;
        await Send.NoContentAsync(ct);
    }
}
