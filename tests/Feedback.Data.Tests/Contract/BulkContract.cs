using Feedback.Data.Recording;
using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
using Feedback.Data.Audit;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;
using Feedback.Data.Exports;
using Feedback.Data.Imports;
using Feedback.Data.Leases;
using Feedback.Data.Tenants;

namespace Feedback.Data.Tests.Contract;

/// <summary>
/// interop.md 4.2 and 4.3 storage on each dialect: the export's snapshot and keyset batches with their filters, the
/// tenant leases, import line ids, episode keys, imported alerts and audit detail (migration 0013).
/// </summary>
public abstract class BulkContract
{
    protected abstract Database Db { get; }

    static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 15, 0, TimeSpan.Zero);
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    ExportRepository Exports => new(Db.Dialect);
    LeaseRepository Leases => new(Db.Dialect);
    AdministrationRepository Administrations => new(Db.Dialect);

    async Task<long> NewTenantAsync()
    {
        await using var tx = await Db.BeginAsync(Ct);
        var id = await new TenantRepository(Db.Dialect).CreateAsync(tx, "b-" + Guid.NewGuid().ToString("N"), ["PHQ-9"], T0, Ct);
        await tx.CommitAsync(Ct);
        return id;
    }

    // Administrations with increasing ids, received an hour apart, PHQ-9 and GAD-7 in turn, the last source import.
    async Task<List<AdministrationRow>> SeedAsync(long tenant, int count)
    {
        await using var tx = await Db.BeginAsync(Ct);
        await new ClientRepository(Db.Dialect).InsertAsync(tx, tenant, new ClientRow { ClientId = "c-1", AgeGroup = "adult", CreatedAt = T0, UpdatedAt = T0 }, Ct);
        var episode = await new EpisodeRepository().OpenAsync(tx, tenant, "c-1", T0, Ct);
        var rows = new List<AdministrationRow>();
        for (var i = 0; i < count; i++)
        {
            var row = new AdministrationRow
            {
                Id = Ulid.NewUlid(T0.AddHours(i)).ToString(), ClientId = "c-1", EpisodeId = episode.Id, Instrument = i % 2 == 0 ? "PHQ-9" : "GAD-7",
                Rater = "client", AgeGroup = "adult", RulesVersion = "alerts-v1.1", SessionNumber = i + 1, AdministeredAt = T0.AddDays(i),
                ReceivedAt = T0.AddHours(i), ItemsJson = "[1,1,1,1,1,1,1,1,0]", Total = 8.5m, SubscalesJson = "{}", ContentHash = Guid.NewGuid().ToString("N"),
                FeedbackJson = i == 0 ? null : "{\"kind\":\"outcome\"}", Source = i == count - 1 ? "import" : "api", ClinicalRange = i % 3 == 0 ? null : i % 3 == 1,
            };
            await Administrations.InsertAsync(tx, tenant, row, Ct);
            rows.Add(row);
        }
        await tx.CommitAsync(Ct);
        return rows;
    }

    [Fact]
    public async Task An_export_reads_its_snapshot_in_keyset_batches_with_its_filters()
    {
        var tenant = await NewTenantAsync();
        var other = await NewTenantAsync();
        var rows = await SeedAsync(tenant, 7);
        await SeedAsync(other, 3);
        await using var s = await Db.ReadAsync(Ct);
        var all = new ExportFilter(null, null, null);
        var snapshot = await Exports.SnapshotAsync(s, tenant, all, Ct);
        snapshot.ShouldBe(rows[^1].Id);
        (await Exports.SnapshotAsync(s, tenant, new ExportFilter("PHQ-9", null, null), Ct)).ShouldBe(rows[6].Id);
        (await Exports.SnapshotAsync(s, tenant, new ExportFilter("GAD-7", null, null), Ct)).ShouldBe(rows[5].Id);
        (await Exports.SnapshotAsync(s, tenant, new ExportFilter("WHO-5", null, null), Ct)).ShouldBeNull();

        var first = await Exports.BatchAsync(s, tenant, all, "", snapshot!, 3, Ct);
        var second = await Exports.BatchAsync(s, tenant, all, first[^1].Id, snapshot!, 3, Ct);
        var third = await Exports.BatchAsync(s, tenant, all, second[^1].Id, snapshot!, 3, Ct);
        first.Concat(second).Concat(third).Select(r => r.Id).ShouldBe(rows.Select(r => r.Id));
        // Every column a line shows reads back as written.
        var read = first[1].Row;
        (first[1].EpisodeImportKey, first[1].EpisodeClosedAt).ShouldBe((null, null), "an open episode no import made");
        (read.ClientId, read.EpisodeId, read.Instrument, read.Rater, read.SessionNumber, read.AdministeredAt, read.ReceivedAt, read.Total,
            read.ClinicalRange, read.FeedbackJson, read.Source, read.AgeGroup, read.RulesVersion, read.ItemsJson)
            .ShouldBe((rows[1].ClientId, rows[1].EpisodeId, "GAD-7", "client", 2, rows[1].AdministeredAt, rows[1].ReceivedAt, 8.5m,
                (bool?)true, "{\"kind\":\"outcome\"}", "api", "adult", "alerts-v1.1", "[1,1,1,1,1,1,1,1,0]"));
        (first[0].Row.FeedbackJson, first[0].Row.ClinicalRange, third[^1].Row.Source).ShouldBe((null, null, "import"));

        // Up to the snapshot only; received in [from, to).
        (await Exports.BatchAsync(s, tenant, all, "", rows[2].Id, 100, Ct)).Count.ShouldBe(3);
        var window = new ExportFilter(null, T0.AddHours(2), T0.AddHours(4));
        (await Exports.BatchAsync(s, tenant, window, "", snapshot!, 100, Ct)).Select(r => r.Id).ShouldBe([rows[2].Id, rows[3].Id]);
        (await Exports.BatchAsync(s, tenant, new ExportFilter("GAD-7", T0.AddHours(2), null), "", snapshot!, 100, Ct)).Select(r => r.Id)
            .ShouldBe([rows[3].Id, rows[5].Id]);
    }

    [Fact]
    public async Task A_lease_is_held_by_one_holder_until_released_or_expired()
    {
        var tenant = await NewTenantAsync();
        async Task<bool> TakeAsync(string holder, DateTimeOffset now)
        {
            await using var tx = await Db.BeginAsync(Ct);
            var take = await Leases.TryTakeAsync(tx, tenant, "export", holder, "instance-1", now, TimeSpan.FromMinutes(2), Ct);
            await tx.CommitAsync(Ct);
            return take.Taken;
        }
        (await TakeAsync("a", T0)).ShouldBeTrue();
        (await TakeAsync("b", T0.AddMinutes(1))).ShouldBeFalse();
        await using (var tx = await Db.BeginAsync(Ct))
        {
            (await Leases.TryTakeAsync(tx, tenant, "import", "b", "instance-2", T0, TimeSpan.FromMinutes(2), Ct)).Taken.ShouldBeTrue("another kind is another lease");
            (await Leases.RenewAsync(tx, tenant, "export", "a", T0.AddMinutes(1), TimeSpan.FromMinutes(2), Ct)).ShouldBeTrue();
            (await Leases.RenewAsync(tx, tenant, "export", "b", T0.AddMinutes(1), TimeSpan.FromMinutes(2), Ct)).ShouldBeFalse();
            await tx.CommitAsync(Ct);
        }
        (await TakeAsync("b", T0.AddMinutes(2))).ShouldBeFalse("renewed until 3 minutes past");
        (await TakeAsync("b", T0.AddMinutes(3))).ShouldBeTrue("expired: taken over");
        await using (var tx = await Db.BeginAsync(Ct))
        {
            await Leases.ReleaseAsync(tx, tenant, "export", "a", Ct); // the old holder's release frees nothing
            await tx.CommitAsync(Ct);
        }
        (await TakeAsync("c", T0.AddMinutes(3))).ShouldBeFalse();
        await using (var tx = await Db.BeginAsync(Ct))
        {
            await Leases.ReleaseAsync(tx, tenant, "export", "b", Ct);
            await tx.CommitAsync(Ct);
        }
        (await TakeAsync("c", T0.AddMinutes(3))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_refused_take_says_until_when_the_lease_is_held_and_a_restarted_instance_frees_only_its_own()
    {
        var tenant = await NewTenantAsync();
        var other = await NewTenantAsync();
        await using (var tx = await Db.BeginAsync(Ct))
        {
            (await Leases.TryTakeAsync(tx, tenant, "import", "a", "host-1", T0, TimeSpan.FromMinutes(2), Ct)).ShouldBe(new LeaseTake(true, null));
            (await Leases.TryTakeAsync(tx, other, "import", "b", "host-2", T0, TimeSpan.FromMinutes(2), Ct)).Taken.ShouldBeTrue();
            (await Leases.RenewAsync(tx, tenant, "import", "a", T0.AddSeconds(30), TimeSpan.FromMinutes(2), Ct)).ShouldBeTrue();
            var refused = await Leases.TryTakeAsync(tx, tenant, "import", "c", "host-2", T0.AddMinutes(1), TimeSpan.FromMinutes(2), Ct);
            refused.ShouldBe(new LeaseTake(false, T0.AddSeconds(150)));
            await tx.CommitAsync(Ct);
        }
        await using (var tx = await Db.BeginAsync(Ct))
        {
            (await Leases.ReleaseInstanceAsync(tx, "host-1", Ct)).ShouldBe(1);
            (await Leases.TryTakeAsync(tx, tenant, "import", "c", "host-2", T0.AddMinutes(1), TimeSpan.FromMinutes(2), Ct)).Taken.ShouldBeTrue("host-1's lease is gone");
            (await Leases.TryTakeAsync(tx, other, "import", "d", "host-1", T0.AddMinutes(1), TimeSpan.FromMinutes(2), Ct)).Taken.ShouldBeFalse("host-2's stays");
            await tx.CommitAsync(Ct);
        }
    }

    [Fact]
    public async Task Import_lines_episode_keys_imported_alerts_and_audit_detail_are_kept()
    {
        var tenant = await NewTenantAsync();
        var rows = await SeedAsync(tenant, 2);
        await using var tx = await Db.BeginAsync(Ct);
        var recording = new RecordingRepository(Db.Dialect);
        var plan = new WritePlan();
        plan.Insert(new ImportLineWrite("mig-1", "hash-1", rows[0].Id, T0));
        var keyed = new EpisodeRow { Id = Ulid.NewUlid().ToString(), ClientId = "c-1", OpenedAt = T0.AddDays(-30), ClosedAt = T0.AddDays(-1), ImportKey = "2024-a" };
        plan.Insert(keyed);
        var alerts = new AlertRepository(Db.Dialect);
        var alert = new AlertRow
        {
            Id = Ulid.NewUlid().ToString(), ClientId = "c-1", EpisodeId = rows[0].EpisodeId, AdministrationId = rows[0].Id, Instrument = "PHQ-9",
            Kind = "off_track", Priority = "high", PriorityRank = 1, Message = "m", Status = "resolved", RulesVersion = "alerts-v1.1",
            CreatedAt = T0, ResolvedAt = T0.AddDays(1), Imported = true, ResolvedReason = ResolvedReasons.ImportedHistory,
        };
        var live = alert with { Id = Ulid.NewUlid().ToString(), Status = "open", ResolvedAt = null, Imported = false, ResolvedReason = null };
        plan.Insert(alert);
        plan.Insert(live);
        await recording.ApplyAsync(tx, tenant, plan, Ct);
        var later = new WritePlan();
        later.Change(keyed with { OpenedAt = T0.AddDays(-40) });
        later.Resolve(live with { Status = "resolved", ResolvedReason = ResolvedReasons.Replaced, ResolvedAt = T0.AddDays(2), ResolvedByAdministrationId = rows[1].Id });
        await recording.ApplyAsync(tx, tenant, later, Ct);

        var seen = (await recording.ImportLinesAsync(tx, tenant, ["mig-1", "MIG-1"], Ct)).ShouldHaveSingleItem();
        (seen.Key, seen.Value.LineHash, seen.Value.AdministrationId).ShouldBe(("mig-1", "hash-1", rows[0].Id), "line ids compare exactly");
        var episodes = await recording.EpisodesAsync(tx, tenant, ["c-1"], Ct);
        episodes.Single(e => e.ImportKey == "2024-a").ShouldBe(keyed with { OpenedAt = T0.AddDays(-40) });
        episodes.Single(e => e.ClosedAt is null).Id.ShouldBe(rows[0].EpisodeId, "a closed key leaves the open episode as it was");
        (await alerts.GetAsync(tx, tenant, alert.Id, Ct))!.ShouldBe(alert);
        var replaced = await alerts.GetAsync(tx, tenant, live.Id, Ct);
        (replaced!.Status, replaced.ResolvedReason, replaced.Imported).ShouldBe(("resolved", (string?)ResolvedReasons.Replaced, false));
        var filter = new AlertFilter(null, null, "c-1", null, null);
        (await alerts.WorklistAsync(tx, tenant, filter with { Imported = true }, AlertCursor.Start, 10, Ct)).Select(a => a.Id).ShouldBe([alert.Id]);
        (await alerts.WorklistAsync(tx, tenant, filter with { Imported = false }, AlertCursor.Start, 10, Ct)).Select(a => a.Id).ShouldBe([live.Id]);
        (await alerts.WorklistAsync(tx, tenant, filter, AlertCursor.Start, 10, Ct)).Count.ShouldBe(2);

        var audit = new AuditRepository(Db.Dialect);
        var entry = new AuditEntry { Id = Ulid.NewUlid().ToString(), KeyId = "k", Method = "GET", Route = "v1/export/administrations", Status = 200, At = T0, Detail = "{\"rows\":0}" };
        await audit.InsertAsync(tx, tenant, [entry], Ct);
        await audit.UpdateDetailAsync(tx, tenant, entry.Id, "{\"rows\":1000,\"complete\":true}", Ct);
        (await audit.PageAsync(tx, tenant, "~", 1, Ct)).Single().Detail.ShouldBe("{\"rows\":1000,\"complete\":true}");
        await tx.CommitAsync(Ct);
    }
}

public sealed class SqliteBulkContract(SqliteDatabase fixture) : BulkContract, IClassFixture<SqliteDatabase>
{
    protected override Database Db => fixture.Database;
}

public sealed class SqlServerBulkContract(SqlServerDatabase fixture) : BulkContract, IClassFixture<SqlServerDatabase>
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
