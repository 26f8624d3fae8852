// Firely's model is nullable throughout; these tests read what the server must have filled in.
#nullable disable warnings
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Tests.Features.Fhir;

/// <summary>interop.md 1.6 and 1.7: Observation, QuestionnaireResponse and Flag searches, their values and their paging.</summary>
public sealed class SearchTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    const string Client = "se-1001";

    // PHQ-9 at sessions 1, 2 and 8 (20, 13, then 18: clinical.md section 7's trajectories), an OQ-45.2 (four Observations:
    // total and SD, IR, SR), and two SRS (the second a concern): seven administrations, one client, days 0-49.
    async Task<List<string>> SeedAsync(string clientId)
    {
        var ids = new List<string>();
        async Task PostAsync(string instrument, decimal?[] items, int day, int session)
        {
            var q = await Fhir.QuestionnaireAsync(app.Ehr, instrument);
            var rsp = await app.Ehr.PostAsync(Fhir.Response(q, clientId, items, Http.Monday.AddDays(day), session));
            rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
            ids.Add(Fhir.IdOf(rsp));
        }
        await PostAsync("PHQ-9", [3, 3, 3, 3, 2, 2, 2, 2, 0], 0, 1);
        await PostAsync("SRS", [9.5m, 9.5m, 9.5m, 9.5m], 0, 1);
        await PostAsync("PHQ-9", [2, 2, 2, 2, 2, 1, 1, 1, 0], 7, 2);
        await PostAsync("SRS", [8.0m, 8.0m, 8.0m, 8.0m], 7, 2);
        await PostAsync("OQ-45.2", [.. Enumerable.Repeat<decimal?>(1, 45)], 14, 3);
        await PostAsync("PHQ-9", [3, 3, 2, 2, 2, 2, 2, 2, 0], 49, 8);
        return ids;
    }

    Task<R4.Bundle> SearchAsync(string query) => app.Reader.GetAsync<R4.Bundle>($"{Fhir.Base}/{query}");

    static List<string> Ids(R4.Bundle b) => [.. b.Entry.Select(e => e.Resource!.Id!)];

    [Fact]
    public async Task A_clients_observations_come_newest_first_one_per_total_and_subscale_with_the_feedback_seen_then()
    {
        var ids = await SeedAsync(Client);
        var all = await SearchAsync($"Observation?subject=Patient/{Client}");
        // Newest first; within the OQ-45.2 administration: total, then its subscales in catalogue order.
        Ids(all).ShouldBe([$"{ids[5]}-total", $"{ids[4]}-total", $"{ids[4]}-SD", $"{ids[4]}-IR", $"{ids[4]}-SR",
            $"{ids[3]}-total", $"{ids[2]}-total", $"{ids[1]}-total", $"{ids[0]}-total"]);
        all.Entry.ShouldAllBe(e => e.FullUrl == $"http://localhost/fhir/r4/Observation/{e.Resource!.Id}" && e.Search.Mode == R4.Bundle.SearchEntryMode.Match);
        all.Total.ShouldBeNull();

        var offTrack = (R4.Observation)all.Entry[0].Resource!;
        ((R4.Integer)offTrack.Value).Value.ShouldBe(18);
        offTrack.Code.Coding.Select(c => c.Code).ShouldBe(["44261-6", "PHQ-9:total"]);
        offTrack.Interpretation.Select(i => i.Coding.Single().Code).ShouldBe(["moderately_severe", "A", "off_track", "unchanged"]); // PHQ-9 15-19; change -2 is within the RCI
        offTrack.DerivedFrom.Single().Reference.ShouldBe($"QuestionnaireResponse/{ids[5]}");
        offTrack.Effective.ToString().ShouldBe("2026-02-23T09:00:00Z");
        var trajectory = offTrack.Extension.Single(e => e.Url.EndsWith("/StructureDefinition/trajectory"));
        decimal Part(string name) => ((R4.FhirDecimal)trajectory.Extension.Single(e => e.Url == name).Value!).Value!.Value;
        // clinical.md section 7: expected 2.9 + 17.1 * 8^(-1/3) = 11.45 (11.5 at one decimal); deviation 6.55 -> 6.6.
        (Part("intakeScore"), Part("expected"), Part("deviation")).ShouldBe((20m, 11.5m, 6.6m));

        var concern = (R4.Observation)all.Entry[5].Resource!;
        ((R4.Quantity)concern.Value).Value.ShouldBe(32.0m);
        concern.Interpretation.Select(i => i.Coding.Single().Code).ShouldBe(["below_cutoff", "drop", "item_below_9"], ignoreOrder: true);
        var alliance = concern.Extension.Single(e => e.Url.EndsWith("/StructureDefinition/alliance"));
        ((R4.FhirBoolean)alliance.Extension.Single(e => e.Url == "concern").Value!).Value.ShouldBe(true);

        var sd = (R4.Observation)all.Entry[2].Resource!;
        sd.Code.Coding.Single().Code.ShouldBe("OQ-45.2:SD");
        sd.Interpretation.ShouldBeEmpty();
    }

    [Fact]
    public async Task Code_category_and_date_filter_and_every_way_of_naming_the_client_finds_the_same()
    {
        var ids = await SeedAsync("se-2002");
        var loinc = Ids(await SearchAsync("Observation?patient=se-2002&code=http://loinc.org|44261-6"));
        loinc.ShouldBe([$"{ids[5]}-total", $"{ids[2]}-total", $"{ids[0]}-total"]);
        Ids(await SearchAsync("Observation?subject=se-2002&code=44261-6")).ShouldBe(loinc);
        Ids(await SearchAsync("Observation?subject:identifier=http://localhost/fhir/sid/client-id|se-2002&code=http://localhost/fhir/CodeSystem/measure|PHQ-9:total")).ShouldBe(loinc);
        Ids(await SearchAsync("Observation?subject=se-2002&code=OQ-45.2:IR")).ShouldBe([$"{ids[4]}-IR"]);
        Ids(await SearchAsync("Observation?subject=se-2002&code=http://snomed.info/sct|44261-6")).ShouldBeEmpty();
        Ids(await SearchAsync("Observation?subject=se-2002&category=laboratory")).ShouldBeEmpty();
        Ids(await SearchAsync("Observation?subject=se-2002&category=survey&code=SRS:total")).ShouldBe([$"{ids[3]}-total", $"{ids[1]}-total"]);
        // A bare date is a UTC day; ge/lt bounds; Http.Monday is 2026-01-05 09:00Z.
        Ids(await SearchAsync("Observation?subject=se-2002&date=2026-01-12")).ShouldBe([$"{ids[3]}-total", $"{ids[2]}-total"]);
        Ids(await SearchAsync("Observation?subject=se-2002&code=44261-6&date=ge2026-01-12&date=lt2026-02-23")).ShouldBe([$"{ids[2]}-total"]);
        Ids(await SearchAsync("Observation?subject=se-2002&code=44261-6&date=gt2026-01-05T09:00:00Z")).ShouldBe([$"{ids[5]}-total", $"{ids[2]}-total"]);
        Ids(await SearchAsync("Observation?subject=se-2002&code=44261-6&date=le2026-01-05T09:00:00Z")).ShouldBe([$"{ids[0]}-total"]);
        Ids(await SearchAsync("Observation?subject=se-2002&code=44261-6&_sort=date")).ShouldBe([$"{ids[0]}-total", $"{ids[2]}-total", $"{ids[5]}-total"]);
        Ids(await SearchAsync($"Observation?derived-from=QuestionnaireResponse/{ids[4]}")).ShouldBe([$"{ids[4]}-total", $"{ids[4]}-SD", $"{ids[4]}-IR", $"{ids[4]}-SR"]);
    }

    [Fact]
    public async Task Pages_follow_next_links_to_the_end_without_gaps_or_repeats_in_either_order()
    {
        await SeedAsync("se-3003");
        foreach (var sort in new[] { "-date", "date" })
        {
            var whole = Ids(await SearchAsync($"Observation?subject=se-3003&_sort={sort}"));
            foreach (var size in new[] { 1, 2, 3, 4 })
            {
                var seen = new List<string>();
                var page = await SearchAsync($"Observation?subject=se-3003&_sort={sort}&_count={size}");
                while (true)
                {
                    page.Entry.Count.ShouldBeLessThanOrEqualTo(size);
                    seen.AddRange(Ids(page));
                    if (page.NextLink is null) break;
                    page = await app.Reader.GetAsync<R4.Bundle>(page.NextLink.ToString());
                }
                seen.ShouldBe(whole, $"_sort={sort} _count={size}");
            }
        }
        var first = await SearchAsync("Observation?subject=se-3003&_count=2");
        var cursor = first.NextLink!.ToString().Split("_cursor=")[1];
        await (await app.Reader.GetAsync($"{Fhir.Base}/Observation?subject=se-3003&code=44261-6&_cursor={cursor}", Ct)).ShouldBeOutcomeAsync(HttpStatusCode.BadRequest);
        await (await app.Reader.GetAsync($"{Fhir.Base}/Observation?subject=se-3003&_cursor=not-a-cursor", Ct)).ShouldBeOutcomeAsync(HttpStatusCode.BadRequest);
        (await app.Reader.GetAsync($"{Fhir.Base}/Observation?subject=se-3003&_count=5&_cursor={cursor}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public static TheoryData<string> BadSearches => new()
    {
        "Observation", "Observation?code=44261-6", "Observation?subject=se-1&colour=red", "Observation?subject=se-1&_count=0",
        "Observation?subject=se-1&_count=201", "Observation?subject=se-1&_count=ten", "Observation?subject=se-1&date=2026-02-30",
        "Observation?subject=se-1&date=ab2026-01-01", "Observation?subject=se-1&date=ge2026&date=le2027&date=lt2028",
        "Observation?subject=se-1&date=2026-01-05T09:00:00", "Observation?subject=se-1&_sort=code", "Observation?subject=se-1&subject=se-2",
        "Observation?subject=se-1&patient=se-1", "Observation?derived-from=QuestionnaireResponse", "Observation?subject=Patient/a b",
        "Observation?subject:identifier=urn:mrn|123", "Observation?subject=se-1&code=44261-6,70274-6", "Observation?subject=se-1&code=http://loinc.org|", "QuestionnaireResponse", "QuestionnaireResponse?identifier=qr-1",
        "Flag?status=open", "Flag?subject=se-1&priority=high", "Questionnaire?name=PHQ9",
    };

    [Theory]
    [MemberData(nameof(BadSearches))]
    public async Task A_search_that_cannot_be_run_exactly_as_asked_is_a_400_naming_the_parameter(string query)
    {
        await (await app.Reader.GetAsync($"{Fhir.Base}/{query}", Ct)).ShouldBeOutcomeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Responses_are_found_by_subject_and_by_identifier_newest_first()
    {
        var ids = await SeedAsync("se-4004");
        Ids(await SearchAsync("QuestionnaireResponse?patient=se-4004")).ShouldBe([.. Enumerable.Reverse(ids)]);
        var q = await Fhir.QuestionnaireAsync(app.Ehr, "GAD-7");
        var created = await app.Ehr.PostAsync(Fhir.Response(q, "se-4004", [1, 1, 1, 1, 1, 1, 1], Http.Monday.AddDays(50), 9, identifier: "gad-50"));
        Ids(await SearchAsync("QuestionnaireResponse?identifier=urn:oid:2.16.840.1.113883.19.5.99|gad-50")).ShouldBe([Fhir.IdOf(created)]);
        Ids(await SearchAsync("QuestionnaireResponse?identifier=urn:oid:2.16.840.1.113883.19.5.99|gad-51")).ShouldBeEmpty();
        Ids(await SearchAsync("QuestionnaireResponse?subject=se-4004&_count=2")).ShouldBe([Fhir.IdOf(created), ids[5]]);
    }

    [Fact]
    public async Task Flags_are_alerts_urgent_first_with_status_and_priority_as_the_contract_maps_them()
    {
        var q = await Fhir.QuestionnaireAsync(app.Ehr, "PHQ-9");
        // Item 9 answered 3: an urgent risk item (clinical.md section 3); then a high one (answered 1).
        var urgent = await app.Ehr.PostAsync(Fhir.Response(q, "se-5005", [1, 1, 1, 1, 1, 1, 1, 1, 3], Http.Monday, 1));
        await app.Ehr.PostAsync(Fhir.Response(q, "se-5005", [1, 1, 1, 1, 1, 1, 1, 1, 1], Http.Monday.AddDays(7), 2));
        var flags = (await SearchAsync("Flag?subject=Patient/se-5005")).Entry.Select(e => (R4.Flag)e.Resource!).ToList();
        flags.Count.ShouldBe(2);
        var first = flags[0];
        first.Status.ShouldBe(R4.Flag.FlagStatus.Active);
        first.Code.Coding.Single().Code.ShouldBe("risk_item");
        var priority = (R4.CodeableConcept)first.Extension.Single(e => e.Url == "http://hl7.org/fhir/StructureDefinition/flag-priority").Value!;
        priority.Coding.Select(c => c.Code).ShouldBe(["PH", "urgent"]);
        ((R4.ResourceReference)first.Extension.Single(e => e.Url == "http://hl7.org/fhir/StructureDefinition/flag-detail").Value!).Reference
            .ShouldBe($"QuestionnaireResponse/{Fhir.IdOf(urgent)}");
        first.Period.End.ShouldBeNull();

        // Acknowledged stays REST; the Flag becomes inactive with the period's end.
        (await app.Reader.PostAsJsonAsync(ApiRoutes.AcknowledgeAlertOf(first.Id!), new { by = "dr-1" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var read = await app.Reader.GetAsync<R4.Flag>($"{Fhir.Base}/Flag/{first.Id}");
        (read.Status, read.Period.End is not null).ShouldBe((R4.Flag.FlagStatus.Inactive, true));
        Ids(await SearchAsync("Flag?subject=se-5005&status=active")).ShouldBe([flags[1].Id!]);
        Ids(await SearchAsync("Flag?subject=se-5005&status=inactive")).ShouldBe([first.Id!]);
        Ids(await SearchAsync("Flag?subject=se-5005&status=active,inactive")).Count.ShouldBe(2);
        // Without a subject: the tenant's worklist.
        Ids(await SearchAsync("Flag?status=active&_count=200")).ShouldContain(flags[1].Id!);
    }
}
