using Feedback.Data.Tenants;

namespace Feedback.Api.Features.MeasurementPlans.Tenant.Put;

sealed class Request : PlanBody
{
    internal sealed class Validator : Checks<Request>;
}

sealed class Endpoint(Database database, TenantRepository tenants, PlanWrites writes) : Endpoint<Request, PlanView>
{
    public override void Configure()
    {
        Put(ApiRoutes.TenantPlan);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("PutTenantMeasurementPlan").WithTags("Measurement plans"));
        Summary(s =>
        {
            s.Summary = "Replace the tenant's default measurement plan (what every client without an override is asked)";
            s.Description = "Honours If-Match (412 when the plan changed since it was read). Every rule's instrument must be enabled for the tenant.";
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        if (await HttpContext.PreconditionsAsync() is not { } conditions) return;
        if (await HttpContext.EnabledRulesAsync(r, database, tenants, ct) is not { } rules) return;
        var result = await writes.PutAsync(User.TenantId(), PlanLevel.Tenant, r.Name!, rules.Rules, conditions, ct);
        if (await HttpContext.RefusedAsync(result)) return;
        var plan = EffectivePlan.OfTenant(result.Plan);
        HttpContext.SetETag(plan);
        await Send.OkAsync(plan.ToView(rules.StaleEpisodeDays), ct);
    }
}
