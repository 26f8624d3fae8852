using System.Text.Json;
using Feedback.Data.Tenants;

namespace Feedback.Api.Features.TenantSettings.Put;

sealed class Endpoint(Database database, TenantRepository tenants, LicenseAttestationRepository attestations, SettingsReader reader,
    TimeProvider clock) : Endpoint<Settings, SettingsView>
{
    public override void Configure()
    {
        Put(ApiRoutes.TenantSettings);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("PutTenantSettings").WithTags("Tenant"));
        Summary(s =>
        {
            s.Summary = "Replace the caller's tenant settings (instruments it accepts, stale-episode guard), recording licence attestations";
            s.Description = "An instrument whose licenseStatus is required (TASC-R) is enabled only with an attestation, stored or in "
                + "licenseAttestations; without one the PUT is a 400 naming licenseAttestations and changes nothing. Attestations left "
                + "out stay stored. The answer warns about every stored plan rule that staleEpisodeDays cuts short.";
        });
    }

    public override async Task HandleAsync(Settings r, CancellationToken ct)
    {
        var codes = Catalogue.All.Select(i => i.Code).Where(r.EnabledInstruments!.Contains).ToList();
        var tenantId = User.TenantId();
        var now = clock.GetUtcNow();
        var attested = (r.LicenseAttestations ?? []).Select(a => new LicenseAttestationRow
            { Instrument = a!.Instrument!, AttestedBy = a.AttestedBy!, Reference = a.Reference!, AttestedAt = now }).ToList();
        var (unattested, stored) = await database.WriteAsync(async (tx, token) =>
        {
            var missing = RequiredAttestations.Missing(codes, [.. await attestations.OfTenantAsync(tx, tenantId, token), .. attested]);
            if (missing.Count > 0) return (missing, (SettingsView?)null);
            await tenants.SetEnabledInstrumentsAsync(tx, tenantId, codes, now, token);
            if (r.StaleEpisodeDays is { } days)
                await tenants.SetStaleEpisodeDaysAsync(tx, tenantId, days, now, token);
            if (r.FhirClientIdSystem is { } system)
                await tenants.SetFhirClientIdSystemAsync(tx, tenantId, system.Length == 0 ? null : system, now, token);
            foreach (var attestation in attested)
                await attestations.RecordAsync(tx, tenantId, attestation, token);
            return (missing, await reader.ReadAsync(tx, tenantId, token));
        }, ct);
        if (stored is null)
        {
            await RequiredAttestations.RefuseAsync(HttpContext, unattested);
            return;
        }
        // The audit entry says that attestations were recorded and for which instruments; who attested stays in the settings.
        if (attested.Count > 0)
            Api.Audit.AuditDetail.Set(HttpContext, JsonSerializer.Serialize(new { licenseAttestations = attested.Select(a => a.Instrument) }));
        await Send.OkAsync(stored, ct);
    }
}
