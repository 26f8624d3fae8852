using Feedback.Data.Tenants;

namespace Feedback.Data.Tests.Contract;

/// <summary>clinical.md v1.2 section 2 storage: one attestation per tenant and instrument, replaced by a later one, on each dialect.</summary>
public abstract class LicenseAttestationContract
{
    protected abstract Database Db { get; }

    static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 15, 0, TimeSpan.Zero);
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static LicenseAttestationRepository Attestations => new();

    async Task<long> NewTenantAsync(DbSession tx) =>
        await new TenantRepository(Db.Dialect).CreateAsync(tx, "l-" + Guid.NewGuid().ToString("N"), ["PHQ-9"], T0, Ct);

    static LicenseAttestationRow Row(string instrument, string by, string reference, DateTimeOffset at) =>
        new() { Instrument = instrument, AttestedBy = by, Reference = reference, AttestedAt = at };

    [Fact]
    public async Task An_attestation_is_stored_per_tenant_and_instrument_and_a_later_one_replaces_it()
    {
        await using var tx = await Db.BeginAsync(Ct);
        var tenant = await NewTenantAsync(tx);
        var other = await NewTenantAsync(tx);
        (await Attestations.OfTenantAsync(tx, tenant, Ct)).ShouldBeEmpty();

        await Attestations.RecordAsync(tx, tenant, Row("TASC-R", "j.meyer", "letter 2026-114", T0), Ct);
        await Attestations.RecordAsync(tx, tenant, Row("WAI-SR", "j.meyer", "email", T0), Ct);
        await Attestations.RecordAsync(tx, other, Row("TASC-R", "someone else", "theirs", T0), Ct);
        await Attestations.RecordAsync(tx, tenant, Row("TASC-R", "a.berg", "renewed 2027-3", T0.AddDays(30).AddTicks(1234567)), Ct);

        var rows = await Attestations.OfTenantAsync(tx, tenant, Ct);
        rows.Select(r => (r.Instrument, r.AttestedBy, r.Reference, r.AttestedAt)).ShouldBe(
        [
            ("TASC-R", "a.berg", "renewed 2027-3", T0.AddDays(30).AddTicks(1234567)),
            ("WAI-SR", "j.meyer", "email", T0),
        ]);
        (await Attestations.OfTenantAsync(tx, other, Ct)).Select(r => r.AttestedBy).ShouldBe(["someone else"]);
    }

    [Fact]
    public async Task Instrument_codes_compare_exactly()
    {
        await using var tx = await Db.BeginAsync(Ct);
        var tenant = await NewTenantAsync(tx);
        await Attestations.RecordAsync(tx, tenant, Row("TASC-R", "a", "r", T0), Ct);
        await Attestations.RecordAsync(tx, tenant, Row("tasc-r", "b", "r", T0), Ct);
        (await Attestations.OfTenantAsync(tx, tenant, Ct)).Select(r => r.Instrument).ShouldBe(["TASC-R", "tasc-r"]);
    }
}

public sealed class SqliteLicenseAttestationContract(SqliteDatabase fixture) : LicenseAttestationContract, IClassFixture<SqliteDatabase>
{
    protected override Database Db => fixture.Database;
}

public sealed class SqlServerLicenseAttestationContract(SqlServerDatabase fixture) : LicenseAttestationContract, IClassFixture<SqlServerDatabase>
{
    protected override Database Db
    {
        get
        {
            Assert.SkipWhen(fixture.Database is null, SqlServerDatabase.SkipReason);
            return fixture.Database!;
        }
    }
}
