namespace Feedback.Data.Tenants;

/// <summary>A tenant's licence attestations (clinical.md v1.2 section 2), one per instrument.</summary>
public sealed class LicenseAttestationRepository
{
    readonly string ofTenantSql = """
        SELECT instrument, attested_by, reference, attested_at FROM license_attestations
        WHERE tenant_id = @TenantId ORDER BY instrument;
        """;

    /// <summary>The tenant's attestations, by instrument code.</summary>
    public async Task<IReadOnlyList<LicenseAttestationRow>> OfTenantAsync(DbSession s, long tenantId, CancellationToken ct) =>
        (await s.Connection.QueryAsync<LicenseAttestationRow>(s.Command(ofTenantSql, new { TenantId = tenantId }, ct))).AsList();

    // Delete then insert: the same two statements in both dialects, and the write transaction makes them one change.
    readonly string recordSql = """
        DELETE FROM license_attestations WHERE tenant_id = @TenantId AND instrument = @Instrument;
        INSERT INTO license_attestations (tenant_id, instrument, attested_by, reference, attested_at)
        VALUES (@TenantId, @Instrument, @AttestedBy, @Reference, @AttestedAt);
        """;

    /// <summary>Records the attestation, replacing the tenant's earlier one for the same instrument.</summary>
    public Task RecordAsync(DbSession s, long tenantId, LicenseAttestationRow a, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(recordSql,
            new { TenantId = tenantId, a.Instrument, a.AttestedBy, a.Reference, a.AttestedAt }, ct));
}

/// <summary>That the tenant holds the authors' permission for an instrument: who said so, their reference, and when.</summary>
public sealed class LicenseAttestationRow
{
    public string Instrument { get; init; } = "";
    public string AttestedBy { get; init; } = "";
    public string Reference { get; init; } = "";
    public DateTimeOffset AttestedAt { get; init; }
}
