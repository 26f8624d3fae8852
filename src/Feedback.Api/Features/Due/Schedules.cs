using Feedback.Clinical.Plans;
using Feedback.Data.Episodes;
using Feedback.Data.Plans;
using Feedback.Data.Tenants;

namespace Feedback.Api.Features.Due;

/// <summary>One client's schedule: the plan it follows, the episode evaluated (null: none open) and the items.</summary>
sealed record ClientSchedule(EffectivePlan Plan, string? EpisodeId, DueSchedule Schedule);

/// <summary>An item of a clinician's overdue list.</summary>
sealed record CaseloadItem(string ClientId, string EpisodeId, int SessionNumber, DueItem Item);

/// <summary>
/// Reads what the due schedule needs and evaluates it (interop.md section 3). Computed at request time: nothing is
/// scheduled or stored. Rules for instruments the tenant has since disabled are skipped.
/// </summary>
sealed class Schedules(DueRepository due, PlanRepository plans, EpisodeRepository episodes, TenantRepository tenants)
{
    /// <summary>A client's schedule; an unknown client (or another tenant's) is a new client at session 1, and nothing is created.</summary>
    public async Task<ClientSchedule> ForClientAsync(DbSession s, long tenantId, string clientId, int? sessionNumber, DateTimeOffset now, CancellationToken ct)
    {
        var enabled = await tenants.EnabledInstrumentsAsync(s, tenantId, ct);
        var episode = await episodes.FindOpenAsync(s, tenantId, clientId, ct);
        var plan = EffectivePlan.Of(await plans.ForClientAsync(s, tenantId, clientId, episode?.Id ?? "", ct), clientId, episode?.Id);
        EpisodeHistory? history = null;
        if (episode is not null)
            history = new EpisodeHistory(episode.OpenedAt, [.. (await due.OfEpisodeAsync(s, tenantId, episode.Id, ct)).Select(Past)]);
        var schedule = DueEvaluation.Evaluate(Enabled(plan.Rules, enabled), history, now, sessionNumber);
        return new ClientSchedule(plan, episode?.Id, schedule);
    }

    /// <summary>
    /// Every item due at the next session of each client of the clinician with an open episode: four statements for the
    /// whole caseload, whatever its size (settings, episodes, their administrations, the plans).
    /// </summary>
    public async Task<IReadOnlyList<CaseloadItem>> ForClinicianAsync(DbSession s, long tenantId, string clinicianId, DateTimeOffset now, CancellationToken ct)
    {
        var enabled = await tenants.EnabledInstrumentsAsync(s, tenantId, ct);
        var caseload = await due.CaseloadAsync(s, tenantId, clinicianId, ct);
        if (caseload.Count == 0) return [];
        var administrations = (await due.CaseloadAdministrationsAsync(s, tenantId, clinicianId, ct)).ToLookup(a => a.ClientId, StringComparer.Ordinal);
        var rows = await plans.ForClinicianAsync(s, tenantId, clinicianId, ct);
        var tenantRow = rows.SingleOrDefault(r => r.ClientId.Length == 0);
        var overrides = rows.Where(r => r.ClientId.Length > 0).ToLookup(r => r.ClientId, StringComparer.Ordinal);
        var tenantPlan = Enabled(EffectivePlan.OfTenant(tenantRow).Rules, enabled);

        var items = new List<CaseloadItem>();
        foreach (var entry in caseload)
        {
            var rules = overrides[entry.ClientId].Any(r => r.EpisodeId.Length == 0 || r.EpisodeId == entry.EpisodeId)
                ? Enabled(EffectivePlan.Of(overrides[entry.ClientId], entry.ClientId, entry.EpisodeId).Rules, enabled)
                : tenantPlan;
            if (rules.Count == 0) continue;
            var history = new EpisodeHistory(entry.OpenedAt, [.. administrations[entry.ClientId].Select(Past)]);
            var schedule = DueEvaluation.Evaluate(rules, history, now, forNextSession: true);
            items.AddRange(schedule.Items.Where(i => i.ToShow).Select(i => new CaseloadItem(entry.ClientId, entry.EpisodeId, schedule.SessionNumber, i)));
        }
        return items;
    }

    static IReadOnlyList<PlanRule> Enabled(IReadOnlyList<PlanRule> rules, IReadOnlyList<string> enabled) =>
        rules.Where(r => enabled.Contains(r.Instrument)).ToList();

    static PastAdministration Past(ScheduledAdministration a) =>
        new(a.Instrument, Names.Parse<Rater>(a.Rater), a.SessionNumber, a.AdministeredAt);
}
