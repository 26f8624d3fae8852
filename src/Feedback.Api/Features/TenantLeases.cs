using Feedback.Data.Leases;

namespace Feedback.Api.Features;

/// <summary>
/// One export and one import per tenant at a time, on every instance (interop.md 4.2, 4.3). A lease expires unless
/// renewed, so an instance that dies mid-way blocks the tenant for at most <see cref="Duration"/>.
/// </summary>
sealed class TenantLeases(Database database, LeaseRepository leases, TimeProvider clock)
{
    readonly Database database = database;
    readonly LeaseRepository leases = leases;
    readonly TimeProvider clock = clock;

    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);
    static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    public const string Export = "export";
    public const string Import = "import";

    /// <summary>The lease, or null when another request of the tenant holds it.</summary>
    public async Task<Lease?> TryTakeAsync(long tenantId, string kind, CancellationToken ct)
    {
        var holder = Ulid.NewUlid().ToString();
        var now = clock.GetUtcNow();
        var taken = await database.WriteAsync((tx, token) => leases.TryTakeAsync(tx, tenantId, kind, holder, now, Duration, token), ct);
        return taken ? new Lease(this, tenantId, kind, holder, now) : null;
    }

    public sealed class Lease(TenantLeases owner, long tenantId, string kind, string holder, DateTimeOffset takenAt) : IAsyncDisposable
    {
        DateTimeOffset renewedAt = takenAt;

        /// <summary>Renews the lease when it is half-way to expiry; cheap to call for every batch.</summary>
        public async Task RenewIfDueAsync(CancellationToken ct)
        {
            var now = owner.clock.GetUtcNow();
            if (now - renewedAt < RenewEvery) return;
            await owner.database.WriteAsync((tx, token) => owner.leases.RenewAsync(tx, tenantId, kind, holder, now, Duration, token), ct);
            renewedAt = now;
        }

        // Released whatever happened to the request: the caller may have hung up, the next export must not wait for expiry.
        public async ValueTask DisposeAsync() =>
            await owner.database.WriteAsync(async (tx, token) => { await owner.leases.ReleaseAsync(tx, tenantId, kind, holder, token); return true; }, CancellationToken.None);
    }
}
