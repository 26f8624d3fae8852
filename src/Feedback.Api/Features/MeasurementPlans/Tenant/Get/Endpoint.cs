using Feedback.Data.Plans;
using Feedback.Data.Tenants;

namespace Feedback.Api.Features.MeasurementPlans.Tenant.Get;

sealed class Endpoint(Database database, PlanRepository plans, TenantRepository tenants) : EndpointWithoutRequest<PlanView>
{
    public override void Configure()
    {
        Get(ApiRoutes.TenantPlan);
        Policies(KeyScopes.ReadOrAdmin);
        Description(d => d.WithName("GetTenantMeasurementPlan").WithTags("Measurement plans"));
        Summary(s =>
        {
            s.Summary = "The tenant's default measurement plan (source none and no rules when none is configured)";
            s.Description = "Answers ETag: \"tenant-version\", for If-Match on the PUT.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        var rows = await plans.ForClientAsync(session, User.TenantId(), "", "", ct);
        var settings = await tenants.SettingsAsync(session, User.TenantId(), ct);
        var plan = EffectivePlan.OfTenant(rows.SingleOrDefault());
        HttpContext.SetETag(plan);
        await Send.OkAsync(plan.ToView(settings.StaleEpisodeDays), ct);
    }
}
