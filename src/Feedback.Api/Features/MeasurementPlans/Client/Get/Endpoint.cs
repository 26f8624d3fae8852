using System.ComponentModel.DataAnnotations;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;
using Feedback.Data.Plans;
using Feedback.Data.Tenants;

namespace Feedback.Api.Features.MeasurementPlans.Client.Get;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string ClientId { get; set; } = "";
    /// <summary>The plan of this episode of the client (open or closed); default: the open one.</summary>
    [QueryParam, RegularExpression(EpisodeIds.Pattern), StringLength(26, MinimumLength = 26)] public string? EpisodeId { get; set; }

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.ClientId).MustBeOpaqueId();
            RuleFor(x => x.EpisodeId).MustBeEpisodeId();
        }
    }
}

sealed class Endpoint(Database database, ClientRepository clients, EpisodeRepository episodes, PlanRepository plans,
    TenantRepository tenants) : Endpoint<Request, ClientPlanView>
{
    public override void Configure()
    {
        Get(ApiRoutes.ClientPlan);
        Policies(KeyScopes.Read);
        Description(d => d.WithName("GetClientMeasurementPlan").WithTags("Measurement plans"));
        Summary(s =>
        {
            s.Summary = "The plan that applies to a client: the episode's override, else the client's, else the tenant default";
            s.Description = "source says which, and the ETag names that level and its version (\"tenant-3\", \"client-2\", \"episode-1\"). "
                + "Without a client override, If-Match naming the inherited plan's tag on the client's PUT creates the override "
                + "if that plan has not changed since; a tag of another level never matches an existing override.";
        });
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var tenantId = User.TenantId();
        await using var session = await database.ReadAsync(ct);
        if (await clients.FindAsync(session, tenantId, r.ClientId, ct) is null)
        {
            await HttpContext.WriteProblemAsync(404, "No such client.");
            return;
        }
        var episode = r.EpisodeId is null
            ? await episodes.FindOpenAsync(session, tenantId, r.ClientId, ct)
            : await episodes.FindAsync(session, tenantId, r.ClientId, r.EpisodeId, ct);
        if (r.EpisodeId is not null && episode is null)
        {
            await HttpContext.WriteProblemAsync(404, "No such episode for this client.");
            return;
        }
        var plan = EffectivePlan.Of(await plans.ForClientAsync(session, tenantId, r.ClientId, episode?.Id ?? "", ct), r.ClientId, episode?.Id);
        var settings = await tenants.SettingsAsync(session, tenantId, ct);
        HttpContext.SetETag(plan);
        await Send.OkAsync(plan.ToView(r.ClientId, episode?.Id, settings.StaleEpisodeDays), ct);
    }
}
