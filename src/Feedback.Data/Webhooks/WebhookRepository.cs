namespace Feedback.Data.Webhooks;

/// <summary>Webhook endpoints and the outbox of their deliveries (interop.md 2.1, 2.4).</summary>
public sealed class WebhookRepository(ISqlDialect dialect)
{
    const string EndpointColumns = """
        id, url, description, event_types, min_priority, enabled, disabled_reason, secret, previous_secret,
        previous_secret_expires_at, last_success_at, created_at, updated_at
        """;

    readonly string insertEndpointSql = $"""
        INSERT INTO webhook_endpoints (tenant_id, {EndpointColumns})
        VALUES (@TenantId, @Id, @Url, @Description, @EventTypes, @MinPriority, @Enabled, @DisabledReason, @Secret, @PreviousSecret,
                @PreviousSecretExpiresAt, @LastSuccessAt, @CreatedAt, @UpdatedAt);
        """;

    public Task InsertEndpointAsync(DbSession s, long tenantId, WebhookEndpointRow e, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(insertEndpointSql, new
        {
            TenantId = tenantId, e.Id, e.Url, e.Description, e.EventTypes, e.MinPriority, e.Enabled, e.DisabledReason, e.Secret,
            e.PreviousSecret, e.PreviousSecretExpiresAt, e.LastSuccessAt, e.CreatedAt, e.UpdatedAt,
        }, ct));

    readonly string countEndpointsSql = "SELECT COUNT(*) FROM webhook_endpoints WHERE tenant_id = @TenantId;";

    public async Task<int> CountEndpointsAsync(DbSession s, long tenantId, CancellationToken ct) =>
        Convert.ToInt32(await s.Connection.ExecuteScalarAsync<long>(s.Command(countEndpointsSql, new { TenantId = tenantId }, ct)));

    readonly string getEndpointSql = $"SELECT {EndpointColumns} FROM webhook_endpoints WHERE tenant_id = @TenantId AND id = @Id;";

    public Task<WebhookEndpointRow?> GetEndpointAsync(DbSession s, long tenantId, string id, CancellationToken ct) =>
        s.Connection.QuerySingleOrDefaultAsync<WebhookEndpointRow>(s.Command(getEndpointSql, new { TenantId = tenantId, Id = id }, ct));

    // Oldest first by id (a ULID): a tenant has at most 10.
    readonly string listEndpointsSql = $"""
        SELECT {dialect.Top} {EndpointColumns} FROM webhook_endpoints
        WHERE tenant_id = @TenantId AND id > @AfterId
        ORDER BY id
        {dialect.Limit};
        """;

    public async Task<IReadOnlyList<WebhookEndpointRow>> ListEndpointsAsync(DbSession s, long tenantId, string afterId, int limit, CancellationToken ct) =>
        (await s.Connection.QueryAsync<WebhookEndpointRow>(s.Command(listEndpointsSql, new { TenantId = tenantId, AfterId = afterId, Limit = limit }, ct))).AsList();

    readonly string replaceEndpointSql = """
        UPDATE webhook_endpoints
        SET url = @Url, description = @Description, event_types = @EventTypes, min_priority = @MinPriority, enabled = @Enabled,
            disabled_reason = @DisabledReason, updated_at = @UpdatedAt
        WHERE tenant_id = @TenantId AND id = @Id;
        """;

    public Task ReplaceEndpointAsync(DbSession s, long tenantId, WebhookEndpointRow e, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(replaceEndpointSql, new
        {
            TenantId = tenantId, e.Id, e.Url, e.Description, e.EventTypes, e.MinPriority, e.Enabled, e.DisabledReason, e.UpdatedAt,
        }, ct));

    readonly string rotateSecretSql = """
        UPDATE webhook_endpoints
        SET previous_secret = secret, previous_secret_expires_at = @PreviousExpiresAt, secret = @Secret, updated_at = @Now
        WHERE tenant_id = @TenantId AND id = @Id;
        """;

    /// <summary>The new secret signs from now on; the old one too until <paramref name="previousExpiresAt"/>.</summary>
    public Task RotateSecretAsync(DbSession s, long tenantId, string id, string secret, DateTimeOffset previousExpiresAt, DateTimeOffset now, CancellationToken ct) =>
        s.Connection.ExecuteAsync(s.Command(rotateSecretSql, new { TenantId = tenantId, Id = id, Secret = secret, PreviousExpiresAt = previousExpiresAt, Now = now }, ct));

    // Every tenant's endpoints, for the start-up check that their secrets decrypt (a deployment holds few).
    readonly string storedSecretsSql = "SELECT id, secret FROM webhook_endpoints ORDER BY id;";

