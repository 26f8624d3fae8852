using Feedback.Data.Tenants;

namespace Feedback.Api.Features.MeasurementPlans.Client.Put;

sealed class Request : PlanBody
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";

    internal sealed class Validator : Checks<Request>
    {
        public Validator() => RuleFor(x => x.ClientId).MustBeOpaqueId();
    }
}

sealed class Endpoint(Database database, TenantRepository tenants, PlanWrites writes) : Endpoint<Request, ClientPlanView>
{
    public override void Configure()
    {
        Put(ApiRoutes.ClientPlan);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("PutClientMeasurementPlan").WithTags("Measurement plans"));
        Summary(s =>
        {
            s.Summary = "Replace this client's plan override (it replaces the tenant default whole, for every episode without its own)";
            s.Description = "A clinician's decision, so it needs read, not submit. 404 for a client not created yet (PUT /v1/clients/{clientId}). "
                + "Honours If-Match (the override's tag, \"client-2\"; without an override, the tag of the plan it inherits, as GET answers it; "
                + "412 when that changed) and If-None-Match: * (create only).";
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        if (await HttpContext.PreconditionsAsync() is not { } conditions) return;
        if (await HttpContext.EnabledRulesAsync(r, database, tenants, ct) is not { } rules) return;
        var result = await writes.PutAsync(User.TenantId(), new PlanLevel(r.ClientId, ""), r.Name!, rules.Rules, conditions, ct);
        if (await HttpContext.RefusedAsync(result)) return;
        var plan = new EffectivePlan(PlanSource.Client, result.Plan, rules.Rules);
        HttpContext.SetETag(plan);
        await Send.OkAsync(plan.ToView(r.ClientId, null, rules.StaleEpisodeDays), ct);
    }
}
