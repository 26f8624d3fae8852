using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;
using Feedback.Data.Recording;
using Feedback.Data.Tenants;

namespace Feedback.Data.Tests.Contract;

/// <summary>
/// The write path's reads of a group of clients (JSON list parameters) and its plan's multi-row writes: the same on both
/// dialects, each row read back as written, another tenant's rows never read.
/// </summary>
public abstract class RecordingContract
{
    protected abstract Database Db { get; }

    static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 30, 0, TimeSpan.Zero);
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    RecordingRepository Recording => new(Db.Dialect);

    async Task<long> NewTenantAsync()
    {
        await using var tx = await Db.BeginAsync(Ct);
        var id = await new TenantRepository(Db.Dialect).CreateAsync(tx, "r-" + Guid.NewGuid().ToString("N"), ["PHQ-9"], T0, Ct);
        await tx.CommitAsync(Ct);
        return id;
    }

    static ClientRow Client(string id) => new() { ClientId = id, AgeGroup = "adult", ClinicianId = "clin-" + id, CreatedAt = T0, UpdatedAt = T0.AddTicks(7) };

    static EpisodeRow Episode(string clientId, DateTimeOffset? closedAt = null, string? key = null) =>
        new() { Id = Ulid.NewUlid().ToString(), ClientId = clientId, OpenedAt = T0, ClosedAt = closedAt, ImportKey = key };

    static AdministrationRow Administration(EpisodeRow e, int i) => new()
    {
        Id = Ulid.NewUlid().ToString(), ClientId = e.ClientId, EpisodeId = e.Id, Instrument = "PHQ-9", Rater = "client", SessionNumber = i + 1,
        ClinicianId = i % 2 == 0 ? null : "clin-x", AdministeredAt = T0.AddDays(i).AddTicks(i), ReceivedAt = T0.AddDays(i).AddSeconds(1),
        ItemsJson = "[1,1,1,1,1,1,1,1,0]", Total = 8 + i / 10m, Prorated = i % 3 == 0, Severity = "mild", ClinicalRange = i % 2 == 0 ? null : false,
        SubscalesJson = "{}", FeedbackJson = i % 2 == 0 ? null : """{"kind":"outcome"}""", ContentHash = Guid.NewGuid().ToString("N"),
        AgeGroup = "adult", Model = "power-decay-v1.1", RulesVersion = "alerts-v1.2", EpisodeOpened = i == 0 ? "first" : null,
        FhirIdentifierSystem = i == 1 ? "urn:x" : null, FhirIdentifierValue = i == 1 ? "v-" + e.Id : null, FhirEncounter = i == 1 ? "Encounter/1" : null,
        Source = i == 1 ? "fhir" : "import",
    };

    static AlertRow Alert(AdministrationRow a, string kind, string status = "open") => new()
    {
        Id = Ulid.NewUlid().ToString(), ClientId = a.ClientId, EpisodeId = a.EpisodeId, AdministrationId = a.Id, Instrument = a.Instrument,
        ClinicianId = a.ClinicianId, Kind = kind, Priority = "high", PriorityRank = 1, Item = kind == "risk_item" ? 9 : null, Message = "m",
        Status = status, RulesVersion = "alerts-v1.2", CreatedAt = a.AdministeredAt, Rater = a.Rater, Imported = true,
        ResolvedAt = status == "resolved" ? T0 : null, ResolvedReason = status == "resolved" ? "imported_history" : null,
        SessionNumber = a.SessionNumber, AdministrationOrdinal = 1, ReasonsJson = """["no_change"]""",
        SuggestionsJson = """[{"code":"c","text":"t"}]""", SuggestionsVersion = "support-v1",
    };

    [Fact]
    public async Task A_plan_of_more_rows_than_one_statement_holds_is_written_whole_and_read_back_as_written()
    {
        var tenant = await NewTenantAsync();
        var other = await NewTenantAsync();
        var clients = Enumerable.Range(0, 20).Select(i => Client($"c-{i}")).ToList();
        var episodes = clients.Select(c => Episode(c.ClientId, key: c.ClientId == "c-3" ? "k-3" : null)).ToList();
        var administrations = episodes.Take(2).SelectMany(e => Enumerable.Range(0, 17).Select(i => Administration(e, i))).ToList();
        var alerts = administrations.Select((a, i) => Alert(a, i % 2 == 0 ? "off_track" : "risk_item", i % 3 == 0 ? "resolved" : "open")).ToList();
        var plan = new WritePlan();
        clients.ForEach(plan.Insert);
        episodes.ForEach(plan.Insert);
        administrations.ForEach(plan.Insert);
        alerts.ForEach(plan.Insert);
        foreach (var a in administrations.Take(33)) plan.Insert(new ImportLineWrite("line-" + a.Id, "h-" + a.Id, a.Id, T0));
        await using (var tx = await Db.BeginAsync(Ct))
        {
            await Recording.ApplyAsync(tx, tenant, plan, Ct);
            await tx.CommitAsync(Ct);
        }

        await using var s = await Db.ReadAsync(Ct);
        var ids = clients.Select(c => c.ClientId).ToList();
        (await Recording.ClientsAsync(s, tenant, ids, Ct)).OrderBy(c => c.ClientId, StringComparer.Ordinal)
            .ShouldBe(clients.OrderBy(c => c.ClientId, StringComparer.Ordinal), new ClientComparer());
        (await Recording.ClientsAsync(s, other, ids, Ct)).ShouldBeEmpty();
        (await Recording.EpisodesAsync(s, tenant, ids, Ct)).OrderBy(e => e.Id, StringComparer.Ordinal).ShouldBe(episodes.OrderBy(e => e.Id, StringComparer.Ordinal));
        var episodeIds = episodes.Select(e => e.Id).ToList();
        var readAdministrations = await Recording.AdministrationsAsync(s, tenant, episodeIds, Ct);
        readAdministrations.Count.ShouldBe(34);
        foreach (var a in administrations)
            Fields(readAdministrations.Single(r => r.Id == a.Id)).ShouldBe(Fields(a));
        (await Recording.AlertsAsync(s, tenant, episodeIds, Ct)).OrderBy(a => a.Id, StringComparer.Ordinal).ShouldBe(alerts.OrderBy(a => a.Id, StringComparer.Ordinal));
        (await Recording.AlertsAsync(s, other, episodeIds, Ct)).ShouldBeEmpty();
        var lines = await Recording.ImportLinesAsync(s, tenant, [.. administrations.Select(a => "line-" + a.Id), "line-none"], Ct);
        lines.Count.ShouldBe(33);
        lines["line-" + administrations[32].Id].ShouldSatisfyAllConditions(l => l.LineHash.ShouldBe("h-" + administrations[32].Id), l => l.AdministrationId.ShouldBe(administrations[32].Id));
        var hashes = await Recording.ContentHashesAsync(s, tenant, [administrations[5].ContentHash, "not-stored"], Ct);
        hashes.ShouldBe(new Dictionary<string, string> { [administrations[5].ContentHash] = administrations[5].Id });
        (await Recording.ContentHashesAsync(s, other, [administrations[5].ContentHash], Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_stale_episode_closes_before_the_new_one_opens_and_a_stored_alert_is_resolved_by_its_id()
    {
        var tenant = await NewTenantAsync();
        var client = Client("c-stale");
        var stale = Episode(client.ClientId);
        var administration = Administration(stale, 0);
        var current = Alert(administration, "alliance_rupture");
        var untouched = Alert(administration, "risk_item");
        var first = new WritePlan();
        first.Insert(client);
        first.Insert(stale);
        first.Insert(administration);
        first.Insert(current);
        first.Insert(untouched);
        await using (var tx = await Db.BeginAsync(Ct))
        {
            await Recording.ApplyAsync(tx, tenant, first, Ct);
            await tx.CommitAsync(Ct);
        }

        // One client has at most one open episode (a unique index): the plan's change to the stored one goes first.
        var opened = Episode(client.ClientId) with { OpenedAt = T0.AddDays(200) };
        var second = new WritePlan();
        second.Change(stale with { ClosedAt = T0.AddDays(100) });
        second.Insert(opened);
        second.Resolve(current with { Status = "resolved", ResolvedReason = "replaced", ResolvedAt = T0.AddDays(200), ResolvedByAdministrationId = null });
        await using (var tx = await Db.BeginAsync(Ct))
        {
            await Recording.ApplyAsync(tx, tenant, second, Ct);
            await tx.CommitAsync(Ct);
        }

        await using var s = await Db.ReadAsync(Ct);
        (await Recording.EpisodesAsync(s, tenant, [client.ClientId], Ct)).OrderBy(e => e.OpenedAt)
            .ShouldBe([stale with { ClosedAt = T0.AddDays(100) }, opened]);
        var alerts = await Recording.AlertsAsync(s, tenant, [stale.Id], Ct);
        alerts.Single(a => a.Id == current.Id).ShouldBe(current with { Status = "resolved", ResolvedReason = "replaced", ResolvedAt = T0.AddDays(200) });
        alerts.Single(a => a.Id == untouched.Id).ShouldBe(untouched);
    }

    [Fact]
    public async Task A_row_the_plan_inserts_and_then_changes_is_inserted_as_it_ends()
    {
        var tenant = await NewTenantAsync();
        var client = Client("c-same-plan");
        var episode = Episode(client.ClientId);
        var administration = Administration(episode, 0);
        var alert = Alert(administration, "off_track");
        var plan = new WritePlan();
        plan.Insert(client);
        plan.Insert(episode);
        plan.Insert(administration);
        plan.Insert(alert);
        plan.Change(episode with { ClosedAt = T0.AddDays(3) });
        plan.Resolve(alert with { Status = "resolved", ResolvedReason = "replaced", ResolvedAt = T0.AddDays(3), ResolvedByAdministrationId = administration.Id });
        (plan.EpisodeChanges.Count, plan.Resolutions.Count).ShouldBe((0, 0));
        await using (var tx = await Db.BeginAsync(Ct))
        {
            await Recording.ApplyAsync(tx, tenant, plan, Ct);
            await tx.CommitAsync(Ct);
        }
        await using var s = await Db.ReadAsync(Ct);
        (await Recording.EpisodesAsync(s, tenant, [client.ClientId], Ct)).ShouldHaveSingleItem().ClosedAt.ShouldBe(T0.AddDays(3));
        (await Recording.AlertsAsync(s, tenant, [episode.Id], Ct)).ShouldHaveSingleItem().ResolvedByAdministrationId.ShouldBe(administration.Id);
    }

    static object?[] Fields(AdministrationRow a) =>
    [
        a.Id, a.ClientId, a.EpisodeId, a.Instrument, a.Rater, a.SessionNumber, a.ClinicianId, a.AdministeredAt, a.ReceivedAt, a.ItemsJson,
        a.Total, a.Prorated, a.Severity, a.ClinicalRange, a.SubscalesJson, a.FeedbackJson, a.ContentHash, a.AgeGroup, a.Model, a.RulesVersion,
        a.EpisodeOpened, a.FhirIdentifierSystem, a.FhirIdentifierValue, a.FhirEncounter, a.Source,
    ];

    sealed class ClientComparer : IEqualityComparer<ClientRow>
    {
        public bool Equals(ClientRow? x, ClientRow? y) =>
            (x!.ClientId, x.AgeGroup, x.ClinicianId, x.CreatedAt, x.UpdatedAt) == (y!.ClientId, y.AgeGroup, y.ClinicianId, y.CreatedAt, y.UpdatedAt);
        public int GetHashCode(ClientRow obj) => obj.ClientId.GetHashCode(StringComparison.Ordinal);
    }
}

public sealed class SqliteRecordingContract(SqliteDatabase fixture) : RecordingContract, IClassFixture<SqliteDatabase>
{
    protected override Database Db => fixture.Database;
}

public sealed class SqlServerRecordingContract(SqlServerDatabase fixture) : RecordingContract, IClassFixture<SqlServerDatabase>
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
