using Feedback.Data.Tenants;

namespace Feedback.Api.Features.MeasurementPlans.Episode.Put;

sealed class Request : PlanBody
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    /// <summary>From the route.</summary>
    [RouteParam] public string EpisodeId { get; set; } = "";

    internal sealed class Validator : Checks<Request>
    {
        public Validator() => RuleFor(x => x.ClientId).MustBeOpaqueId();
    }
}

sealed class Endpoint(Database database, TenantRepository tenants, PlanWrites writes) : Endpoint<Request, ClientPlanView>
{
    public override void Configure()
    {
        Put(ApiRoutes.EpisodePlan);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("PutEpisodeMeasurementPlan").WithTags("Measurement plans").Produces<Problem>(409, Problem.ContentType));
        Summary(s =>
        {
            s.Summary = "Replace this episode's plan override (it wins over the client's override and the tenant default)";
            s.Description = "Only for an open episode (409 when closed). Honours If-Match (the override's tag, \"episode-1\"; without one, the tag of the plan it inherits, the client's or the tenant's) and If-None-Match: *.";
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        if (await HttpContext.PreconditionsAsync() is not { } conditions) return;
        if (await HttpContext.EnabledRulesAsync(r, database, tenants, ct) is not { } rules) return;
        var result = await writes.PutAsync(User.TenantId(), new PlanLevel(r.ClientId, r.EpisodeId), r.Name!, rules.Rules, conditions, ct);
        if (await HttpContext.RefusedAsync(result)) return;
        var plan = new EffectivePlan(PlanSource.Episode, result.Plan, rules.Rules);
        HttpContext.SetETag(plan);
        await Send.OkAsync(plan.ToView(r.ClientId, r.EpisodeId, rules.StaleEpisodeDays), ct);
    }
}
