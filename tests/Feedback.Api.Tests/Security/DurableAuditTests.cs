using Microsoft.Data.Sqlite;

namespace Feedback.Api.Tests.Security;

/// <summary>
/// The audit never fails open. An answer holding client data leaves only once its audit entry is in the
/// database file; when the entry cannot be written the answer is a 503 without the data; failed requests and every
/// client a worklist shows are recorded. The entries are read from the database file itself, not through the API.
/// </summary>
public sealed class DurableAuditTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    sealed record Row(string Route, string? ClientId, string? ResourceId, long Status, string Method);

    async Task<List<Row>> AuditRowsAsync()
    {
        await using var db = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False;Mode=ReadOnly");
        await db.OpenAsync(Ct);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT route, client_id, resource_id, status, method FROM audit_log";
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        var rows = new List<Row>();
        while (await reader.ReadAsync(Ct))
            rows.Add(new Row(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3), reader.GetString(4)));
        return rows;
    }

    [Fact]
    public async Task Each_answer_holding_client_data_leaves_only_after_its_entry_is_in_the_database()
    {
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("durable-1"), new { ageGroup = "adult", clinicianId = "dr-durable" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var post = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("durable-1"), Http.Phq9([2, 2, 2, 2, 2, 2, 2, 2, 0]), Ct);
        post.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await post.BodyAsync())["id"]!.GetValue<string>();

        // Read, and look in the file the moment each answer is in hand: no flush, no waiting.
        (await app.Reader.GetAsync(ApiRoutes.ClientOf("durable-1"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditRowsAsync()).ShouldContain(new Row(ApiRoutes.Client, "durable-1", "durable-1", 200, "GET"));
        (await app.Reader.GetAsync(ApiRoutes.AdministrationOf("durable-1", id), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditRowsAsync()).ShouldContain(new Row(ApiRoutes.Administration, "durable-1", id, 200, "GET"));
        (await app.Reader.GetAsync(ApiRoutes.ProgressChartOf("durable-1", "PHQ-9"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditRowsAsync()).ShouldContain(new Row(ApiRoutes.ProgressChart, "durable-1", "durable-1", 200, "GET"));
        (await AuditRowsAsync()).ShouldContain(new Row(ApiRoutes.Administrations, "durable-1", "durable-1", 201, "POST"));
    }

    // A saved submission's entry is committed with the submission itself; the middleware adds none of its own.
    // A replay, a duplicate and a refusal are recorded by the middleware, each once.
    [Fact]
    public async Task Each_submission_is_recorded_once_whether_saved_replayed_or_refused()
    {
        var body = Http.Phq9([1, 2, 1, 2, 1, 2, 1, 2, 0]);
        HttpRequestMessage Post(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.AdministrationsOf("durable-once")) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
        (await app.Ehr.SendAsync(Post("once-1"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await app.Ehr.SendAsync(Post("once-1"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created); // the replay
        (await app.Ehr.SendAsync(Post("once-2"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict); // the same content again

        var rows = (await AuditRowsAsync()).Where(r => r.ClientId == "durable-once").ToList();
        rows.Count(r => r == new Row(ApiRoutes.Administrations, "durable-once", "durable-once", 201, "POST")).ShouldBe(2);
        rows.Count(r => r == new Row(ApiRoutes.Administrations, "durable-once", "durable-once", 409, "POST")).ShouldBe(1);
        rows.Count.ShouldBe(3);
    }

    // Concurrent submissions share commits (GroupCommit): each entry still belongs to its own request and is written once.
    [Fact]
    public async Task Concurrent_submissions_sharing_commits_are_each_recorded_once_under_their_own_client()
    {
        var clients = Enumerable.Range(1, 24).Select(i => $"durable-batch-{i}").ToList();
        var answers = await Task.WhenAll(clients.Select(c => app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(c), Http.Phq9([1, 1, 2, 0, 1, 3, 0, 1, 0]), Ct)));
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created);

        var rows = (await AuditRowsAsync()).Where(r => r.ClientId?.StartsWith("durable-batch-", StringComparison.Ordinal) == true).ToList();
        rows.OrderBy(r => r.ClientId, StringComparer.Ordinal).ShouldBe(
            clients.Select(c => new Row(ApiRoutes.Administrations, c, c, 201, "POST")).OrderBy(r => r.ClientId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Failed_requests_are_recorded_with_the_client_id_the_route_names()
    {
        (await app.Reader.GetAsync(ApiRoutes.ClientOf("durable-nobody"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var invalid = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("durable-bad"), Http.Phq9([9, 1, 1, 1, 1, 1, 1, 1, 1]), Ct);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Tablet.GetAsync(ApiRoutes.ProgressOf("durable-tablet", "PHQ-9"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var rows = await AuditRowsAsync();
        rows.ShouldContain(new Row(ApiRoutes.Client, "durable-nobody", "durable-nobody", 404, "GET"));
        rows.ShouldContain(new Row(ApiRoutes.Administrations, "durable-bad", "durable-bad", 400, "POST"));
        rows.ShouldContain(new Row(ApiRoutes.Progress, "durable-tablet", "durable-tablet", 403, "GET"));
    }

    [Fact]
    public async Task Requests_below_a_client_record_that_client_beside_the_resource_they_name()
    {
        var post = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf("durable-owner"), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 2]), Ct);
        var created = await post.BodyAsync();
        var id = created["id"]!.GetValue<string>();
        var episodeId = created["episodeId"]!.GetValue<string>();
        var alertId = created["alerts"]![0]!["id"]!.GetValue<string>();

        // another client's path to an existing administration: a probe of "durable-prober", recorded as such
        (await app.Reader.GetAsync(ApiRoutes.AdministrationOf("durable-prober", id), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Reader.GetAsync(ApiRoutes.EpisodeOf("durable-owner", episodeId), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Ehr.PostAsJsonAsync(ApiRoutes.AcknowledgeAlertOf(alertId), new { by = "dr-durable" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rows = await AuditRowsAsync();
        rows.ShouldContain(new Row(ApiRoutes.Administration, "durable-prober", id, 404, "GET"));
        rows.ShouldContain(new Row(ApiRoutes.Episode, "durable-owner", episodeId, 200, "GET"));
        rows.ShouldContain(new Row(ApiRoutes.AcknowledgeAlert, "durable-owner", alertId, 200, "POST")); // the route names only the alert
    }

    [Fact]
    public async Task A_body_refused_before_the_endpoint_is_recorded_too()
    {
        var big = Http.Json("{\"items\":[" + string.Join(",", Enumerable.Repeat("1", 40_000)) + "]}"); // over 64 KiB, with Content-Length
        (await app.Ehr.PostAsync(ApiRoutes.AdministrationsOf("durable-413"), big, Ct)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await AuditRowsAsync()).ShouldContain(new Row(ApiRoutes.Administrations, "durable-413", "durable-413", 413, "POST"));
    }

    [Fact]
    public async Task A_worklist_read_records_every_client_whose_alerts_it_shows()
    {
        string[] clients = ["durable-w1", "durable-w2", "durable-w3"];
        foreach (var client in clients)
        {
            (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(client), new { ageGroup = "adult", clinicianId = "dr-worklist" }, Ct)).EnsureSuccessStatusCode();
            // PHQ-9 item 9 answered 2: a risk alert on the worklist (clinical.md, risk items)
            (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(client), Http.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 2]), Ct)).EnsureSuccessStatusCode();
        }
        var worklist = await (await app.Reader.GetAsync(ApiRoutes.AlertsPath + "?clinicianId=dr-worklist", Ct)).BodyAsync();
        worklist["items"]!.AsArray().Select(a => a!["clientId"]!.GetValue<string>()).Distinct().Order().ShouldBe(clients);

        var rows = (await AuditRowsAsync()).Where(r => r.Route == ApiRoutes.Alerts).ToList();
        foreach (var client in clients)
            rows.ShouldContain(new Row(ApiRoutes.Alerts, client, client, 200, "GET"));
    }
}

/// <summary>
/// When the audit log cannot be written (a full disk, simulated by a trigger that refuses every insert,
/// or a lock another process holds), an answer holding client data is not sent: 503 with Retry-After, no client data.
/// </summary>
public sealed class UnwritableAuditTests(OneSecondLockApp app) : IClassFixture<OneSecondLockApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    void Execute(string sql)
    {
        using var db = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    const string RefuseAuditEntries = "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;";
    const string AcceptAuditEntries = "DROP TRIGGER refuse_audit;";

    [Fact]
    public async Task A_read_whose_entry_cannot_be_written_is_503_without_the_clients_data()
    {
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("unaudited-1"), new { ageGroup = "adult", clinicianId = "dr-secret" }, Ct)).EnsureSuccessStatusCode();

        Execute(RefuseAuditEntries);
        try
        {
            var refused = await app.Reader.GetAsync(ApiRoutes.ClientOf("unaudited-1"), Ct);
            var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            refused.Headers.RetryAfter!.Delta.ShouldNotBeNull();
            problem.ToJsonString().ShouldNotContain("dr-secret");
            refused.Headers.Contains("X-Content-Type-Options").ShouldBeTrue();
        }
        finally
        {
            Execute(AcceptAuditEntries);
        }
        var read = await (await app.Reader.GetAsync(ApiRoutes.ClientOf("unaudited-1"), Ct)).BodyAsync();
        read["clinicianId"]!.GetValue<string>().ShouldBe("dr-secret");
    }

    // A submission's entry is written in the submission's own transaction, so an entry that cannot be written
    // undoes the submission too: nothing is stored without its audit entry, and the retry is a first submission.
    [Fact]
    public async Task A_submission_whose_entry_cannot_be_written_is_503_stores_nothing_and_its_retry_is_stored_once()
    {
        var body = Http.Phq9([2, 2, 2, 2, 2, 2, 2, 2, 1]);
        HttpRequestMessage Post()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.AdministrationsOf("unaudited-2")) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "unaudited-2-first");
            return request;
        }

        Execute(RefuseAuditEntries);
        HttpResponseMessage refused;
        try
        {
            refused = await app.Ehr.SendAsync(Post(), Ct);
        }
        finally
        {
            Execute(AcceptAuditEntries);
        }
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        refused.Headers.Location.ShouldBeNull();
        refused.Headers.RetryAfter!.Delta.ShouldNotBeNull();
        problem["detail"]!.GetValue<string>().ShouldContain("Nothing was changed");
        (await app.Reader.GetAsync(ApiRoutes.AdministrationsOf("unaudited-2"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var retried = await app.Ehr.SendAsync(Post(), Ct);
        retried.StatusCode.ShouldBe(HttpStatusCode.Created);
        retried.Headers.Contains("Idempotent-Replay").ShouldBeFalse();
        var list = await (await app.Reader.GetAsync(ApiRoutes.AdministrationsOf("unaudited-2"), Ct)).BodyAsync();
        list["items"]!.AsArray().Count.ShouldBe(1);
        var again = await app.Ehr.SendAsync(Post(), Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.Headers.GetValues("Idempotent-Replay").ShouldBe(["true"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_read_while_another_process_holds_the_write_lock_is_503_after_the_bounded_wait()
    {
        var ct = TestContext.Current.CancellationToken;
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("unaudited-3"), new { ageGroup = "adult", clinicianId = "dr-locked" }, Ct)).EnsureSuccessStatusCode();
        using var holder = app.HoldWriteLock();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        var refused = await app.Reader.GetAsync(ApiRoutes.ClientOf("unaudited-3"), deadline.Token);
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.ToJsonString().ShouldNotContain("dr-locked");

        holder.Release();
        // Once the lock is gone the read succeeds. A read sent the moment it is released may still meet the end of the
        // previous bounded wait (one CI run in five, 2026-11-24, answered 503 to it), so it is asked a few times.
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 10 && status == HttpStatusCode.ServiceUnavailable; attempt++)
        {
            if (attempt > 0) await Task.Delay(200, Ct);
            status = (await app.Reader.GetAsync(ApiRoutes.ClientOf("unaudited-3"), Ct)).StatusCode;
        }
        status.ShouldBe(HttpStatusCode.OK);
    }
}
