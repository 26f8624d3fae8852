using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
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
    ClientRepository Clients => new(Db.Dialect);
    static EpisodeRepository Episodes => new();
    AdministrationRepository Administrations => new(Db.Dialect);
    AlertRepository Alerts => new(Db.Dialect);

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

    static AdministrationRow Row(string clientId, string episodeId, DateTimeOffset at, decimal total = 14, string? hash = null,
        string rater = "client", string instrument = "PHQ-9", string ageGroup = "adult", string? model = "power-decay-v1.1", string? feedbackJson = null) => new()
    {
        Id = Ulid.NewUlid().ToString(), ClientId = clientId, EpisodeId = episodeId, Instrument = instrument, Rater = rater,
        AgeGroup = ageGroup, Model = model, RulesVersion = "alerts-v1.1", FeedbackJson = feedbackJson,
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
    public async Task The_versions_age_group_and_episode_opening_stored_with_an_administration_round_trip()
    {
        var tenant = await NewTenantAsync();
        var (client, episode) = await NewClientAsync(tenant);
        var row = Row(client, episode.Id, T0, ageGroup: "child");
        row = new AdministrationRow
        {
            Id = row.Id, ClientId = row.ClientId, EpisodeId = row.EpisodeId, Instrument = row.Instrument, Rater = row.Rater,
            AdministeredAt = row.AdministeredAt, ReceivedAt = row.ReceivedAt, ItemsJson = row.ItemsJson, Total = row.Total,
            SubscalesJson = "{}", ContentHash = row.ContentHash, AgeGroup = "child", Model = null, RulesVersion = "alerts-v1.1",
            EpisodeOpened = "stale", Prorated = true,
        };
        await using (var tx = await Db.BeginAsync(Ct))
        {
            await Administrations.InsertAsync(tx, tenant, row, Ct);
            await tx.CommitAsync(Ct);
        }
        await using var s = await Db.ReadAsync(Ct);
        var read = (await Administrations.GetAsync(s, tenant, client, row.Id, Ct))!;
        (read.AgeGroup, read.Model, read.RulesVersion, read.EpisodeOpened).ShouldBe(("child", (string?)null, "alerts-v1.1", (string?)"stale"));
        var point = (await Administrations.SeriesAsync(s, tenant, episode.Id, "PHQ-9", "client", Ct)).ShouldHaveSingleItem();
        (point.AgeGroup, point.Prorated).ShouldBe(("child", true));
    }

    [Fact]
    public async Task A_chart_reads_every_alert_of_its_episode_and_instrument_any_rater_kind_and_status()
    {
        var tenant = await NewTenantAsync();
        var (client, episode) = await NewClientAsync(tenant);
        var (_, other) = await NewClientAsync(tenant, "c-2");
        var otherTenant = await NewTenantAsync();
        var phq = Row(client, episode.Id, T0);
        var carer = Row(client, episode.Id, T0.AddHours(1), rater: "caregiver");
        var gad = Row(client, episode.Id, T0.AddHours(2), instrument: "GAD-7");
        AlertRow Alert(AdministrationRow a, string kind, string status = "open") => new()
        {
            Id = Ulid.NewUlid().ToString(), ClientId = client, EpisodeId = episode.Id, AdministrationId = a.Id, Instrument = a.Instrument,
            Kind = kind, Priority = "urgent", PriorityRank = 0, Item = kind == "risk_item" ? 9 : null, Message = "m", Status = status,
            RulesVersion = "alerts-v1.2", CreatedAt = a.ReceivedAt, Rater = a.Rater,
        };
        AlertRow[] wanted = [Alert(phq, "risk_item"), Alert(phq, "off_track", "resolved"), Alert(carer, "no_change", "acknowledged")];
        await using var tx = await Db.BeginAsync(Ct);
        foreach (var a in new[] { phq, carer, gad }) await Administrations.InsertAsync(tx, tenant, a, Ct);
        foreach (var a in wanted.Append(Alert(gad, "risk_item"))) await Alerts.InsertAsync(tx, tenant, a, Ct);

        var read = await Alerts.OfEpisodeInstrumentAsync(tx, tenant, episode.Id, "PHQ-9", Ct);
        read.Select(a => (a.Id, a.Kind, a.Status, a.Rater, a.Item)).OrderBy(a => a.Id, StringComparer.Ordinal)
            .ShouldBe(wanted.Select(a => (a.Id, a.Kind, a.Status, a.Rater, a.Item)).OrderBy(a => a.Id, StringComparer.Ordinal));
        (await Alerts.OfEpisodeInstrumentAsync(tx, tenant, other.Id, "PHQ-9", Ct)).ShouldBeEmpty();
        (await Alerts.OfEpisodeInstrumentAsync(tx, otherTenant, episode.Id, "PHQ-9", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Expired_idempotency_records_are_purged_in_batches_and_newer_ones_kept()
    {
        var tenant = await NewTenantAsync();
        var (client, episode) = await NewClientAsync(tenant);
        var keys = new Feedback.Data.Idempotency.IdempotencyRepository(Db.Dialect);
        await using var tx = await Db.BeginAsync(Ct);
        for (var i = 0; i < 5; i++)
        {
            var row = Row(client, episode.Id, T0.AddMinutes(i));
            await Administrations.InsertAsync(tx, tenant, row, Ct);
            await keys.InsertAsync(tx, tenant, $"k-{i}", "h", row.Id, T0.AddHours(i), Ct);
        }
        // cut-off between the 3rd and 4th: 3 expired, purged 2 at a time
        (await keys.PurgeExpiredAsync(tx, T0.AddHours(2.5), 2, Ct)).ShouldBe(2);
        (await keys.PurgeExpiredAsync(tx, T0.AddHours(2.5), 2, Ct)).ShouldBe(1);
        (await keys.PurgeExpiredAsync(tx, T0.AddHours(2.5), 2, Ct)).ShouldBe(0);
        (await keys.FindAsync(tx, tenant, "k-2", Ct)).ShouldBeNull();
        (await keys.FindAsync(tx, tenant, "k-3", Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_stale_episode_guard_defaults_to_90_days_and_can_be_set()
    {
        var tenant = await NewTenantAsync("PHQ-9");
        await using var tx = await Db.BeginAsync(Ct);
        (await Tenants.SettingsAsync(tx, tenant, Ct)).StaleEpisodeDays.ShouldBe(90);
        await Tenants.SetStaleEpisodeDaysAsync(tx, tenant, 0, T0, Ct);
        (await Tenants.SettingsAsync(tx, tenant, Ct)).StaleEpisodeDays.ShouldBe(0);
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
        (await new Feedback.Data.Recording.RecordingRepository(Db.Dialect).AdministrationsAsync(s, tenant, [episode.Id], Ct))
            .OrderBy(r => r.AdministeredAt).Select(r => r.Total).ShouldBe(totals);
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

    [Fact]
    public async Task A_fhir_identifier_is_unique_per_tenant_and_finds_its_administration()
    {
        var tenant = await NewTenantAsync();
        var other = await NewTenantAsync();
        var (client, episode) = await NewClientAsync(tenant);
        var (otherClient, otherEpisode) = await NewClientAsync(other);
        AdministrationRow WithIdentifier(string c, string e, string system, string value, DateTimeOffset at) => new()
        {
            Id = Ulid.NewUlid().ToString(), ClientId = c, EpisodeId = e, Instrument = "PHQ-9", Rater = "client", RulesVersion = "alerts-v1.1",
            AdministeredAt = at, ReceivedAt = at, ContentHash = Guid.NewGuid().ToString("N"),
            FhirIdentifierSystem = system, FhirIdentifierValue = value, FhirEncounter = "Encounter/e-1",
        };
        var first = WithIdentifier(client, episode.Id, "urn:oid:1.2", "qr-1", T0);
        await using var tx = await Db.BeginAsync(Ct);
        await Administrations.InsertAsync(tx, tenant, first, Ct);
        await Administrations.InsertAsync(tx, tenant, WithIdentifier(client, episode.Id, "", "qr-1", T0.AddDays(1)), Ct);  // no system: another identifier
        await Administrations.InsertAsync(tx, other, WithIdentifier(otherClient, otherEpisode.Id, "urn:oid:1.2", "qr-1", T0), Ct); // another tenant
        await Administrations.InsertAsync(tx, tenant, Row(client, episode.Id, T0.AddDays(2)), Ct); // REST rows have none, any number of them
        await Administrations.InsertAsync(tx, tenant, Row(client, episode.Id, T0.AddDays(3)), Ct);
        (await Administrations.FindIdByFhirIdentifierAsync(tx, tenant, "urn:oid:1.2", "qr-1", Ct)).ShouldBe(first.Id);
        (await Administrations.FindIdByFhirIdentifierAsync(tx, tenant, "urn:oid:1.2", "QR-1", Ct)).ShouldBeNull(); // identifiers are exact
        var found = (await Administrations.FindAsync(tx, tenant, first.Id, Ct))!;
        (found.FhirIdentifierSystem, found.FhirIdentifierValue, found.FhirEncounter).ShouldBe(("urn:oid:1.2", "qr-1", "Encounter/e-1"));
        (await Administrations.FindAsync(tx, other, first.Id, Ct)).ShouldBeNull();
        var e = await Should.ThrowAsync<Exception>(() => Administrations.InsertAsync(tx, tenant, WithIdentifier(client, episode.Id, "urn:oid:1.2", "qr-1", T0.AddDays(5)), Ct));
        Db.Dialect.IsUniqueViolation(e).ShouldBeTrue();
    }

    [Fact]
    public async Task A_fhir_search_filters_by_client_id_instrument_and_time_and_pages_from_an_inclusive_position_both_ways()
    {
        var tenant = await NewTenantAsync();
        var (client, episode) = await NewClientAsync(tenant);
        var (other, otherEpisode) = await NewClientAsync(tenant, "c-2");
        var rows = Enumerable.Range(0, 6).Select(i => Row(client, episode.Id, T0.AddDays(i / 2), instrument: i % 3 == 0 ? "GAD-7" : "PHQ-9")).ToList();
        await using (var tx = await Db.BeginAsync(Ct))
        {
            foreach (var r in rows) await Administrations.InsertAsync(tx, tenant, r, Ct);
            await Administrations.InsertAsync(tx, tenant, Row(other, otherEpisode.Id, T0), Ct);
            await tx.CommitAsync(Ct);
        }
        await using var s = await Db.ReadAsync(Ct);
        var newest = rows.OrderByDescending(r => r.AdministeredAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToList();
        AdministrationSearch Search(bool oldest = false, string? instrument = null, string? id = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
            DateTimeOffset? at = null, string? fromId = null, int limit = 50) =>
            new(client, id, instrument, from ?? DateTimeOffset.MinValue, to ?? DateTimeOffset.MaxValue, oldest,
                at ?? (oldest ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue), fromId ?? (oldest ? "" : "~"), limit);
        (await Administrations.SearchAsync(s, tenant, Search(), Ct)).Select(r => r.Id).ShouldBe(newest);
        (await Administrations.SearchAsync(s, tenant, Search(oldest: true), Ct)).Select(r => r.Id).ShouldBe(Enumerable.Reverse(newest));
        (await Administrations.SearchAsync(s, tenant, Search(instrument: "GAD-7"), Ct)).Select(r => r.Id).ShouldBe(newest.Where(id => rows.Single(r => r.Id == id).Instrument == "GAD-7"));
        (await Administrations.SearchAsync(s, tenant, Search(id: rows[4].Id), Ct)).Single().Id.ShouldBe(rows[4].Id);
        // [from, to): day 1 only
        (await Administrations.SearchAsync(s, tenant, Search(from: T0.AddDays(1), to: T0.AddDays(2)), Ct)).Select(r => r.Id).ShouldBe(newest.Skip(2).Take(2));
        // From an inclusive position: the row at the position comes first.
        var page = await Administrations.SearchAsync(s, tenant, Search(at: T0.AddDays(1), fromId: newest[3], limit: 2), Ct);
        page.Select(r => r.Id).ShouldBe(newest.Skip(3).Take(2));
        var up = await Administrations.SearchAsync(s, tenant, Search(oldest: true, at: T0.AddDays(1), fromId: newest[3], limit: 10), Ct);
        up.Select(r => r.Id).ShouldBe(Enumerable.Reverse(newest).Skip(2));
    }

    [Fact]
    public async Task A_tenants_fhir_client_id_system_is_stored_and_removed()
    {
        var tenant = await NewTenantAsync("PHQ-9");
        await using var tx = await Db.BeginAsync(Ct);
        (await Tenants.SettingsAsync(tx, tenant, Ct)).FhirClientIdSystem.ShouldBeNull();
        await Tenants.SetFhirClientIdSystemAsync(tx, tenant, "urn:oid:2.16.840.1.113883.19.5", T0, Ct);
        (await Tenants.SettingsAsync(tx, tenant, Ct)).FhirClientIdSystem.ShouldBe("urn:oid:2.16.840.1.113883.19.5");
        await Tenants.SetFhirClientIdSystemAsync(tx, tenant, null, T0, Ct);
        (await Tenants.SettingsAsync(tx, tenant, Ct)).FhirClientIdSystem.ShouldBeNull();
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
