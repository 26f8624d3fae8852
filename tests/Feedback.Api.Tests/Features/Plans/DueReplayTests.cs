using Feedback.Clinical.Instruments;

namespace Feedback.Api.Tests.Features.Plans;

/// <summary>
/// Twelve weekly sessions of one client under the contract's example plan (interop.md section 3), replayed over HTTP with
/// the service's clock moved to each check-in. The expected due lists are worked out by hand from the contract's table
/// (the arithmetic is beside each row), not from the code.
/// </summary>
public sealed class DueReplayTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The contract's example plan.
    static readonly object AdultOutpatient = new
    {
        name = "Adult outpatient",
        rules = new object[]
        {
            new { instrument = "PHQ-9", rater = "client", timing = "start", cadence = new { type = "every_session" } },
            new { instrument = "GAD-7", rater = "client", timing = "start", cadence = new { type = "every_n_sessions", n = 4, atIntake = true } },
            new { instrument = "CORE-10", rater = "client", timing = "start", cadence = new { type = "every_n_days", days = 28, earlyDays = 3, graceDays = 7 } },
            new { instrument = "SRS", rater = "client", timing = "end", cadence = new { type = "every_session" } },
        },
    };

    // Session k's check-in is at 09:00 on day Days[k-1] (a two-week gap before session 8); start items are answered at
    // 09:05, the SRS at 09:55. No sessionNumber is sent: S is inferred from the UTC dates.
    static readonly int[] Days = [0, 7, 14, 21, 28, 35, 42, 56, 63, 70, 77, 84];

    // What the tablet shows at each check-in, "instrument:status:reason", and what the client skips.
    // L = latest administration; idx = its session; S = 1 + the highest session (one date per session).
    static readonly (string[] Due, string[] Skipped)[] Expected =
    [
        /* 1, day 0: no episode yet: every item is intake; CORE-10 dueAt = now */
        (["PHQ-9:due:intake", "GAD-7:due:intake", "CORE-10:due:intake", "SRS:due:intake"], []),
        /* 2, day 7: GAD-7 2-1 < 4; CORE-10 dueAt day 28 09:05, shown from day 25 09:05 */
        (["PHQ-9:due:every_session", "SRS:due:every_session"], []),
        /* 3 */ (["PHQ-9:due:every_session", "SRS:due:every_session"], []),
        /* 4, day 21: GAD-7 4-1 = 3 < 4; CORE-10 not before day 25 */
        (["PHQ-9:due:every_session", "SRS:due:every_session"], []),
        /* 5, day 28 09:00: GAD-7 5-1 = 4 >= 4; CORE-10 09:00 >= day 25 09:05, not after day 35 09:05. GAD-7 is skipped */
        (["PHQ-9:due:every_session", "GAD-7:due:session_interval", "CORE-10:due:day_interval", "SRS:due:every_session"], ["GAD-7"]),
        /* 6, day 35: GAD-7 6-1 = 5 > 4: overdue; CORE-10 L day 28 09:05, dueAt day 56 09:05, shown from day 53 09:05 */
        (["PHQ-9:due:every_session", "GAD-7:overdue:session_interval", "SRS:due:every_session"], []),
        /* 7, day 42: GAD-7 7-6 = 1 */
        (["PHQ-9:due:every_session", "SRS:due:every_session"], []),
        /* 8, day 56 09:00: CORE-10 >= day 53 09:05: due (dueAt day 56 09:05). Skipped */
        (["PHQ-9:due:every_session", "CORE-10:due:day_interval", "SRS:due:every_session"], ["CORE-10"]),
        /* 9, day 63 09:00: CORE-10 overdue only after day 63 09:05 (dueAt + 7 d): still due, 5 minutes inside. Skipped again */
        (["PHQ-9:due:every_session", "CORE-10:due:day_interval", "SRS:due:every_session"], ["CORE-10"]),
        /* 10, day 70: GAD-7 10-6 = 4: due; CORE-10 after day 63 09:05: overdue */
        (["PHQ-9:due:every_session", "GAD-7:due:session_interval", "CORE-10:overdue:day_interval", "SRS:due:every_session"], []),
        /* 11, day 77: GAD-7 11-10 = 1; CORE-10 L day 70 09:05, shown from day 95 09:05 */
        (["PHQ-9:due:every_session", "SRS:due:every_session"], []),
        /* 12, day 84 */
        (["PHQ-9:due:every_session", "SRS:due:every_session"], []),
    ];

    // Asked again at 09:10, after the start items: today's date now holds session k, so S is inferred as k + 1 (the
    // contract's rule), and what was given in the last 12 h is done this session. So the list already shows items of the
    // next session (GAD-7 at session 4: 5 - 1 = 4); a caller that knows the session sends sessionNumber.
    static readonly string[][] AfterStart =
    [
        /* 1, S 2 */ ["SRS:due:intake"],
        /* 2, S 3: GAD-7 3 - 1 < 4 */ ["SRS:due:every_session"],
        /* 3, S 4 */ ["SRS:due:every_session"],
        /* 4, S 5: GAD-7 5 - 1 = 4 */ ["GAD-7:due:session_interval", "SRS:due:every_session"],
        /* 5, S 6: the skipped GAD-7 6 - 1 > 4 */ ["GAD-7:overdue:session_interval", "SRS:due:every_session"],
        /* 6, S 7: GAD-7 given today */ ["SRS:due:every_session"],
        /* 7, S 8: GAD-7 8 - 6 < 4 */ ["SRS:due:every_session"],
        /* 8, S 9: CORE-10 skipped, due until day 63 09:05 */ ["CORE-10:due:day_interval", "SRS:due:every_session"],
        /* 9, S 10: GAD-7 10 - 6 = 4; CORE-10 skipped again, 09:10 is past day 63 09:05 */
        ["GAD-7:due:session_interval", "CORE-10:overdue:day_interval", "SRS:due:every_session"],
        /* 10, S 11 */ ["SRS:due:every_session"],
        /* 11, S 12 */ ["SRS:due:every_session"],
        /* 12, S 13: GAD-7 13 - 10 < 4 */ ["SRS:due:every_session"],
    ];

    [Fact]
    public async Task Twelve_sessions_the_due_list_follows_the_plan_as_administrations_arrive()
    {
        var day0 = new DateTimeOffset(app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1).AddHours(9), TimeSpan.Zero);
        const string client = "replay-1";
        (await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf(client), new { ageGroup = "adult", clinicianId = "clin-replay" }, Ct)).EnsureSuccessStatusCode();
        (await app.Admin.PutAsJsonAsync(ApiRoutes.TenantPlanPath, AdultOutpatient, Ct)).EnsureSuccessStatusCode();

        for (var k = 1; k <= Days.Length; k++)
        {
            var checkIn = day0.AddDays(Days[k - 1]);
            app.Clock.AdvanceTo(checkIn);
            var (due, skipped) = Expected[k - 1];

            var atCheckIn = await DueAsync(app.Ehr, client);
            Items(atCheckIn).ShouldBe(due, $"session {k} at check-in");
            atCheckIn["sessionNumber"]!.GetValue<int>().ShouldBe(k);
            atCheckIn["sessionNumberInferred"]!.GetValue<bool>().ShouldBeTrue();
            // The tablet (submit only) sees the same items, and nothing else.
            var tablet = await DueAsync(app.Tablet, client);
            tablet["items"]!.AsArray().Select(i => i!["instrument"]!.GetValue<string>()).ShouldBe(due.Select(d => d.Split(':')[0]));

            // The start items the client answers; then the tablet asks again: what was given today is done this session.
            var given = due.Select(d => d.Split(':')[0]).Where(i => i != "SRS" && !skipped.Contains(i)).ToList();
            app.Clock.AdvanceTo(checkIn.AddMinutes(5));
            foreach (var instrument in given)
                await SubmitAsync(client, instrument, checkIn.AddMinutes(5));
            app.Clock.AdvanceTo(checkIn.AddMinutes(10));
            var afterStart = await DueAsync(app.Ehr, client);
            Items(afterStart).ShouldBe(AfterStart[k - 1], $"session {k} after the start items");
            if (k == 5)
                Items(await DueAsync(app.Ehr, client, "?sessionNumber=5")).ShouldBe(["GAD-7:due:session_interval", "SRS:due:every_session"]);

            app.Clock.AdvanceTo(checkIn.AddMinutes(55));
            await SubmitAsync(client, "SRS", checkIn.AddMinutes(55));
            var afterEnd = await DueAsync(app.Ehr, client);
            Items(afterEnd).ShouldBe(AfterStart[k - 1].Where(e => !e.StartsWith("SRS")), $"session {k} after the SRS");
        }

        // After session 12 (day 84 10:00), everything not due, with when it is: all=true.
        var all = await DueAsync(app.Ehr, client, "?all=true");
        var byInstrument = all["items"]!.AsArray().ToDictionary(i => i!["instrument"]!.GetValue<string>());
        byInstrument["PHQ-9"]!["reason"]!.GetValue<string>().ShouldBe("done_this_session");
        byInstrument["GAD-7"]!["status"]!.GetValue<string>().ShouldBe("not_due");
        byInstrument["GAD-7"]!["lastSessionNumber"]!.GetValue<int>().ShouldBe(10);
        byInstrument["GAD-7"]!["nextDueSession"]!.GetValue<int>().ShouldBe(14); // 10 + 4
        byInstrument["CORE-10"]!["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(day0.AddDays(70 + 28).AddMinutes(5));
        byInstrument["CORE-10"]!["nextDueAt"]!.GetValue<DateTimeOffset>().ShouldBe(day0.AddDays(70 + 25).AddMinutes(5));

        // The clinician's list right after session 12: what was given an hour ago belongs to session 12, not 13, so the
        // every-session measures are due next session already.
        var sameDay = await (await app.Reader.GetAsync(ApiRoutes.DuePath + "?clinicianId=clin-replay", Ct)).BodyAsync();
        sameDay["items"]!.AsArray().Select(i => $"{i!["instrument"]}:{i["status"]}:{i["sessionNumber"]}").ShouldBe(["PHQ-9:due_next_session:13", "SRS:due_next_session:13"]);

        // The clinician's overdue list a week later (day 91 09:00, S = 13): PHQ-9 and SRS due next session, GAD-7 not
        // (13 - 10 = 3), CORE-10 not (shown from day 95 09:05).
        app.Clock.AdvanceTo(day0.AddDays(91));
        var list = await (await app.Reader.GetAsync(ApiRoutes.DuePath + "?clinicianId=clin-replay", Ct)).BodyAsync();
        list["items"]!.AsArray().Select(i => $"{i!["instrument"]}:{i["status"]}:{i["sessionNumber"]}").ShouldBe(["PHQ-9:due_next_session:13", "SRS:due_next_session:13"]);
        // Day 99 09:10: CORE-10 is past its dueAt (day 98 09:05) and overdue after day 105 09:05: due, first.
        app.Clock.AdvanceTo(day0.AddDays(99).AddMinutes(10));
        list = await (await app.Reader.GetAsync(ApiRoutes.DuePath + "?clinicianId=clin-replay", Ct)).BodyAsync();
        list["items"]!.AsArray().Select(i => $"{i!["instrument"]}:{i["status"]}").ShouldBe(["CORE-10:due", "PHQ-9:due_next_session", "SRS:due_next_session"]);
    }

    static IEnumerable<string> Items(JsonNode due) =>
        due["items"]!.AsArray().Select(i => $"{i!["instrument"]}:{i["status"]}:{i["reason"]}");

    async Task<JsonNode> DueAsync(HttpClient key, string client, string query = "")
    {
        var rsp = await key.GetAsync(ApiRoutes.ClientDueOf(client) + query, Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK, await rsp.Content.ReadAsStringAsync(Ct));
        return await rsp.BodyAsync();
    }

    async Task SubmitAsync(string client, string instrument, DateTimeOffset at)
    {
        var body = Http.Administration(instrument, Readback.Answers.For(Catalogue.Get(instrument), 2), at);
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(client), body, Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
    }
}
