namespace Feedback.Data.Webhooks;

/// <summary>The delivery worker's side of the outbox (interop.md 2.4): claims under a lease, fenced results, the log.</summary>
public sealed class WebhookDeliveryRepository(ISqlDialect dialect)
{
    const string DeliveryColumns = """
        id, tenant_id, message_id, endpoint_id, event_type, payload, status, attempt_count, next_attempt_at, lease_until, leased_by,
        last_status_code, last_error, created_at, completed_at
        """;

    // The claim is fair (interop.md 2.4): due rows are taken in turns, an endpoint's first due row before any endpoint's
    // second, then across tenants the same way, and an endpoint (a tenant) whose rows are already leased gets only its free
    // share: at most @PerEndpoint (@PerTenant) leased at once, whichever worker holds them. So a receiver that never
    // answers holds its own share and nothing more; a racing second instance may briefly add its own share (the counts
    // are read before either commits). A live lease is a delivering row (a pending one has none); the status list lets
    // the counts read the filtered index of rows still to deliver, not the history.
    // SQL Server: READPAST skips the rows other instances hold, UPDLOCK keeps the ones read here until the update; an
    // expired lease (a crashed worker) is claimed again. SQLite: the write transaction (BEGIN IMMEDIATE) makes it one step.
    readonly string claimSql = dialect.Provider == DatabaseProvider.SqlServer
        ? $"""
            WITH busy AS (
                SELECT endpoint_id, COUNT(*) AS n FROM dbo.webhook_deliveries
                WHERE status IN (N'pending', N'delivering') AND lease_until >= @Now GROUP BY endpoint_id),
            tenant_busy AS (
                SELECT tenant_id, COUNT(*) AS n FROM dbo.webhook_deliveries
                WHERE status IN (N'pending', N'delivering') AND lease_until >= @Now GROUP BY tenant_id),
            due AS (
                SELECT d.id, d.tenant_id, d.next_attempt_at,
                       ROW_NUMBER() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.id) + COALESCE(b.n, 0) AS endpoint_turn
                FROM dbo.webhook_deliveries d WITH (UPDLOCK, READPAST, ROWLOCK) LEFT JOIN busy b ON b.endpoint_id = d.endpoint_id
                WHERE d.status IN (N'pending', N'delivering') AND d.next_attempt_at <= @Now AND (d.lease_until IS NULL OR d.lease_until < @Now)),
            fair AS (
                SELECT due.id, due.next_attempt_at,
                       ROW_NUMBER() OVER (PARTITION BY due.tenant_id ORDER BY due.endpoint_turn, due.next_attempt_at, due.id) + COALESCE(t.n, 0) AS tenant_turn
                FROM due LEFT JOIN tenant_busy t ON t.tenant_id = due.tenant_id
                WHERE due.endpoint_turn <= @PerEndpoint)
            UPDATE w SET status = N'delivering', lease_until = @LeaseUntil, leased_by = @Worker, attempt_count = attempt_count + 1
            OUTPUT inserted.id, inserted.tenant_id, inserted.message_id, inserted.endpoint_id, inserted.event_type, inserted.payload,
                   inserted.status, inserted.attempt_count, inserted.next_attempt_at, inserted.lease_until, inserted.leased_by,
                   inserted.last_status_code, inserted.last_error, inserted.created_at, inserted.completed_at
            FROM dbo.webhook_deliveries w
            WHERE w.id IN (SELECT TOP (@Limit) f.id FROM fair f WHERE f.tenant_turn <= @PerTenant ORDER BY f.tenant_turn, f.next_attempt_at, f.id);
            """
        : $"""
            WITH busy AS (
                SELECT endpoint_id, COUNT(*) AS n FROM webhook_deliveries
                WHERE status IN ('pending', 'delivering') AND lease_until >= @Now GROUP BY endpoint_id),
            tenant_busy AS (
                SELECT tenant_id, COUNT(*) AS n FROM webhook_deliveries
                WHERE status IN ('pending', 'delivering') AND lease_until >= @Now GROUP BY tenant_id),
            due AS (
                SELECT d.id, d.tenant_id, d.next_attempt_at,
                       ROW_NUMBER() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.id) + COALESCE(b.n, 0) AS endpoint_turn
                FROM webhook_deliveries d LEFT JOIN busy b ON b.endpoint_id = d.endpoint_id
                WHERE d.status IN ('pending', 'delivering') AND d.next_attempt_at <= @Now AND (d.lease_until IS NULL OR d.lease_until < @Now)),
            fair AS (
                SELECT due.id, due.next_attempt_at,
                       ROW_NUMBER() OVER (PARTITION BY due.tenant_id ORDER BY due.endpoint_turn, due.next_attempt_at, due.id) + COALESCE(t.n, 0) AS tenant_turn
                FROM due LEFT JOIN tenant_busy t ON t.tenant_id = due.tenant_id
                WHERE due.endpoint_turn <= @PerEndpoint)
            UPDATE webhook_deliveries SET status = 'delivering', lease_until = @LeaseUntil, leased_by = @Worker, attempt_count = attempt_count + 1
            WHERE id IN (SELECT f.id FROM fair f WHERE f.tenant_turn <= @PerTenant ORDER BY f.tenant_turn, f.next_attempt_at, f.id LIMIT @Limit)
            RETURNING {DeliveryColumns};
            """;

