using Feedback.Data.Administrations;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;
using Feedback.Data.Plans;
using Feedback.Data.Tenants;

namespace Feedback.Data.Tests.Contract;

/// <summary>interop.md section 3 storage: plans at three levels, deleted ones kept with their version, and the caseload reads, on each dialect.</summary>
public abstract class PlanContract
{
    protected abstract Database Db { get; }

    static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 15, 0, TimeSpan.Zero);
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    PlanRepository Plans => new(Db.Dialect);
    static DueRepository Due => new();
    static EpisodeRepository Episodes => new();

    async Task<long> NewTenantAsync()
    {
        await using var tx = await Db.BeginAsync(Ct);
        var id = await new TenantRepository(Db.Dialect).CreateAsync(tx, "p-" + Guid.NewGuid().ToString("N"), ["PHQ-9"], T0, Ct);
        await tx.CommitAsync(Ct);
        return id;
    }

    async Task<string> NewClientAsync(DbSession tx, long tenant, string clientId, string? clinician, int administrations)
    {
        await new ClientRepository(Db.Dialect).InsertAsync(tx, tenant, new ClientRow { ClientId = clientId, AgeGroup = "adult", ClinicianId = clinician, CreatedAt = T0, UpdatedAt = T0 }, Ct);
        var episode = await Episodes.OpenAsync(tx, tenant, clientId, T0, Ct);
        for (var i = 0; i < administrations; i++)
            await new AdministrationRepository(Db.Dialect).InsertAsync(tx, tenant, new AdministrationRow
            {
                Id = Ulid.NewUlid().ToString(), ClientId = clientId, EpisodeId = episode.Id, Instrument = "PHQ-9", Rater = "client",
                AgeGroup = "adult", RulesVersion = "alerts-v1.1", SessionNumber = i % 2 == 0 ? i + 1 : null, AdministeredAt = T0.AddDays(7 * i),
                ReceivedAt = T0.AddDays(7 * i), ItemsJson = "[1,1,1,1,1,1,1,1,0]", Total = 8, SubscalesJson = "{}", ContentHash = Guid.NewGuid().ToString("N"),
            }, Ct);
        return episode.Id;
    }

    static PlanRow Plan(string client, string episode, string name, int version) =>
        new() { ClientId = client, EpisodeId = episode, Name = name, RulesJson = $"[\"{name}\"]", Version = version, UpdatedAt = T0.AddMinutes(version) };

    [Fact]
    public async Task Plans_are_stored_per_level_updated_in_place_and_deleted_keeping_their_version()
    {
        var tenant = await NewTenantAsync();
        var other = await NewTenantAsync();
        await using var tx = await Db.BeginAsync(Ct);
        (await Plans.FindForWriteAsync(tx, tenant, "", "", Ct)).ShouldBeNull();
        await Plans.SaveAsync(tx, tenant, Plan("", "", "tenant", 1), exists: false, Ct);
        await Plans.SaveAsync(tx, tenant, Plan("c-1", "", "client", 1), exists: false, Ct);
        await Plans.SaveAsync(tx, tenant, Plan("c-1", "01JD0000000000000000000001", "episode", 1), exists: false, Ct);
        await Plans.SaveAsync(tx, tenant, Plan("c-2", "", "someone else", 1), exists: false, Ct);
        await Plans.SaveAsync(tx, other, Plan("c-1", "", "other tenant", 1), exists: false, Ct);
        await Plans.SaveAsync(tx, tenant, Plan("c-1", "", "client v2", 2), exists: true, Ct);

        var rows = await Plans.ForClientAsync(tx, tenant, "c-1", "01JD0000000000000000000001", Ct);
        rows.Select(r => $"{r.ClientId}|{r.EpisodeId}|{r.Name}|{r.Version}").ShouldBe(
            ["||tenant|1", "c-1||client v2|2", "c-1|01JD0000000000000000000001|episode|1"], ignoreOrder: true);
        rows.Single(r => r.Name == "client v2").UpdatedAt.ShouldBe(T0.AddMinutes(2));
        (await Plans.ForClientAsync(tx, tenant, "c-1", "", Ct)).Select(r => r.Name).ShouldBe(["tenant", "client v2"], ignoreOrder: true);
        // Ids compare exactly: C-1 is another client.
        (await Plans.ForClientAsync(tx, tenant, "C-1", "", Ct)).Select(r => r.Name).ShouldBe(["tenant"]);

        await Plans.SaveAsync(tx, tenant, new PlanRow { ClientId = "c-1", EpisodeId = "", Version = 2, UpdatedAt = T0.AddHours(1) }, exists: true, Ct);
        var deleted = (await Plans.FindForWriteAsync(tx, tenant, "c-1", "", Ct))!;
        (deleted.Exists, deleted.Version, deleted.Name).ShouldBe((false, 2, null));
    }

    [Fact]
    public async Task The_live_plans_of_a_tenant_are_its_default_and_overrides_without_deleted_ones_or_closed_episodes()
    {
        var tenant = await NewTenantAsync();
        var other = await NewTenantAsync();
        await using var tx = await Db.BeginAsync(Ct);
        var open = await NewClientAsync(tx, tenant, "a", null, administrations: 0);
        var closed = await NewClientAsync(tx, tenant, "b", null, administrations: 0);
        await Episodes.CloseAsync(tx, tenant, "b", closed, T0.AddDays(1), Ct);
        await Plans.SaveAsync(tx, tenant, Plan("", "", "tenant", 1), exists: false, Ct);
        await Plans.SaveAsync(tx, tenant, Plan("a", "", "a's", 1), exists: false, Ct);
        await Plans.SaveAsync(tx, tenant, Plan("a", open, "a's episode", 1), exists: false, Ct);
        await Plans.SaveAsync(tx, tenant, Plan("b", closed, "b's closed episode", 1), exists: false, Ct);
        await Plans.SaveAsync(tx, tenant, new PlanRow { ClientId = "b", EpisodeId = "", Version = 2, UpdatedAt = T0 }, exists: false, Ct); // deleted
        await Plans.SaveAsync(tx, other, Plan("a", "", "other tenant", 1), exists: false, Ct);

        (await Plans.LiveOfTenantAsync(tx, tenant, Ct)).Select(p => p.Name).ShouldBe(["tenant", "a's", "a's episode"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_caseload_holds_the_clinicians_clients_with_an_open_episode_and_their_administrations_and_plans()
    {
        var tenant = await NewTenantAsync();
        await using var tx = await Db.BeginAsync(Ct);
        var a = await NewClientAsync(tx, tenant, "a", "clin-1", administrations: 3);
        var b = await NewClientAsync(tx, tenant, "b", "clin-1", administrations: 0);
        await NewClientAsync(tx, tenant, "c", "clin-2", administrations: 2);
        var closed = await NewClientAsync(tx, tenant, "d", "clin-1", administrations: 1);
        await Episodes.CloseAsync(tx, tenant, "d", closed, T0.AddDays(1), Ct);
        await NewClientAsync(tx, tenant, "e", null, administrations: 1);
        await Plans.SaveAsync(tx, tenant, Plan("", "", "tenant", 1), exists: false, Ct);
        await Plans.SaveAsync(tx, tenant, Plan("a", "", "a's", 1), exists: false, Ct);
        await Plans.SaveAsync(tx, tenant, Plan("c", "", "c's", 1), exists: false, Ct);
        await Plans.SaveAsync(tx, tenant, new PlanRow { ClientId = "b", EpisodeId = "", Version = 1, UpdatedAt = T0 }, exists: false, Ct); // deleted

        (await Due.CaseloadAsync(tx, tenant, "clin-1", Ct)).Select(c => $"{c.ClientId}|{c.EpisodeId}").ShouldBe([$"a|{a}", $"b|{b}"], ignoreOrder: true);
        (await Due.CaseloadAsync(tx, tenant, "CLIN-1", Ct)).ShouldBeEmpty();
        var administrations = await Due.CaseloadAdministrationsAsync(tx, tenant, "clin-1", Ct);
        administrations.Select(x => (x.ClientId, x.SessionNumber, x.AdministeredAt)).ShouldBe([("a", 1, T0), ("a", null, T0.AddDays(7)), ("a", 3, T0.AddDays(14))], ignoreOrder: true);
        (await Due.OfEpisodeAsync(tx, tenant, a, Ct)).Count.ShouldBe(3);
        (await Plans.ForClinicianAsync(tx, tenant, "clin-1", Ct)).Select(p => p.Name).ShouldBe(["tenant", "a's"], ignoreOrder: true);
    }
}

public sealed class SqlitePlanContract(SqliteDatabase fixture) : PlanContract, IClassFixture<SqliteDatabase>
{
    protected override Database Db => fixture.Database;
}

public sealed class SqlServerPlanContract(SqlServerDatabase fixture) : PlanContract, IClassFixture<SqlServerDatabase>
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