    public sealed class StoredSecret
    {
        public string Id { get; init; } = "";
        public string Secret { get; init; } = "";
    }

    public async Task<IReadOnlyList<StoredSecret>> StoredSecretsAsync(DbSession s, CancellationToken ct) =>
        (await s.Connection.QueryAsync<StoredSecret>(s.Command(storedSecretsSql, null, ct))).AsList();

    readonly string deleteEndpointSql = "DELETE FROM webhook_endpoints WHERE tenant_id = @TenantId AND id = @Id;";
    readonly string cancelPendingSql = """
        UPDATE webhook_deliveries SET status = 'cancelled', completed_at = @Now, lease_until = NULL, leased_by = NULL
        WHERE tenant_id = @TenantId AND endpoint_id = @EndpointId AND status IN ('pending', 'delivering');
        """;

    /// <summary>Cancels the endpoint's pending deliveries, then deletes it (its deliveries and attempts go with it).</summary>
    public async Task<bool> DeleteEndpointAsync(DbSession s, long tenantId, string id, DateTimeOffset now, CancellationToken ct)
    {
        await s.Connection.ExecuteAsync(s.Command(cancelPendingSql, new { TenantId = tenantId, EndpointId = id, Now = now }, ct));
        return await s.Connection.ExecuteAsync(s.Command(deleteEndpointSql, new { TenantId = tenantId, Id = id }, ct)) == 1;
    }

    // The endpoints an event goes to, at the moment it happens: enabled, subscribed to its type, and for alerts at or
    // above their minimum priority (rank 0 urgent, 1 high, 2 normal).
    readonly string subscribersSql = """
        SELECT id, event_types, min_priority FROM webhook_endpoints WHERE tenant_id = @TenantId AND enabled = 1;
        """;

    public sealed class Subscriber
    {
        public string Id { get; init; } = "";
        public string EventTypes { get; init; } = "";
        public string MinPriority { get; init; } = "normal";
    }

    readonly string insertDeliverySql = """
        INSERT INTO webhook_deliveries (id, tenant_id, message_id, endpoint_id, event_type, payload, status, attempt_count, next_attempt_at, created_at)
        VALUES (@Id, @TenantId, @MessageId, @EndpointId, @EventType, @Payload, 'pending', 0, @Now, @Now);
        """;

    /// <summary>
    /// The outbox write, in the caller's transaction (the one that stores what the events announce): one row per matching
    /// endpoint and event; none when nothing matches. <paramref name="forceEndpointId"/>: a test event to that endpoint only.
    /// </summary>
    public async Task<int> QueueAsync(DbSession s, long tenantId, IReadOnlyList<WebhookEvent> events, DateTimeOffset now, CancellationToken ct,
        string? forceEndpointId = null) =>
        events.Count == 0 ? 0 : await QueueToAsync(s, tenantId, await SubscribersAsync(s, tenantId, ct), events, now, ct, forceEndpointId);

    /// <summary>The tenant's enabled endpoints: when there are none, a caller need not build its events at all.</summary>
    public async Task<IReadOnlyList<Subscriber>> SubscribersAsync(DbSession s, long tenantId, CancellationToken ct) =>
        (await s.Connection.QueryAsync<Subscriber>(s.Command(subscribersSql, new { TenantId = tenantId }, ct))).AsList();

    /// <summary><see cref="QueueAsync"/> to subscribers already read in this transaction.</summary>
    public async Task<int> QueueToAsync(DbSession s, long tenantId, IReadOnlyList<Subscriber> subscribers, IReadOnlyList<WebhookEvent> events,
        DateTimeOffset now, CancellationToken ct, string? forceEndpointId = null)
    {
        var rows = new List<object>();
        foreach (var e in events)
            foreach (var endpoint in subscribers)
            {
                var wanted = forceEndpointId is not null
                    ? endpoint.Id == forceEndpointId
                    : endpoint.EventTypes.Split(',').Contains(e.Type) && (e.PriorityRank is null || e.PriorityRank <= Feedback.Data.Alerts.PriorityRanks.Of(endpoint.MinPriority));
                if (wanted)
                    rows.Add(new { Id = Ulid.NewUlid().ToString(), TenantId = tenantId, e.MessageId, EndpointId = endpoint.Id, EventType = e.Type, e.Payload, Now = now });
            }
        return rows.Count == 0 ? 0 : await s.Connection.ExecuteAsync(s.Command(insertDeliverySql, rows, ct));
    }
}
