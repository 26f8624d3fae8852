using Feedback.Data.Administrations;
using Feedback.Data.ApiKeys;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;
using Feedback.Data.Tenants;

namespace Feedback.Data.Tests.Contract;

/// <summary>The same behaviour is required of both dialects; each test makes its own tenants, so runs never collide.</summary>
public abstract class RepositoryContract
{
    protected abstract Database Db { get; }

    static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 15, 0, TimeSpan.Zero);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    TenantRepository Tenants => new(Db.Dialect);
    static ClientRepository Clients => new();
    static EpisodeRepository Episodes => new();
    AdministrationRepository Administrations => new(Db.Dialect);

    async Task<long> NewTenantAsync(params string[] instruments)
    {
        await using var tx = await Db.BeginAsync(Ct);
        var id = await Tenants.CreateAsync(tx, "t-" + Guid.NewGuid().ToString("N"), instruments, T0, Ct);
        await tx.CommitAsync(Ct);
        return id;
    }

    async Task<(string ClientId, EpisodeRow Episode)> NewClientAsync(long tenant, string clientId = "c-1")
    {
        await using var tx = await Db.BeginAsync(Ct);
        await Clients.InsertAsync(tx, tenant, new ClientRow { ClientId = clientId, AgeGroup = "adult", CreatedAt = T0, UpdatedAt = T0 }, Ct);
        var episode = await Episodes.OpenAsync(tx, tenant, clientId, T0, Ct);
        await tx.CommitAsync(Ct);
        return (clientId, episode);
    }

    static AdministrationRow Row(string clientId, string episodeId, DateTimeOffset at, decimal total = 14, string? hash = null) => new()
    {
        Id = Ulid.NewUlid().ToString(), ClientId = clientId, EpisodeId = episodeId, Instrument = "PHQ-9", Rater = "client",
        SessionNumber = 2, AdministeredAt = at, ReceivedAt = at.AddSeconds(1), ItemsJson = "[2,2,2,2,2,2,1,1,0]",
        Total = total, Prorated = false, Severity = "moderate", ClinicalRange = true, SubscalesJson = "{}",
        ContentHash = hash ?? Guid.NewGuid().ToString("N"),
    };

    [Fact]
    public async Task A_new_tenant_has_the_instruments_it_was_created_with_and_they_can_be_replaced()
    {
        var tenant = await NewTenantAsync("PHQ-9", "GAD-7");
        await using var tx = await Db.BeginAsync(Ct);
        (await Tenants.EnabledInstrumentsAsync(tx, tenant, Ct)).ShouldBe(["PHQ-9", "GAD-7"]);
        await Tenants.SetEnabledInstrumentsAsync(tx, tenant, ["ORS"], T0, Ct);
        (await Tenants.EnabledInstrumentsAsync(tx, tenant, Ct)).ShouldBe(["ORS"]);
    }

    [Fact]
    public async Task An_api_key_is_found_by_its_hash_until_it_is_revoked()
    {
        var tenant = await NewTenantAsync();
        var keys = new ApiKeyRepository();
        var hash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var id = Ulid.NewUlid().ToString();
        await using var tx = await Db.BeginAsync(Ct);
        await keys.InsertAsync(tx, id, tenant, hash, "submit,read", T0, Ct);
        var found = (await keys.FindActiveByHashAsync(tx, hash, Ct)).ShouldNotBeNull();
        found.TenantId.ShouldBe(tenant);
        found.Scopes.ShouldBe("submit,read");
        (await keys.RevokeAsync(tx, id, T0, Ct)).ShouldBeTrue();
        (await keys.FindActiveByHashAsync(tx, hash, Ct)).ShouldBeNull();
        (await keys.RevokeAsync(tx, id, T0, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_client_of_one_tenant_does_not_exist_for_another()
    {
        var a = await NewTenantAsync();
        var b = await NewTenantAsync();
        await NewClientAsync(a, "shared-id");
        await using var s = await Db.ReadAsync(Ct);
        (await Clients.FindAsync(s, a, "shared-id", Ct)).ShouldNotBeNull().AgeGroup.ShouldBe("adult");
        (await Clients.FindAsync(s, b, "shared-id", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Opening_an_episode_closes_the_open_one()
    {
        var tenant = await NewTenantAsync();
        var (client, first) = await NewClientAsync(tenant);
        await using var tx = await Db.BeginAsync(Ct);
        var second = await Episodes.OpenAsync(tx, tenant, client, T0.AddDays(30), Ct);
        (await Episodes.FindOpenAsync(tx, tenant, client, Ct)).ShouldNotBeNull().Id.ShouldBe(second.Id);
        var list = await Episodes.ListAsync(tx, tenant, client, Ct);
        list.Select(e => e.Id).ShouldBe([second.Id, first.Id]);
        list[1].ClosedAt.ShouldBe(T0.AddDays(30));
    }

    [Fact]
    public async Task An_administration_round_trips_exactly()
    {
        var tenant = await NewTenantAsync();
        var other = await NewTenantAsync();
        var (client, episode) = await NewClientAsync(tenant);
        var at = new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.Zero).AddTicks(1234567);
        var row = Row(client, episode.Id, at, total: 20.7m);
        await using (var tx = await Db.BeginAsync(Ct))
        {
            await Administrations.InsertAsync(tx, tenant, row, Ct);
            await tx.CommitAsync(Ct);
        }
        await using var s = await Db.ReadAsync(Ct);
        var read = (await Administrations.GetAsync(s, tenant, client, row.Id, Ct)).ShouldNotBeNull();
        read.AdministeredAt.ShouldBe(at);
        read.AdministeredAt.Offset.ShouldBe(TimeSpan.Zero);
        read.Total.ShouldBe(20.7m);
        read.SessionNumber.ShouldBe(2);
        read.ClinicalRange.ShouldBe(true);
        read.ItemsJson.ShouldBe(row.ItemsJson);
        (await Administrations.GetAsync(s, other, client, row.Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Whole_and_decimal_totals_of_one_series_read_back_through_every_reader()
    {
        var tenant = await NewTenantAsync();
        var (client, episode) = await NewClientAsync(tenant);
        decimal[] totals = [20m, 20.7m, 21.0m, 0m, 40m, 0.1m];   // whole first: the order that broke the reader
        var rows = totals.Select((t, i) => Row(client, episode.Id, T0.AddDays(i), total: t)).ToList();
        await using (var tx = await Db.BeginAsync(Ct))
        {
            foreach (var r in rows) await Administrations.InsertAsync(tx, tenant, r, Ct);
            await tx.CommitAsync(Ct);
        }
        await using var s = await Db.ReadAsync(Ct);
        var listed = await Administrations.ListAsync(s, tenant, client, null, null, AdministrationCursor.Start, 50, Ct);
        listed.Select(r => r.Total).ShouldBe(totals.Reverse());
        var series = await Administrations.SeriesAsync(s, tenant, episode.Id, "PHQ-9", "client", Ct);
        series.Select(p => p.Total).ShouldBe(totals);
        foreach (var (row, total) in rows.Zip(totals))
            (await Administrations.GetAsync(s, tenant, client, row.Id, Ct))!.Total.ShouldBe(total);
        var context = await Administrations.ContextAsync(s, tenant, episode.Id, "PHQ-9", "client", T0.AddDays(10), Ct);
        (context.Intake!.Total, context.Previous!.Total, context.Before).ShouldBe((20m, 0.1m, 6));
    }

    [Fact]
    public async Task The_same_content_hash_twice_in_a_tenant_is_a_unique_violation()
    {
        var tenant = await NewTenantAsync();
        var (client, episode) = await NewClientAsync(tenant);
        await using var tx = await Db.BeginAsync(Ct);
        await Administrations.InsertAsync(tx, tenant, Row(client, episode.Id, T0, hash: "same"), Ct);
        var e = await Should.ThrowAsync<Exception>(() => Administrations.InsertAsync(tx, tenant, Row(client, episode.Id, T0, hash: "same"), Ct));
        Db.Dialect.IsUniqueViolation(e).ShouldBeTrue();
    }

    [Fact]
    public async Task Keyset_pages_are_newest_first_and_never_repeat_or_skip_a_row()
    {
        var tenant = await NewTenantAsync();
        var (client, episode) = await NewClientAsync(tenant);
        var rows = Enumerable.Range(0, 7).Select(i => Row(client, episode.Id, T0.AddDays(i / 2))).ToList(); // pairs share a time
        await using (var tx = await Db.BeginAsync(Ct))
        {
            foreach (var r in rows) await Administrations.InsertAsync(tx, tenant, r, Ct);
            await tx.CommitAsync(Ct);
        }
        await using var s = await Db.ReadAsync(Ct);
        var seen = new List<AdministrationRow>();
        var cursor = AdministrationCursor.Start;
        while (true)
        {
            var page = await Administrations.ListAsync(s, tenant, client, null, null, cursor, 3, Ct);
            seen.AddRange(page);
            if (page.Count < 3) break;
            cursor = new AdministrationCursor(page[^1].AdministeredAt, page[^1].Id);
        }
        seen.Select(r => r.Id).ShouldBe(rows.OrderByDescending(r => r.AdministeredAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id));
        (await Administrations.ListAsync(s, tenant, client, "GAD-7", null, AdministrationCursor.Start, 10, Ct)).ShouldBeEmpty();
        (await Administrations.ListAsync(s, tenant, client, "PHQ-9", episode.Id, AdministrationCursor.Start, 10, Ct)).Count.ShouldBe(7);
    }
}

public sealed class SqliteRepositoryContract(SqliteDatabase fixture) : RepositoryContract, IClassFixture<SqliteDatabase>
{
    protected override Database Db => fixture.Database;
}

public sealed class SqlServerRepositoryContract(SqlServerDatabase fixture) : RepositoryContract, IClassFixture<SqlServerDatabase>
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
