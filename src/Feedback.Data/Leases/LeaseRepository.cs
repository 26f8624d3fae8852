namespace Feedback.Data.Leases;

/// <summary>What taking a lease found: taken, or held by another until <see cref="HeldUntil"/> unless it renews it.</summary>
public sealed record LeaseTake(bool Taken, DateTimeOffset? HeldUntil);

/// <summary>
/// One export and one import per tenant at a time (interop.md 4.2, 4.3), across every instance behind the load balancer:
/// a row per tenant and kind, taken by whoever inserts it or finds it expired, renewed while the work runs, and deleted
/// by its holder at the end. An instance that dies mid-way holds it until it expires, or until it starts again and
/// deletes the leases of its instance id (docs/bulk.md).
/// </summary>
public sealed class LeaseRepository(ISqlDialect dialect)
{
    readonly string findSql = $"""
        SELECT holder, expires_at FROM tenant_leases {dialect.LockForUpdate} WHERE tenant_id = @TenantId AND kind = @Kind;
        """;

    readonly string insertSql = """
        INSERT INTO tenant_leases (tenant_id, kind, holder, expires_at, instance) VALUES (@TenantId, @Kind, @Holder, @ExpiresAt, @Instance);
        """;

    readonly string takeOverSql = """
        UPDATE tenant_leases SET holder = @Holder, expires_at = @ExpiresAt, instance = @Instance
        WHERE tenant_id = @TenantId AND kind = @Kind AND expires_at <= @Now;
        """;

    sealed class Held
    {
        public string Holder { get; init; } = "";
        public DateTimeOffset ExpiresAt { get; init; }
    }

    /// <summary>Takes the lease when it is free or expired; otherwise says until when the other holder has it. In the caller's transaction.</summary>
    public async Task<LeaseTake> TryTakeAsync(DbSession s, long tenantId, string kind, string holder, string instance, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        var p = new { TenantId = tenantId, Kind = kind, Holder = holder, Instance = instance, ExpiresAt = now + duration, Now = now };
        // On SQL Server the lock hint keeps the key range locked when there is no row yet: a second instance waits, then sees ours.
        var held = await s.Connection.QuerySingleOrDefaultAsync<Held>(s.Command(findSql, p, ct));
        if (held is null)
            return new(await s.Connection.ExecuteAsync(s.Command(insertSql, p, ct)) == 1, null);
        return await s.Connection.ExecuteAsync(s.Command(takeOverSql, p, ct)) == 1 ? new(true, null) : new(false, held.ExpiresAt);
    }

    readonly string renewSql = """
        UPDATE tenant_leases SET expires_at = @ExpiresAt WHERE tenant_id = @TenantId AND kind = @Kind AND holder = @Holder;
        """;

    /// <summary>Extends the holder's lease; false when it was lost (expired and taken over).</summary>
    public async Task<bool> RenewAsync(DbSession s, long tenantId, string kind, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken ct) =>
        await s.Connection.ExecuteAsync(s.Command(renewSql, new { TenantId = tenantId, Kind = kind, Holder = holder, ExpiresAt = now + duration }, ct)) == 1;

    readonly string releaseSql = """
        DELETE FROM tenant_leases WHERE tenant_id = @TenantId AND kind = @Kind AND holder = @Holder;
        """;

    public Task ReleaseAsync(DbSession s, long tenantId, string kind, string holder, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(releaseSql, new { TenantId = tenantId, Kind = kind, Holder = holder }, ct));

    // A walk of the table: it holds a row per export or import running now, a few at most.
    readonly string releaseInstanceSql = """
        DELETE FROM tenant_leases WHERE instance = @Instance;
        """;

    /// <summary>At start-up: deletes every lease an earlier run of this instance held (it died holding them); how many.</summary>
    public Task<int> ReleaseInstanceAsync(DbSession s, string instance, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(releaseInstanceSql, new { Instance = instance }, ct));
}
