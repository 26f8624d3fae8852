using Feedback.Data.ApiKeys;
using Feedback.Data.Tenants;

namespace Feedback.Api.Auth;

/// <summary>Creates tenants and keys for the CLI and for the Development demo tenant.</summary>
sealed class TenantAdmin(Database database, TenantRepository tenants, LicenseAttestationRepository attestations, ApiKeyRepository keys,
    TimeProvider clock)
{
    public const string DemoTenant = "demo";
    public const string DemoKey = "demo-key-not-for-production";
    /// <summary>Who attests, for the demo tenant, that it may use instruments whose licence status is required (TASC-R).</summary>
    public const string DemoAttestedBy = "feedback demo seed";
    public const string DemoReference = "demo: not for production";

    /// <summary>Creates a key (and the tenant when it is new); returns the key, which is never stored.</summary>
    public async Task<(string KeyId, string Key)> CreateKeyAsync(string tenantName, IEnumerable<string> scopes, CancellationToken ct)
    {
        var key = ApiKeys.NewKey();
        var keyId = await AddKeyAsync(tenantName, key, scopes, Catalogue.EnabledByDefault, ct);
        return (keyId, key);
    }

    /// <summary>
    /// Development only: tenant "demo" with the documented key, every scope and every instrument. False when it existed.
    /// Instruments whose licence status is required (TASC-R) are enabled with an attestation that says it is the demo's
    /// (clinical.md v1.2 section 2 asks for one before enabling): GET /v1/tenant/settings shows it for what it is.
    /// </summary>
    public async Task<bool> EnsureDemoAsync(CancellationToken ct)
    {
        if (await DemoKeyExistsAsync(ct))
            return false;
        await AddKeyAsync(DemoTenant, DemoKey, KeyScopes.All, Catalogue.All.Select(i => i.Code), ct, attestRequired: true);
        return true;
    }

    /// <summary>Whether the public demo key is stored and not revoked.</summary>
    public async Task<bool> DemoKeyExistsAsync(CancellationToken ct)
    {
        await using var session = await database.ReadAsync(ct);
        return await keys.FindActiveByHashAsync(session, ApiKeys.Hash(DemoKey), ct) is not null;
    }

    async Task<string> AddKeyAsync(string tenantName, string key, IEnumerable<string> scopes, IEnumerable<string> instruments, CancellationToken ct,
        bool attestRequired = false)
    {
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        var tenantId = await tenants.FindIdByNameAsync(tx, tenantName, ct)
                       ?? await CreateTenantAsync(tx, tenantName, instruments, now, attestRequired, ct);
        var keyId = Ulid.NewUlid().ToString();
        await keys.InsertAsync(tx, keyId, tenantId, ApiKeys.Hash(key), string.Join(',', scopes), now, ct);
        await tx.CommitAsync(ct);
        return keyId;
    }

    async Task<long> CreateTenantAsync(DbSession tx, string tenantName, IEnumerable<string> instruments, DateTimeOffset now, bool attestRequired,
        CancellationToken ct)
    {
        var tenantId = await tenants.CreateAsync(tx, tenantName, instruments, now, ct);
        if (attestRequired)
            foreach (var instrument in Catalogue.All.Where(i => i.License.RequiresAttestation))
                await attestations.RecordAsync(tx, tenantId, new LicenseAttestationRow
                    { Instrument = instrument.Code, AttestedBy = DemoAttestedBy, Reference = DemoReference, AttestedAt = now }, ct);
        return tenantId;
    }
}
