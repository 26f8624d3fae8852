using Feedback.Data.Leases;

namespace Feedback.Api.Shared;

/// <summary>
/// One export and one import per tenant at a time, on every instance (interop.md 4.2, 4.3). A lease is renewed while its
/// work runs and expires unless renewed, so an instance that dies mid-way blocks the tenant for at most
/// <see cref="Duration"/>; and an instance that starts again deletes the leases its earlier run held (docs/bulk.md),
/// so a crash and restart blocks nothing.
/// </summary>
sealed class TenantLeases(Database database, LeaseRepository leases, TimeProvider clock, IConfiguration configuration,
    ILogger<TenantLeases> logger) : IHostedService
{
    readonly Database database = database;
    readonly LeaseRepository leases = leases;
    readonly TimeProvider clock = clock;

    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);
    static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    public const string Export = "export";
    public const string Import = "import";

    public const string InstanceSetting = "Instance:Id";

    /// <summary>
    /// This instance's stable id: Instance:Id, or the host name. Stable across restarts, unique among the instances
    /// running at once (two processes on one host must each set Instance:Id), 1-128 characters.
    /// </summary>
    public string Instance { get; } = InstanceOf(configuration);

    static string InstanceOf(IConfiguration configuration)
    {
        var id = configuration[InstanceSetting] is { Length: > 0 } configured ? configured : Environment.MachineName;
        return id.Length <= 128 ? id : throw new InvalidOperationException($"{InstanceSetting} is longer than 128 characters.");
    }

    /// <summary>Before the first request: the leases a crashed earlier run of this instance held are its no more.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            var released = await database.WriteAsync((tx, token) => leases.ReleaseInstanceAsync(tx, Instance, token), ct);
            if (released > 0)
                logger.LogWarning("Released {Count} export or import lease(s) that an earlier run of instance {Instance} held when it stopped.", released, Instance);
        }
        // Not a reason to stay down (on SQL Server migration 0018 may still be pending): such leases then expire on their own.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not release the leases an earlier run of instance {Instance} held; they expire within {Minutes} minutes.",
                Instance, Duration.TotalMinutes);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The lease, or, when another request of the tenant holds it, until when it does unless renewed.</summary>
    public async Task<(Lease? Lease, DateTimeOffset? HeldUntil)> TryTakeAsync(long tenantId, string kind, CancellationToken ct)
    {
        var holder = Ulid.NewUlid().ToString();
        var now = clock.GetUtcNow();
        var take = await database.WriteAsync((tx, token) => leases.TryTakeAsync(tx, tenantId, kind, holder, Instance, now, Duration, token), ct);
        return take.Taken ? (new Lease(this, tenantId, kind, holder, now), null) : (null, take.HeldUntil);
    }

    /// <summary>Whole seconds until <paramref name="heldUntil"/>, at least 1: a Retry-After value.</summary>
    public string RetryAfter(DateTimeOffset? heldUntil) =>
        Math.Max(1, (long)Math.Ceiling(((heldUntil ?? clock.GetUtcNow()) - clock.GetUtcNow()).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public sealed class Lease(TenantLeases owner, long tenantId, string kind, string holder, DateTimeOffset takenAt) : IAsyncDisposable
    {
        long renewedAtTicks = takenAt.UtcTicks;
        int renewing;

        /// <summary>
        /// Renews the lease when it is a quarter of the way to expiry; cheap to call for every batch, and from several
        /// threads at once (one renews, the others go on).
        /// </summary>
        public async Task RenewIfDueAsync(CancellationToken ct)
        {
            var now = owner.clock.GetUtcNow();
            if (now.UtcTicks - Interlocked.Read(ref renewedAtTicks) < RenewEvery.Ticks) return;
            if (Interlocked.Exchange(ref renewing, 1) == 1) return;
            try
            {
                await owner.database.WriteAsync((tx, token) => owner.leases.RenewAsync(tx, tenantId, kind, holder, now, Duration, token), ct);
                Interlocked.Exchange(ref renewedAtTicks, now.UtcTicks);
            }
            finally
            {
                Interlocked.Exchange(ref renewing, 0);
            }
        }

        // Released whatever happened to the request: the caller may have hung up, the next export must not wait for expiry.
        public async ValueTask DisposeAsync() =>
            await owner.database.WriteAsync(async (tx, token) => { await owner.leases.ReleaseAsync(tx, tenantId, kind, holder, token); return true; }, CancellationToken.None);
    }
}
