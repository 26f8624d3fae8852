namespace Feedback.Api.Features.MeasurementPlans.Tenant.Delete;

sealed class Endpoint(PlanWrites writes) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Delete(ApiRoutes.TenantPlan);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("DeleteTenantMeasurementPlan").WithTags("Measurement plans").ClearDefaultProduces(200).Produces(204).Produces<Problem>(404, Problem.ContentType));
        Summary(s =>
        {
            s.Summary = "Remove the tenant's default plan: clients without an override are then asked nothing (404 when none is configured)";
            s.Description = "Honours If-Match. The version keeps counting: the next PUT answers the one after it.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await HttpContext.PreconditionsAsync() is not { } conditions) return;
        var result = await writes.DeleteAsync(User.TenantId(), PlanLevel.Tenant, conditions, ct);
        if (await HttpContext.RefusedAsync(result)) return;
        await Send.NoContentAsync(ct);
    }
}
