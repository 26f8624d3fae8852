using Feedback.Data.Tenants;
using Feedback.Data.Webhooks;

namespace Feedback.Data.Tests.Contract;

/// <summary>interop.md 2.4: the outbox's matching, claims under leases, fencing and the log, on each dialect.</summary>
public abstract class WebhookContract
{
    protected abstract Database Db { get; }

    static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 15, 0, TimeSpan.Zero);
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    WebhookRepository Hooks => new(Db.Dialect);
    WebhookDeliveryRepository Deliveries => new(Db.Dialect);

    async Task<long> NewTenantAsync()
    {
        await using var tx = await Db.BeginAsync(Ct);
        var id = await new TenantRepository(Db.Dialect).CreateAsync(tx, "w-" + Guid.NewGuid().ToString("N"), ["PHQ-9"], T0, Ct);
        await tx.CommitAsync(Ct);
        return id;
    }

    async Task<string> NewEndpointAsync(long tenant, string eventTypes, string minPriority = "normal", bool enabled = true)
    {
        var id = Ulid.NewUlid().ToString();
        await using var tx = await Db.BeginAsync(Ct);
        await Hooks.InsertEndpointAsync(tx, tenant, new WebhookEndpointRow
        {
            Id = id, Url = "https://ehr.example/hooks", EventTypes = eventTypes, MinPriority = minPriority, Enabled = enabled,
            Secret = "sealed", CreatedAt = T0, UpdatedAt = T0,
        }, Ct);
        await tx.CommitAsync(Ct);
        return id;
    }

    static WebhookEvent Alert(int rank) => new("msg_" + Ulid.NewUlid(), "alert.created", "{}", rank);

    async Task<int> QueueAsync(long tenant, params WebhookEvent[] events)
    {
        await using var tx = await Db.BeginAsync(Ct);
        var n = await Hooks.QueueAsync(tx, tenant, events, T0, Ct);
        await tx.CommitAsync(Ct);
        return n;
    }

    // The store is shared by this class's tests (and runs): a claim takes every due row, whoever's (no fair shares unless
    // a test asks for them), so that each test finds its own among them.
    const int Unbounded = 1_000_000;

    async Task<IReadOnlyList<WebhookDeliveryRow>> ClaimAsync(string worker, DateTimeOffset now, int limit = 5000, int perEndpoint = Unbounded, int perTenant = Unbounded)
    {
        await using var tx = await Db.BeginAsync(Ct);
        var rows = await Deliveries.ClaimAsync(tx, worker, now, now.AddSeconds(60), limit, perEndpoint, perTenant, Ct);
        await tx.CommitAsync(Ct);
        return rows;
    }

    [Fact]
    public async Task An_event_queues_one_row_per_enabled_endpoint_whose_types_and_minimum_priority_match()
    {
        var tenant = await NewTenantAsync();
        var all = await NewEndpointAsync(tenant, "alert.created,alert.resolved");
        var urgentOnly = await NewEndpointAsync(tenant, "alert.created", "urgent");
        await NewEndpointAsync(tenant, "administration.created");
        await NewEndpointAsync(tenant, "alert.created", enabled: false);
        (await QueueAsync(tenant, Alert(0))).ShouldBe(2);          // urgent: both alert.created endpoints
        (await QueueAsync(tenant, Alert(1))).ShouldBe(1);          // high: not the urgent-only one
        (await QueueAsync(tenant, new WebhookEvent("msg_x", "alert.acknowledged", "{}", 0))).ShouldBe(0); // nobody subscribed
        (await QueueAsync(tenant, new WebhookEvent("msg_y", "administration.created", "{}", null))).ShouldBe(1);
        await using var s = await Db.ReadAsync(Ct);
        (await Deliveries.PageAsync(s, tenant, all, null, "~", 50, Ct)).Count.ShouldBe(2);
        (await Deliveries.PageAsync(s, tenant, urgentOnly, null, "~", 50, Ct)).Single().Status.ShouldBe("pending");
    }

    [Fact]
    public async Task A_rolled_back_transaction_queues_nothing()
    {
        var tenant = await NewTenantAsync();
        var endpoint = await NewEndpointAsync(tenant, "alert.created");
        await using (var tx = await Db.BeginAsync(Ct))
            (await Hooks.QueueAsync(tx, tenant, [Alert(0)], T0, Ct)).ShouldBe(1); // disposed without commit
        await using var s = await Db.ReadAsync(Ct);
        (await Deliveries.PageAsync(s, tenant, endpoint, null, "~", 50, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_leased_row_is_claimed_by_one_worker_until_its_lease_expires_and_a_stale_result_is_dropped()
    {
        var tenant = await NewTenantAsync();
        var endpoint = await NewEndpointAsync(tenant, "alert.created");
        await QueueAsync(tenant, Alert(0));
        var first = (await ClaimAsync("worker-a", T0.AddSeconds(1))).Where(r => r.EndpointId == endpoint).ToList();
        var row = first.ShouldHaveSingleItem();
        (row.Status, row.AttemptCount, row.LeasedBy).ShouldBe(("delivering", 1, "worker-a"));
        (await ClaimAsync("worker-b", T0.AddSeconds(30))).ShouldNotContain(r => r.Id == row.Id);   // within the lease
        var again = (await ClaimAsync("worker-b", T0.AddSeconds(62))).Single(r => r.Id == row.Id);  // the lease expired
        (again.LeasedBy, again.AttemptCount).ShouldBe(("worker-b", 2));

        var attempt = new WebhookAttemptRow { DeliveryId = row.Id, Attempt = 1, At = T0.AddSeconds(2), StatusCode = 200, DurationMs = 12 };
        await using (var tx = await Db.BeginAsync(Ct))
        {
            (await Deliveries.FinishAttemptAsync(tx, row, "succeeded", row.NextAttemptAt, attempt, T0.AddSeconds(2), Ct)).ShouldBeFalse(); // worker-a lost it
            (await Deliveries.FinishAttemptAsync(tx, again, "succeeded", again.NextAttemptAt, attempt with { Attempt = 2 }, T0.AddSeconds(63), Ct)).ShouldBeTrue();
            await tx.CommitAsync(Ct);
        }
        (await ClaimAsync("worker-c", T0.AddHours(1))).ShouldNotContain(r => r.Id == row.Id);
        await using var s = await Db.ReadAsync(Ct);
        var logged = (await Deliveries.PageAsync(s, tenant, endpoint, null, "~", 50, Ct)).Single();
        (logged.Status, logged.LastStatusCode).ShouldBe(("succeeded", 200));
        (await Deliveries.AttemptsAsync(s, tenant, endpoint, [logged], Ct)).Select(a => (a.Attempt, a.At)).ShouldBe([(1, T0.AddSeconds(2))]); // worker-a's was dropped
    }

    [Fact]
    public async Task A_failed_attempt_goes_back_to_pending_at_its_next_time_and_the_log_keeps_the_last_ten()
    {
        var tenant = await NewTenantAsync();
        var endpoint = await NewEndpointAsync(tenant, "alert.created");
        await QueueAsync(tenant, Alert(0));
        var now = T0;
        string id = "";
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            now = now.AddMinutes(10);
            var claimed = (await ClaimAsync("w", now)).Single(r => r.EndpointId == endpoint);
            id = claimed.Id;
            claimed.AttemptCount.ShouldBe(attempt);
            await using (var tx = await Db.BeginAsync(Ct))
            {
                (await Deliveries.FinishAttemptAsync(tx, claimed, "pending", now.AddMinutes(5),
                    new WebhookAttemptRow { DeliveryId = claimed.Id, Attempt = attempt, At = now, StatusCode = 500, DurationMs = 3, Error = "http_500" }, null, Ct)).ShouldBeTrue();
                await tx.CommitAsync(Ct);
            }
            (await ClaimAsync("w", now.AddMinutes(4))).ShouldNotContain(r => r.Id == claimed.Id); // not due yet
        }
        await using var s = await Db.ReadAsync(Ct);
        var row = (await Deliveries.GetAsync(s, tenant, id, Ct))!;
        (row.Status, row.LastStatusCode, row.LastError).ShouldBe(("pending", 500, "http_500"));
        (await Deliveries.AttemptsAsync(s, tenant, endpoint, [row], Ct)).Select(a => a.Attempt).ShouldBe([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    }

    [Fact]
    public async Task Only_a_failed_delivery_can_be_retried_and_deleting_an_endpoint_cancels_its_pending_rows()
    {
        var tenant = await NewTenantAsync();
        var endpoint = await NewEndpointAsync(tenant, "alert.created");
        await QueueAsync(tenant, Alert(0));
        var claimed = (await ClaimAsync("w", T0.AddSeconds(1))).Single(r => r.EndpointId == endpoint);
        await using (var tx = await Db.BeginAsync(Ct))
        {
            (await Deliveries.RetryAsync(tx, tenant, claimed.Id, T0, Ct)).ShouldBeFalse();
            await Deliveries.FinishAttemptAsync(tx, claimed, "failed", claimed.NextAttemptAt,
                new WebhookAttemptRow { DeliveryId = claimed.Id, Attempt = 1, At = T0, StatusCode = 410, DurationMs = 1 }, T0, Ct);
            (await Deliveries.RetryAsync(tx, tenant, claimed.Id, T0.AddHours(1), Ct)).ShouldBeTrue();
            (await Deliveries.GetAsync(tx, tenant, claimed.Id, Ct))!.Status.ShouldBe("pending");
            (await Hooks.DeleteEndpointAsync(tx, tenant, endpoint, T0.AddHours(2), Ct)).ShouldBeTrue();
            (await Deliveries.GetAsync(tx, tenant, claimed.Id, Ct)).ShouldBeNull(); // gone with its endpoint
            await tx.CommitAsync(Ct);
        }
    }

    [Fact]
    public async Task A_claim_takes_turns_across_endpoints_and_never_more_than_an_endpoints_or_a_tenants_free_share()
    {
        var tenant = await NewTenantAsync();
        var (busy, quiet, third) = (await NewEndpointAsync(tenant, "alert.created"), await NewEndpointAsync(tenant, "administration.created"),
            await NewEndpointAsync(tenant, "alert.acknowledged"));
        for (var i = 0; i < 10; i++) await QueueAsync(tenant, Alert(0));
        await QueueAsync(tenant, new WebhookEvent("msg_" + Ulid.NewUlid(), "administration.created", "{}", null));
        for (var i = 0; i < 5; i++) await QueueAsync(tenant, new WebhookEvent("msg_" + Ulid.NewUlid(), "alert.acknowledged", "{}", 0));
        var now = T0.AddMinutes(2);
        var first = (await ClaimAsync("fair", now, perEndpoint: 4, perTenant: 8)).Where(r => r.TenantId == tenant).ToList();
        // 4 of the busy endpoint's 10, the quiet endpoint's one, and the third's up to the tenant's 8.
        first.Count.ShouldBe(8);
        first.Count(r => r.EndpointId == quiet).ShouldBe(1);
        first.Count(r => r.EndpointId == busy).ShouldBeInRange(3, 4);
        first.Count(r => r.EndpointId == third).ShouldBeInRange(3, 4);
        // While those leases hold, the tenant has no free share left; once they run out, the rows are due again.
        (await ClaimAsync("fair", now.AddSeconds(1), perEndpoint: 4, perTenant: 8)).Where(r => r.TenantId == tenant).ShouldBeEmpty();
        (await ClaimAsync("fair", now.AddSeconds(61), perEndpoint: 4, perTenant: 8)).Count(r => r.TenantId == tenant).ShouldBe(8);
    }

    [Fact]
    public async Task Two_workers_claiming_at_once_never_hold_the_same_row_within_a_lease()
    {
        var tenant = await NewTenantAsync();
        await NewEndpointAsync(tenant, "alert.created");
        for (var i = 0; i < 10; i++) await QueueAsync(tenant, [.. Enumerable.Range(0, 20).Select(_ => Alert(0))]);
        // A second Database on the same store: another instance of the service.
        var other = new Database(Db.Options);
        var now = T0.AddMinutes(1);
        async Task<List<string>> ClaimAllAsync(Database db, string worker)
        {
            var mine = new List<string>();
            while (true)
            {
                await using var tx = await db.BeginAsync(Ct);
                var rows = await Deliveries.ClaimAsync(tx, worker, now, now.AddSeconds(60), 7, Unbounded, Unbounded, Ct);
                await tx.CommitAsync(Ct);
                if (rows.Count == 0) return mine;
                mine.AddRange(rows.Where(r => r.TenantId == tenant).Select(r => r.Id));
            }
        }
        var results = await Task.WhenAll(ClaimAllAsync(Db, "instance-a"), ClaimAllAsync(other, "instance-b"));
        results[0].Intersect(results[1]).ShouldBeEmpty();
        (results[0].Count + results[1].Count).ShouldBe(200);
        results[0].Concat(results[1]).Distinct().Count().ShouldBe(200);
    }
}

public sealed class SqliteWebhookContract(SqliteDatabase fixture) : WebhookContract, IClassFixture<SqliteDatabase>
{
    protected override Database Db => fixture.Database;
}

public sealed class SqlServerWebhookContract(SqlServerDatabase fixture) : WebhookContract, IClassFixture<SqlServerDatabase>
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