    /// <summary>
    /// Up to <paramref name="limit"/> due rows, leased to <paramref name="worker"/> until <paramref name="leaseUntil"/>, taken
    /// in turns across endpoints and tenants, none beyond an endpoint's (a tenant's) free share of leases.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> ClaimAsync(DbSession s, string worker, DateTimeOffset now, DateTimeOffset leaseUntil, int limit,
        int perEndpoint, int perTenant, CancellationToken ct) =>
        (await s.Connection.QueryAsync<WebhookDeliveryRow>(s.Command(claimSql,
            new { Worker = worker, Now = now, LeaseUntil = leaseUntil, Limit = limit, PerEndpoint = perEndpoint, PerTenant = perTenant }, ct))).AsList();

    // Fencing: only the lease holder's result counts; 0 rows means the lease was lost and the result is dropped.
    readonly string finishSql = """
        UPDATE webhook_deliveries
        SET status = @Status, next_attempt_at = @NextAttemptAt, lease_until = NULL, leased_by = NULL,
            last_status_code = @StatusCode, last_error = @Error, completed_at = @CompletedAt
        WHERE id = @Id AND leased_by = @Worker AND lease_until = @LeaseUntil;
        """;

    // Attempts are numbered along the delivery's whole life (a manual retry restarts the schedule, not the log).
    readonly string insertAttemptSql = """
        INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, duration_ms, error)
        SELECT @DeliveryId, COALESCE(MAX(attempt), 0) + 1, @At, @StatusCode, @DurationMs, @Error
        FROM webhook_attempts WHERE delivery_id = @DeliveryId;
        """;

    // The log keeps the last 10 attempts.
    readonly string trimAttemptsSql = """
        DELETE FROM webhook_attempts
        WHERE delivery_id = @DeliveryId AND attempt <= (SELECT MAX(attempt) FROM webhook_attempts WHERE delivery_id = @DeliveryId) - 10;
        """;

    /// <summary>
    /// Records an attempt of a claimed row and its new state (succeeded, failed, or pending again at
    /// <paramref name="nextAttemptAt"/>); false, writing nothing, when the lease was lost to another worker.
    /// </summary>
    public async Task<bool> FinishAttemptAsync(DbSession s, WebhookDeliveryRow claimed, string status, DateTimeOffset nextAttemptAt,
        WebhookAttemptRow attempt, DateTimeOffset? completedAt, CancellationToken ct)
    {
        var updated = await s.Connection.ExecuteAsync(s.Command(finishSql, new
        {
            claimed.Id, Worker = claimed.LeasedBy, claimed.LeaseUntil, Status = status, NextAttemptAt = nextAttemptAt,
            attempt.StatusCode, attempt.Error, CompletedAt = completedAt,
        }, ct));
        if (updated == 0) return false;
        await s.Connection.ExecuteAsync(s.Command(insertAttemptSql, attempt, ct));
        await s.Connection.ExecuteAsync(s.Command(trimAttemptsSql, new { attempt.DeliveryId }, ct));
        return true;
    }

    readonly string succeededSql = "UPDATE webhook_endpoints SET last_success_at = @At WHERE id = @Id;";

    public Task MarkEndpointSucceededAsync(DbSession s, string endpointId, DateTimeOffset at, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(succeededSql, new { Id = endpointId, At = at }, ct));

    readonly string disableSql = """
        UPDATE webhook_endpoints SET enabled = 0, disabled_reason = @Reason, updated_at = @Now WHERE id = @Id;
        """;

    readonly string failPendingSql = """
        UPDATE webhook_deliveries SET status = 'failed', last_error = 'endpoint_disabled', completed_at = @Now, lease_until = NULL, leased_by = NULL
        WHERE endpoint_id = @Id AND status IN ('pending', 'delivering') AND id <> @Except;
        """;

    /// <summary>Disables the endpoint (gone, failing) and fails its other pending rows.</summary>
    public async Task DisableEndpointAsync(DbSession s, string endpointId, string reason, string exceptDeliveryId, DateTimeOffset now, CancellationToken ct)
    {
        await s.Connection.ExecuteAsync(s.Command(disableSql, new { Id = endpointId, Reason = reason, Now = now }, ct));
        await s.Connection.ExecuteAsync(s.Command(failPendingSql, new { Id = endpointId, Except = exceptDeliveryId, Now = now }, ct));
    }

    readonly string endpointForDeliverySql = """
        SELECT e.id, e.url, e.description, e.event_types, e.min_priority, e.enabled, e.disabled_reason, e.secret, e.previous_secret,
               e.previous_secret_expires_at, e.last_success_at, e.created_at, e.updated_at
        FROM webhook_endpoints e WHERE e.id = @Id;
        """;

    public Task<WebhookEndpointRow?> EndpointAsync(DbSession s, string endpointId, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<WebhookEndpointRow>(s.Command(endpointForDeliverySql, new { Id = endpointId }, ct));

    // The endpoint's log, newest first: ids are ULIDs, so the id is the keyset.
    readonly string pageSql = $"""
        SELECT {dialect.Top} {DeliveryColumns} FROM webhook_deliveries
        WHERE tenant_id = @TenantId AND endpoint_id = @EndpointId AND (@Status IS NULL OR status = @Status) AND id < @BeforeId
        ORDER BY id DESC
        {dialect.Limit};
        """;

    public async Task<IReadOnlyList<WebhookDeliveryRow>> PageAsync(DbSession s, long tenantId, string endpointId, string? status, string beforeId, int limit, CancellationToken ct) =>
        (await s.Connection.QueryAsync<WebhookDeliveryRow>(s.Command(pageSql,
            new { TenantId = tenantId, EndpointId = endpointId, Status = status, BeforeId = beforeId, Limit = limit }, ct))).AsList();

    // The attempts of one page: the page's id range of the endpoint, filtered to the page's rows in memory.
    readonly string attemptsSql = """
        SELECT a.delivery_id, a.attempt, a.at, a.status_code, a.duration_ms, a.error
        FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
        WHERE d.tenant_id = @TenantId AND d.endpoint_id = @EndpointId AND a.delivery_id >= @LowId AND a.delivery_id <= @HighId
        ORDER BY a.delivery_id, a.attempt;
        """;

    public async Task<IReadOnlyList<WebhookAttemptRow>> AttemptsAsync(DbSession s, long tenantId, string endpointId, IReadOnlyList<WebhookDeliveryRow> page, CancellationToken ct)
    {
        if (page.Count == 0) return [];
        var ids = page.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var rows = await s.Connection.QueryAsync<WebhookAttemptRow>(s.Command(attemptsSql, new
        {
            TenantId = tenantId, EndpointId = endpointId, LowId = ids.Min(StringComparer.Ordinal), HighId = ids.Max(StringComparer.Ordinal),
        }, ct));
        return [.. rows.Where(a => ids.Contains(a.DeliveryId))];
    }

    readonly string getSql = $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE tenant_id = @TenantId AND id = @Id;";

    public Task<WebhookDeliveryRow?> GetAsync(DbSession s, long tenantId, string id, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<WebhookDeliveryRow>(s.Command(getSql, new { TenantId = tenantId, Id = id }, ct));

    readonly string byMessageSql = "SELECT id FROM webhook_deliveries WHERE tenant_id = @TenantId AND endpoint_id = @EndpointId AND message_id = @MessageId;";

    public Task<string?> FindIdAsync(DbSession s, long tenantId, string endpointId, string messageId, CancellationToken ct) =>
        s.Connection.ExecuteScalarAsync<string?>(s.Command(byMessageSql, new { TenantId = tenantId, EndpointId = endpointId, MessageId = messageId }, ct));

    readonly string retrySql = """
        UPDATE webhook_deliveries SET status = 'pending', attempt_count = 0, next_attempt_at = @Now, completed_at = NULL,
               lease_until = NULL, leased_by = NULL
        WHERE tenant_id = @TenantId AND id = @Id AND status = 'failed';
        """;

    /// <summary>A failed delivery starts its schedule again (same webhook-id); false when it is not failed.</summary>
    public async Task<bool> RetryAsync(DbSession s, long tenantId, string id, DateTimeOffset now, CancellationToken ct) =>
        await s.Connection.ExecuteAsync(s.Command(retrySql, new { TenantId = tenantId, Id = id, Now = now }, ct)) == 1;

    readonly string purgeSql = """
        DELETE FROM webhook_deliveries WHERE status IN ('succeeded', 'failed', 'cancelled') AND completed_at < @Before;
        """;

    /// <summary>Final rows older than the retention (interop.md 2.4: 30 days by default).</summary>
    public Task<int> PurgeAsync(DbSession s, DateTimeOffset before, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(purgeSql, new { Before = before }, ct));
}
