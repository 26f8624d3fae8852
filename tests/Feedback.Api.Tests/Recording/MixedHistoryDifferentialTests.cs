using static Feedback.Api.Tests.Features.Bulk.Bulk;

namespace Feedback.Api.Tests.Recording;

/// <summary>The default live window (interop.md 4.3: 72 hours), so the history crosses it.</summary>
public sealed class MixedHistoryApp : DifferentialApp
{
    public override int LiveWindowHours => 72;

    /// <summary>The history sent to both tenants and compared, once for the class's tests.</summary>
    internal Task<(Differential Diff, List<Submission> Sent, Stored Live)>? Sent;
}

/// <summary>
/// The import stores what live submissions store, on a history made to reach every branch of interop.md 4.3 and of the
/// clinical rules the write path applies (clinical.md sections 1, 6 and 9): alliance instruments by client, caregiver and
/// therapist, same-session pairs in both orders, the stale-episode guard, episodes named by id and made by keys (open,
/// closed, started earlier by a later file), back-dated lines, alerts on both sides of the live window and at its edge,
/// age groups, the scored item convention, and re-sends (a file twice, renamed line ids, a changed line, refused keys;
/// a POST twice), which must change nothing. Sent as two files to one tenant and, in the same order, as POSTs to another;
/// then compared as <see cref="ImportLiveDifferentialTests"/> does. Where the import stores something else by decision
/// (docs/bulk.md), Decided names it: the first test leaves it out, the second checks it is exactly that.
/// </summary>
public sealed class MixedHistoryDifferentialTests(MixedHistoryApp app) : IClassFixture<MixedHistoryApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    readonly Dictionary<string, string> liveEpisodes = [], importEpisodes = [];

    [Fact]
    public async Task A_mixed_history_imported_in_two_files_stores_what_posting_it_stores_and_re_sending_changes_nothing()
    {
        var (diff, sent, live) = await (app.Sent ??= SendAndCompareAsync());
        TestContext.Current.TestOutputHelper?.WriteLine($"paired {string.Join(", ", diff.Paired.Select(p => $"{p.Key} {p.Value}"))}; history alerts {diff.HistoryAlerts}, "
            + $"their live events left out {diff.HistoryEventsLeftOut}; known differences {diff.Differences.Count(IsKnown)}");
        var unexpected = diff.Differences.Where(d => !IsKnown(d)).ToList();
        unexpected.ShouldBeEmpty($"{unexpected.Count} differences: {string.Join("\n", unexpected.Take(30))}");
        diff.Paired["administrations"].ShouldBe(sent.Count);
        diff.Paired["clients"].ShouldBe(sent.Select(s => s.ClientId).Distinct().Count());
        // One episode a client, but two for the returning one (stale) and for the one with two keys.
        diff.Paired["episodes"].ShouldBe(15);
        diff.Paired["alerts"].ShouldBeGreaterThan(40);
        diff.HistoryAlerts.ShouldBeGreaterThan(10);
        diff.Paired["webhook_deliveries"].ShouldBeGreaterThan(20);
        diff.AdministrationEventsLeftOut.ShouldBe(sent.Count);
        var kinds = live["alerts"].Select(a => (string)a["kind"]!).ToHashSet();
        string[] expected = ["risk_item", "risk_item_unanswered", "substance_use", "off_track", "at_risk", "reliable_deterioration", "wellbeing_low_item",
            "alliance_concern", "alliance_discrepancy", "alliance_rupture", "rupture_unrepaired", "early_alliance_risk"];
        expected.Except(kinds).ShouldBeEmpty();
    }

    /// <summary>
    /// The comparisons the test above leaves out, strict: an ongoing rupture whose onset is history gets one more
    /// alliance_rupture, raised open at its first rating inside the live window (the alert, its created and its resolved
    /// event), and nothing else differs on that client.
    /// </summary>
    [Fact]
    public async Task Where_the_import_differs_from_live_by_decision_it_is_exactly_that()
    {
        var (diff, _, _) = await (app.Sent ??= SendAndCompareAsync());
        var decided = diff.Differences.Where(IsKnown).ToList();
        decided.Select(d => d.Client).Distinct().ShouldBe(["mx-edge"]);
        decided.Count.ShouldBe(3, string.Join("\n", decided));
        decided.ShouldContain(d => d.Text.StartsWith("alerts: only imported", StringComparison.Ordinal) && d.Text.Contains("kind=alliance_rupture", StringComparison.Ordinal)
            && d.Text.Contains("imported=1", StringComparison.Ordinal), string.Join("\n", decided));
    }

    // Only the alerts (and their events) the explanation names; anything else on those clients is unexpected.
    static bool IsKnown(Difference d) => d.Client is not null && Known.ContainsKey(d.Client) && d.Text.Contains("alliance_rupture", StringComparison.Ordinal);

    async Task<(Differential, List<Submission>, Stored)> SendAndCompareAsync()
    {
        app.Clock.Freeze();
        var now = app.Clock.GetUtcNow();
        var (first, second) = History(now);

        // What a live caller does before its first POST: a client's age group, and the episodes named by id (both tenants).
        foreach (var client in first.Concat(second).Where(s => s.AgeGroup is not null).Select(s => (s.ClientId, s.AgeGroup)).Distinct())
            (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(client.ClientId), new { ageGroup = client.AgeGroup }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var named in first.Concat(second).Where(s => s.Episode is not null).Select(s => (s.ClientId, s.Episode!)).Distinct())
        {
            liveEpisodes[named.Item2] = await OpenEpisodeAsync(app.Ehr, named.ClientId);
            importEpisodes[named.Item2] = await OpenEpisodeAsync(app.OtherClinic, named.ClientId);
        }

        var lines = new List<Dictionary<string, object?>>();
        foreach (var file in new[] { first, second })
        {
            var numbered = file.Select((s, i) => s.Line($"mx-{lines.Count + i:000}", s.Episode is null ? null : importEpisodes[s.Episode])).ToList();
            lines.AddRange(numbered);
            var result = await ImportAsync(app.OtherClinic, numbered);
            result.Results.Where(r => r["status"]!.GetValue<string>() != "created").ShouldBeEmpty();
            await PostAsync(file);
        }

        var imported = await Stored.ReadAsync(app.DatabaseFile, DifferentialApp.ImportTenant);
        var live = await Stored.ReadAsync(app.DatabaseFile, DifferentialApp.LiveTenant);
        await ReSendsChangeNothingAsync(first, lines, imported, live);

        var keyed = first.Concat(second).Where(s => s.EpisodeKey is not null).GroupBy(s => (s.ClientId, s.EpisodeKey!))
            .ToDictionary(g => g.Key, g => (g.Min(s => s.At), g.First().EpisodeClosedAt));
        var diff = new Differential { ImportedAt = now, LiveSince = now - TimeSpan.FromHours(app.LiveWindowHours), KeyedEpisodes = keyed }.Compare(imported, live);
        return (diff, [.. first, .. second], live);
    }

    // Clients on which the import stores something else than live submissions by decision (docs/bulk.md), and why.
    static readonly Dictionary<string, string> Known = new()
    {
        ["mx-edge"] = "an SRS rupture whose onset is older than the live window: the onset's alliance_rupture is history "
            + "(resolved, imported_history); history lines read it as current, as it was, but the first rating inside the window "
            + "does not, and raises an alliance_rupture of its own, open, so today's worklist shows the ongoing rupture; "
            + "live submissions raise one, at the onset, and it is still open",
    };

    async Task<string> OpenEpisodeAsync(HttpClient client, string clientId)
    {
        var rsp = await client.PostAsync(ApiRoutes.EpisodesOf(clientId), null, Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
        return (await rsp.BodyAsync())["id"]!.GetValue<string>();
    }

    // A file's submissions as a live caller sends them: each client's in administeredAt order; an episode key's episode
    // opened (POST .../episodes) before its first administration and closed (POST .../close) after its last.
    async Task PostAsync(List<Submission> file)
    {
        foreach (var client in file.GroupBy(s => s.ClientId))
        {
            var ordered = client.OrderBy(s => s.At).ToList();
            foreach (var s in ordered)
            {
                string? episodeId = s.Episode is null ? null : liveEpisodes[s.Episode];
                if (s.EpisodeKey is { } key && !liveEpisodes.TryGetValue($"{s.ClientId}/{key}", out episodeId))
                    liveEpisodes[$"{s.ClientId}/{key}"] = episodeId = await OpenEpisodeAsync(app.Ehr, s.ClientId);
                var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(s.ClientId), s.Body(episodeId), Ct);
                rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
                if (s.EpisodeClosedAt is not null && ReferenceEquals(s, ordered.Last(o => o.EpisodeKey == s.EpisodeKey)))
                    (await app.Ehr.PostAsync(ApiRoutes.EpisodeOf(s.ClientId, episodeId!) + "/close", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }
    }

    // interop.md 4.3: re-sending a file is safe (every line duplicate, the stored ids), a stored administration under a new
    // line id is a duplicate, a line id with other content a conflict, and the episode-key refusals are invalid; api.md:
    // the same POST again is a 409 naming the stored one. None of them changes a stored row of either tenant.
    async Task ReSendsChangeNothingAsync(List<Submission> first, List<Dictionary<string, object?>> lines, Stored imported, Stored live)
    {
        var again = await ImportAsync(app.OtherClinic, lines.Take(first.Count));
        Counts(again.Summary).ShouldBe((0, first.Count, 0, 0));
        var stored = imported["administrations"].ToDictionary(a => (string)a["id"]!);
        again.Results.ShouldAllBe(r => stored.ContainsKey(r["administrationId"]!.GetValue<string>()));

        var renamed = new Dictionary<string, object?>(lines[0]) { ["lineId"] = "mx-renamed" };
        var changed = new Dictionary<string, object?>(lines[1]) { ["sessionNumber"] = 99 };
        var openKey = first.First(s => s.EpisodeKey is not null && s.EpisodeClosedAt is null);
        var secondOpen = openKey.Line("mx-second-open");
        secondOpen["episodeKey"] = "another-open-key";
        secondOpen["administeredAt"] = openKey.At.AddMinutes(7);
        var closedKey = first.First(s => s.EpisodeClosedAt is not null);
        var otherClose = closedKey.Line("mx-other-close");
        otherClose["episodeClosedAt"] = closedKey.EpisodeClosedAt!.Value.AddDays(1);
        otherClose["administeredAt"] = closedKey.At.AddMinutes(7);
        var refused = await ImportAsync(app.OtherClinic, [renamed, changed, secondOpen, otherClose]);
        refused.Results.Select(r => r["status"]!.GetValue<string>()).ShouldBe(["duplicate", "conflict", "invalid", "invalid"]);
        refused.Results[2]["errors"]!["episodeKey"].ShouldNotBeNull();
        refused.Results[3]["errors"]!["episodeClosedAt"].ShouldNotBeNull();

        var twice = first.First(s => s.Episode is null && s.EpisodeKey is null);
        var problem = await (await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(twice.ClientId), twice.Body(), Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        live["administrations"].ShouldContain(a => (string)a["id"]! == problem["existingId"]!.GetValue<string>());

        foreach (var (tenant, before) in new[] { (DifferentialApp.ImportTenant, imported), (DifferentialApp.LiveTenant, live) })
            JsonSerializer.Serialize((await Stored.ReadAsync(app.DatabaseFile, tenant)).Rows).ShouldBe(JsonSerializer.Serialize(before.Rows), tenant);
    }

    // The history, as two files (the second sent after the first, as a later export of the same clinic). Days count back
    // from the frozen "now"; the live window starts 72 hours before it.
    static (List<Submission> First, List<Submission> Second) History(DateTimeOffset now)
    {
        var first = new List<Submission>();
        var second = new List<Submission>();
        // Days back from 09:00 today: which administrations share a UTC date does not depend on when the test runs.
        var nine = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(9);
        DateTimeOffset Day(double days, int minute = 0) => nine.AddDays(-days).AddMinutes(minute);
        var edge = now.AddHours(-72);

        // PHQ-9 and GAD-7 (implicit episode): intake, worse (off track, reliable deterioration), risk answers urgent, high and
        // unanswered, missing items (prorated), better (the family's alert resolved); a back-dated PHQ-9 in the second file
        // (not the latest: risk only), and a clinician.
        int?[][] phq = [[2, 2, 2, 1, 1, 1, 1, 1, 0], [3, 3, 2, 2, 2, 2, 2, 2, 1], [3, 3, 3, 3, 3, 2, 2, 2, 2], [3, 3, 3, 3, null, 3, 3, 3, null], [1, 1, 1, 1, 1, 1, 0, 0, 0], [0, 0, 1, 0, 0, 1, 0, 0, 0]];
        for (var s = 0; s < phq.Length; s++)
        {
            first.Add(new("mx-phq", "PHQ-9", Day(120 - 7 * s), [.. phq[s].Select(i => (decimal?)i)]) { Session = s + 1, ClinicianId = "clin-1" });
            first.Add(new("mx-phq", "GAD-7", Day(120 - 7 * s, 3), [.. Enumerable.Repeat((decimal?)(s is 2 or 3 ? 3 : 1), 7)]) { Session = s + 1 });
        }
        second.Add(new("mx-phq", "PHQ-9", Day(110), [2, 2, 2, 2, 2, 2, 2, 2, 3]) { ClinicianId = "clin-2" });

        // ORS, then the client returns after 150 days (stale-episode guard: a new episode, ORS intake again), with SRS.
        foreach (var (d, items) in new (double, decimal?[])[] { (300, [5.0m, 5.2m, 4.8m, 5.0m]), (293, [3.0m, 3.1m, 2.9m, 3.0m]), (286, [2.0m, 2.2m, 2.1m, 1.9m]),
                     (136, [4.0m, 4.1m, 4.0m, 3.9m]), (129, [4.4m, 4.5m, 4.6m, 4.5m]) })
        {
            first.Add(new("mx-stale", "ORS", Day(d), items) { ClinicianId = "clin-3" });
            if (d < 200) first.Add(new("mx-stale", "SRS", Day(d, 5), [9.0m, 9.5m, 8.5m, 9.0m]));
        }

        // Across the live window: PHQ-9 risk answers long before, a second before, at and after its start; an SRS series
        // whose rupture begins before it and is unrepaired inside it (rupture-v1: SRS 38, 38, 38, 35, 35.5, 36, 35).
        foreach (var (at, item9) in new[] { (Day(30), 1), (edge.AddSeconds(-1), 2), (edge, 2), (edge.AddHours(1), 0), (now.AddHours(-2), 3) })
            first.Add(new("mx-edge", "PHQ-9", at, [2, 2, 2, 2, 2, 2, 2, 2, item9]));
        foreach (var (at, total) in new[] { (Day(20, 9), 38.0m), (Day(13, 9), 38.0m), (Day(8, 9), 38.0m), (Day(5, 9), 35.0m), (edge.AddHours(2), 35.5m), (now.AddHours(-30), 36.0m), (now.AddHours(-1), 35.0m) })
            first.Add(new("mx-edge", "SRS", at, Srs(total)));

        // SRS by the client (rupture and repair: 38, 38.5, 38, 35, 37.5) and by a caregiver (repair with a concern: 37 x 3,
        // 34.5, 36), numbered sessions, inside the live window so the alerts are announced.
        var srs = new[] { 38.0m, 38.5m, 38.0m, 35.0m, 37.5m };
        var carer = new[] { 37.0m, 37.0m, 37.0m, 34.5m, 36.0m };
        for (var s = 0; s < 5; s++)
        {
            first.Add(new("mx-srs", "ORS", now.AddHours(-60 + 10 * s), [6.0m, 6.0m, 6.0m, 6.0m]) { Session = s + 1 });
            first.Add(new("mx-srs", "SRS", now.AddHours(-60 + 10 * s).AddMinutes(2), Srs(srs[s])) { Session = s + 1 });
            first.Add(new("mx-srs", "SRS", now.AddHours(-60 + 10 * s).AddMinutes(4), Srs(carer[s])) { Session = s + 1, Rater = "caregiver" });
        }

        // All inside the live window, so every alert is open and announced: a PHQ-9 course that goes off track and comes
        // back (the family's alert resolved and announced), with a WAI-SR pair whose therapist rates far higher.
        int[] recent = [10, 16, 21, 12, 6];
        for (var s = 0; s < recent.Length; s++)
        {
            var at = now.AddHours(-66 + 12 * s);
            first.Add(new("mx-recent", "PHQ-9", at, [.. Enumerable.Range(0, 9).Select(i => (decimal?)(recent[s] / 9 + (i < recent[s] % 9 ? 1 : 0)))]) { Session = s + 1 });
            first.Add(new("mx-recent", "WAI-SR", at.AddMinutes(5), Wai(s == 2 ? 30 : 48)) { Session = s + 1 });
            first.Add(new("mx-recent", "WAI-SR", at.AddMinutes(9), Wai(s == 2 ? 50 : 49)) { Session = s + 1, Rater = "therapist" });
        }

        // WAI-SR by client and therapist at the same session: the therapist after the client (discrepancy on the
        // therapist's), before the client (on the client's), both without session numbers on the same date, and in the
        // second file a therapist's rating back-dated before the client's of its session (raised on the client's).
        (int Client, int Therapist, int? Session, int ClientMinute, int TherapistMinute)[] wai = [(50, 52, 1, 0, 10), (40, 54, 2, 0, 10), (38, 55, 3, 20, 5), (44, 53, null, 0, 30), (47, 49, 5, 0, 10)];
        for (var s = 0; s < wai.Length; s++)
        {
            var day = Day(40 - 7 * s);
            first.Add(new("mx-wai", "WAI-SR", day.AddMinutes(wai[s].ClientMinute), Wai(wai[s].Client)) { Session = wai[s].Session });
            first.Add(new("mx-wai", "WAI-SR", day.AddMinutes(wai[s].TherapistMinute), Wai(wai[s].Therapist)) { Session = wai[s].Session, Rater = "therapist" });
        }
        first.Add(new("mx-wai", "WAI-SR", Day(5), Wai(40)) { Session = 6 });
        second.Add(new("mx-wai", "WAI-SR", Day(5, -30), Wai(56)) { Session = 6, Rater = "therapist" });

        // TASC-R (an adolescent): the youth's series ruptures and is repaired (44, 45, 44, 40, 43), the therapist's rating
        // at session 4 is 8 above the youth's (a discrepancy from 6), and a caregiver's series drops by 4 (a concern).
        var youth = new[] { 44, 45, 44, 40, 43 };
        for (var s = 0; s < youth.Length; s++)
        {
            var day = Day(60 - 7 * s);
            first.Add(new("mx-tasc", "TASC-R", day, Tasc(youth[s])) { Session = s + 1, AgeGroup = "adolescent" });
            first.Add(new("mx-tasc", "TASC-R", day.AddMinutes(20), Tasc(s == 3 ? 48 : youth[s])) { Session = s + 1, Rater = "therapist", AgeGroup = "adolescent" });
            first.Add(new("mx-tasc", "TASC-R", day.AddMinutes(40), Tasc(s == 2 ? 38 : 42)) { Session = s + 1, Rater = "caregiver", AgeGroup = "adolescent" });
            first.Add(new("mx-tasc", "ORS", day.AddMinutes(50), [5.0m + s, 5.0m, 5.0m, 5.0m]) { Session = s + 1, AgeGroup = "adolescent" });
        }

        // Early alliance risk (clinical.md section 9's vector): ORS 20 and SRS 34, SRS 35, ORS 21 at session 3 (on track),
        // ORS 21 at session 4 (not improving): escalated to high. And a child's CORS with CSRS 35, 36: normal.
        first.Add(new("mx-early", "ORS", Day(28), [5.0m, 5.0m, 5.0m, 5.0m]) { Session = 1 });
        first.Add(new("mx-early", "SRS", Day(28, 5), Srs(34.0m)) { Session = 1 });
        first.Add(new("mx-early", "SRS", Day(21, 5), Srs(35.0m)) { Session = 2 });
        first.Add(new("mx-early", "ORS", Day(14), [5.0m, 5.0m, 5.0m, 6.0m]) { Session = 3 });
        first.Add(new("mx-early", "ORS", Day(7), [5.0m, 5.0m, 5.0m, 6.0m]) { Session = 4 });
        first.Add(new("mx-child", "CORS", Day(15), [7.0m, 7.0m, 7.0m, 7.0m]) { Session = 1, AgeGroup = "child" });
        first.Add(new("mx-child", "CSRS", Day(15, 5), Srs(35.0m)) { Session = 1, AgeGroup = "child" });
        first.Add(new("mx-child", "CORS", Day(8), [6.0m, 6.5m, 6.0m, 6.5m]) { Session = 2, AgeGroup = "child" });
        first.Add(new("mx-child", "CSRS", Day(8, 5), Srs(36.0m)) { Session = 2, AgeGroup = "child" });

        // OQ-45.2 and CORE-10 sent as scored values (reverse items already reversed), substance and violence answers,
        // WHO-5 with a low item.
        var oq = Enumerable.Repeat((decimal?)2, 45).ToArray();
        (oq[10], oq[43], oq[7]) = (1, 1, 0);
        first.Add(new("mx-oq", "OQ-45.2", Day(50), oq) { ItemConvention = "scored" });
        first.Add(new("mx-oq", "CORE-10", Day(50, 10), [2, 3, 1, 2, 2, 1, 2, 2, 2, 2]) { ItemConvention = "scored" });
        first.Add(new("mx-oq", "WHO-5", Day(50, 20), [3, 1, 3, 4, 3]));
        first.Add(new("mx-oq", "OQ-45.2", Day(43), Enumerable.Repeat((decimal?)3, 45).ToArray()) { ItemConvention = "scored" });

        // Episodes named by id (opened with POST .../episodes in each tenant).
        for (var s = 0; s < 4; s++)
            first.Add(new("mx-named", "PHQ-9", Day(70 - 7 * s), [2, 2, 2, 2, 2, 2, 2, s, 0]) { Session = s + 1, Episode = "mx-named/1" });

        // Episode keys: a closed one, then an open one whose start the second file moves back; outcomes only.
        var closedAt = Day(200);
        for (var s = 0; s < 4; s++)
            first.Add(new("mx-keyed", "GAD-7", Day(250 - 7 * s), [2, 2, 2, 2, 2, 2, s]) { Session = s + 1, EpisodeKey = "2025-a", EpisodeClosedAt = closedAt });
        for (var s = 0; s < 3; s++)
            first.Add(new("mx-keyed", "GAD-7", Day(90 - 7 * s), [3, 3, 3, 3, 3, 3, 3 - s]) { Session = s + 2, EpisodeKey = "2025-b" });
        second.Add(new("mx-keyed", "GAD-7", Day(97), [3, 3, 3, 3, 3, 3, 2]) { Session = 1, EpisodeKey = "2025-b" });

        // An episode key closed after an SRS series with a rupture left open at the close (38, 38, 38, 35, 35.5).
        foreach (var (d, total) in new[] { (180, 38.0m), (173, 38.0m), (166, 38.0m), (159, 35.0m), (152, 35.5m) })
            first.Add(new("mx-keyed-srs", "SRS", Day(d), Srs(total)) { EpisodeKey = "2025-c", EpisodeClosedAt = Day(150) });
        return (first, second);
    }

    // Four items of one decimal summing to the total.
    static decimal?[] Srs(decimal total)
    {
        var item = Math.Floor(total / 4 * 10) / 10;
        return [item, item, item, total - 3 * item];
    }

    // WAI-SR: twelve answers 1-5 summing to the total.
    static decimal?[] Wai(int total) => [.. Enumerable.Range(0, 12).Select(i => (decimal?)(total / 12 + (i < total % 12 ? 1 : 0)))];

    // TASC-R: twelve positions 1-4 whose scored values (items 2, 5, 7, 8, 11 reversed: 5 - answer) sum to the total.
    static decimal?[] Tasc(int total)
    {
        int[] reverse = [2, 5, 7, 8, 11];
        return [.. Enumerable.Range(1, 12).Select(item =>
        {
            var scored = total / 12 + (item <= total % 12 ? 1 : 0);
            return (decimal?)(reverse.Contains(item) ? 5 - scored : scored);
        })];
    }
}
