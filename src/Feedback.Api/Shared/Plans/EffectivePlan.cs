using System.Text.Json;
using Feedback.Clinical.Plans;
using Feedback.Data.Plans;

namespace Feedback.Api.Shared.Plans;

/// <summary>Where a plan comes from: the open (or named) episode's override, the client's override, the tenant default, or none.</summary>
enum PlanSource { Tenant, Client, Episode, None }

/// <summary>
/// The plan that applies, by precedence (interop.md section 3): the episode's override, else the client's, else the tenant
/// default, else none (an empty plan). Overrides replace the whole plan.
/// </summary>
sealed record EffectivePlan(PlanSource Source, PlanRow? Row, IReadOnlyList<PlanRule> Rules)
{
    public int Version => Row?.Version ?? 0;

    /// <summary>The plan of <paramref name="clientId"/> in <paramref name="episodeId"/> (null: no open episode) among
    /// <paramref name="rows"/>: stored plans of the tenant, the client and the episode (others are ignored), deleted ones included.</summary>
    public static EffectivePlan Of(IEnumerable<PlanRow> rows, string clientId, string? episodeId)
    {
        PlanRow? tenant = null, client = null, episode = null;
        foreach (var row in rows)
        {
            if (row is { ClientId: "", EpisodeId: "" }) tenant = row;
            else if (row.ClientId == clientId && row.EpisodeId == "" && row.Exists) client = row;
            else if (row.ClientId == clientId && episodeId is not null && row.EpisodeId == episodeId && row.Exists) episode = row;
        }
        return episode is not null ? new(PlanSource.Episode, episode, Parse(episode))
            : client is not null ? new(PlanSource.Client, client, Parse(client))
            : OfTenant(tenant);
    }

    /// <summary>The tenant default; a never-written or deleted one is source none (its version still counts).</summary>
    public static EffectivePlan OfTenant(PlanRow? tenant) =>
        tenant is { Exists: true } ? new(PlanSource.Tenant, tenant, Parse(tenant)) : new(PlanSource.None, tenant, []);

    public static string Serialize(IEnumerable<PlanRule> rules) =>
        JsonSerializer.Serialize(rules.Select(RuleView.From).ToList(), Json.JsonSetup.Options);

    /// <summary>The rules of a stored plan that was not deleted.</summary>
    public static IReadOnlyList<PlanRule> RulesOf(PlanRow row) => Parse(row);

    static IReadOnlyList<PlanRule> Parse(PlanRow row) =>
        JsonSerializer.Deserialize<List<RuleView>>(row.RulesJson!, Json.JsonSetup.Options)!.Select(r => r.ToRule()).ToList();
}
