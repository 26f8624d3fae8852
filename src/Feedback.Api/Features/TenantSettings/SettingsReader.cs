using Feedback.Data.Plans;
using Feedback.Data.Tenants;

namespace Feedback.Api.Features.TenantSettings;

/// <summary>The settings as GET and PUT answer them: the row, the attestations, and the warnings of every live plan.</summary>
sealed class SettingsReader(TenantRepository tenants, LicenseAttestationRepository attestations, PlanRepository plans)
{
    public async Task<SettingsView> ReadAsync(DbSession s, long tenantId, CancellationToken ct)
    {
        var settings = await tenants.SettingsAsync(s, tenantId, ct);
        var attested = await attestations.OfTenantAsync(s, tenantId, ct);
        var stored = settings.StaleEpisodeDays > 0 ? await plans.LiveOfTenantAsync(s, tenantId, ct) : [];
        return SettingsView.From(settings, attested, PlanWarnings(stored, settings.StaleEpisodeDays));
    }

    // clinical.md v1.2 section 1: the same warning as the plan's own answer, for every stored rule that staleEpisodeDays
    // now cuts short; the path names the plan as its route does. Tenant default first, then by client and episode.
    static IEnumerable<SettingsWarning> PlanWarnings(IEnumerable<PlanRow> stored, int staleEpisodeDays) =>
        from row in stored.OrderBy(r => r.ClientId, StringComparer.Ordinal).ThenBy(r => r.EpisodeId, StringComparer.Ordinal)
        from w in PlanWarning.Of(EffectivePlan.RulesOf(row), staleEpisodeDays, $"plans[{PlanName(row)}].")
        select new SettingsWarning { Code = Clinical.Plans.LongCadence.Code, Path = w.Path, Message = w.Message };

    static string PlanName(PlanRow row) =>
        row.ClientId.Length == 0 ? "tenant"
        : row.EpisodeId.Length == 0 ? $"clients/{row.ClientId}"
        : $"clients/{row.ClientId}/episodes/{row.EpisodeId}";
}
