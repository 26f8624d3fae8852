using System.Globalization;
using System.Xml.Linq;

namespace Feedback.Api.Tests.Features.Progress;

/// <summary>
/// clinical.md v1.2 section 10 (charts), item by item, over real HTTP: the SVG is parsed as XML and read the way an EHR
/// and a screen reader would (titles, tooltips, summary) plus the marks' classes and the sessions they stand at.
/// </summary>
public sealed class ChartTests(App app) : IClassFixture<App>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    static DateTimeOffset Week(int n) => Http.Monday.AddDays(7 * (n - 1));

    async Task<JsonNode> PostAsync(string client, string instrument, decimal?[] items, DateTimeOffset at, int? session, string rater = "client")
    {
        var rsp = await app.Ehr.PostAsJsonAsync(ApiRoutes.AdministrationsOf(client), Http.Administration(instrument, items, at, session, rater), Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.Created, await rsp.Content.ReadAsStringAsync(Ct));
        return await rsp.BodyAsync();
    }

    async Task<(XDocument Doc, string Text)> ChartAsync(string client, string instrument, string? rater = null)
    {
        var rsp = await app.Reader.GetAsync(ApiRoutes.ProgressChartOf(client, instrument) + (rater is null ? "" : $"&rater={rater}"), Ct);
        rsp.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await rsp.Content.ReadAsStringAsync(Ct);
        return (XDocument.Parse(text), text);
    }

    static decimal?[] Phq9(int total, int item9 = 0)
    {
        var rest = total - item9;
        return [.. Enumerable.Range(0, 8).Select(k => (decimal?)(rest / 8 + (k < rest % 8 ? 1 : 0))), item9];
    }

    /// <summary>ORS/SRS-style answers (one decimal each) adding up to the total.</summary>
    static decimal?[] Four(decimal total)
    {
        var units = (int)(total * 10);
        return [.. Enumerable.Range(0, 4).Select(k => (decimal?)((units / 4 + (k < units % 4 ? 1 : 0)) / 10m))];
    }

    static IEnumerable<XElement> Classed(XDocument d, string cls) => d.Descendants().Where(e => (string?)e.Attribute("class") == cls);
    static string Tip(XElement e) => e.Element(Svg + "title")!.Value;
    static int Session(XElement e) => (int)e.Attribute("data-session")!;
    static IEnumerable<string> Texts(XDocument d) => d.Descendants(Svg + "text").Select(t => t.Value);
    static string Footer(XDocument d) => Texts(d).Last();
    static double D(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Item_1_the_title_and_the_visible_title_name_the_instrument_and_the_rater()
    {
        await PostAsync("ch-title", "PHQ-9", Phq9(14), Week(1), 1);
        await PostAsync("ch-title", "CORS", Four(28m), Week(1), 1, "caregiver");
        foreach (var s in new[] { 1, 2 })
        {
            await PostAsync("ch-title", "WAI-SR", [.. Enumerable.Repeat((decimal?)4, 12)], Week(s), s);
            await PostAsync("ch-title", "WAI-SR", [.. Enumerable.Repeat((decimal?)4, 12)], Week(s).AddMinutes(5), s, "therapist");
        }
        foreach (var (instrument, rater, title) in new[]
                 {
                     ("PHQ-9", (string?)null, "PHQ-9: client's rating"), ("CORS", "caregiver", "CORS: caregiver's rating"),
                     ("WAI-SR", null, "WAI-SR: client's and therapist's ratings"),
                 })
        {
            var (doc, _) = await ChartAsync("ch-title", instrument, rater);
            doc.Root!.Element(Svg + "title")!.Value.ShouldBe(title);
            Texts(doc).First().ShouldBe(title);
        }
        Texts((await ChartAsync("ch-title", "CORS", "caregiver")).Doc).ShouldContain("CORS: caregiver's ratings"); // the legend names the series
        var (wai, _) = await ChartAsync("ch-title", "WAI-SR");
        Texts(wai).ShouldContain("client");
        Texts(wai).ShouldContain("therapist (WAI-SR-T)");
    }

    [Fact]
    public async Task Item_2_no_client_identifier_no_administration_id_and_no_date_anywhere_in_either_chart()
    {
        var ids = new List<string>();
        for (var s = 1; s <= 4; s++)
        {
            ids.Add((string)(await PostAsync("ident-7f3a9q", "PHQ-9", Phq9(20 - s, item9: s == 2 ? 2 : 0), Week(s), s))["id"]!);
            ids.Add((string)(await PostAsync("ident-7f3a9q", "SRS", Four(s == 4 ? 34m : 38m), Week(s).AddMinutes(50), s))["id"]!);
        }
        foreach (var instrument in new[] { "PHQ-9", "SRS" })
        {
            var (_, text) = await ChartAsync("ident-7f3a9q", instrument);
            text.ShouldNotContain("ident-7f3a9q");
            text.ShouldNotContain("2026");
            foreach (var id in ids) text.ShouldNotContain(id);
        }
    }

    [Fact]
    public async Task Item_3_x_is_the_clinic_session_an_unnumbered_administration_on_the_third_visit_after_session_3_stands_at_5()
    {
        // clinical.md section 1: F at clinic session 3; a later administration without a number on the episode's third visit date.
        await PostAsync("ch-x", "PHQ-9", Phq9(18), Week(1), 3);
        await PostAsync("ch-x", "GAD-7", [1, 1, 1, 1, 1, 1, 1], Week(2), null);
        await PostAsync("ch-x", "PHQ-9", Phq9(16), Week(3), null);
        var progress = await (await app.Reader.GetAsync(ApiRoutes.ProgressOf("ch-x", "PHQ-9"), Ct)).BodyAsync();
        progress["points"]!.AsArray().Select(p => p!["clinicSession"]!.GetValue<int>()).ShouldBe([3, 5]);
        var (doc, _) = await ChartAsync("ch-x", "PHQ-9");
        Classed(doc, "point").Select(Session).ShouldBe([3, 5]);
        Texts(doc).ShouldContain("Clinic session");
        Tip(Classed(doc, "point").Last()).ShouldStartWith("Clinic session 5: 16 - ");
    }

    [Fact]
    public async Task Item_3_without_any_session_number_the_axis_counts_visits_from_dates_on_both_charts()
    {
        await PostAsync("ch-visits", "PHQ-9", Phq9(18), Week(1), null);
        await PostAsync("ch-visits", "SRS", Four(38m), Week(2), null);
        await PostAsync("ch-visits", "PHQ-9", Phq9(15), Week(3), null);
        await PostAsync("ch-visits", "SRS", Four(37m), Week(3), null);
        var (outcome, _) = await ChartAsync("ch-visits", "PHQ-9");
        Texts(outcome).ShouldContain("Visit (counted from dates)");
        Texts(outcome).ShouldNotContain("Clinic session");
        Classed(outcome, "point").Select(Session).ShouldBe([1, 3]);
        Tip(Classed(outcome, "point").Last()).ShouldStartWith("Visit 3: 15 - ");
        var (alliance, _) = await ChartAsync("ch-visits", "SRS");
        Texts(alliance).ShouldContain("Visit (counted from dates)");
        Classed(alliance, "rating").Select(Session).ShouldBe([2, 3]);
    }

    [Fact]
    public async Task Items_4_5_and_11_an_unchanged_adult_ORS_of_24_is_not_improving_from_session_4_hollow_and_never_green()
    {
        for (var s = 1; s <= 10; s++) await PostAsync("ch-ors", "ORS", Four(24m), Week(s), s);
        var (doc, _) = await ChartAsync("ch-ors", "ORS");
        var late = Classed(doc, "point").Where(p => Session(p) >= 4).ToList();
        late.Count.ShouldBe(7);
        foreach (var p in late)
        {
            ((string?)p.Attribute("data-status")).ShouldBe("no_change");
            Tip(p).ShouldBe($"Clinic session {Session(p)}: 24.0 - not improving (expected about {Tip(p).Split("about ")[1].TrimEnd(')')})");
            var marker = p.Elements().Last();
            ((string?)marker.Attribute("fill")).ShouldBe("#ffffff"); // hollow
            p.Descendants().ShouldAllBe(e => (string?)e.Attribute("fill") != "#1a7f37" && (string?)e.Attribute("stroke") != "#1a7f37");
        }
    }

    [Fact]
    public async Task Item_4_tooltips_use_the_status_words_and_never_an_enum_spelling()
    {
        int[] totals = [20, 15, 18];
        int[] sessions = [1, 2, 8];
        for (var k = 0; k < 3; k++) await PostAsync("ch-words", "PHQ-9", Phq9(totals[k]), Week(k + 1), sessions[k]);
        var (doc, _) = await ChartAsync("ch-words", "PHQ-9");
        Classed(doc, "point").Select(Tip).ShouldBe(["Clinic session 1: 20 - intake", "Clinic session 2: 15 - on track (expected about 16.5)",
            "Clinic session 8: 18 - off track (expected about 11.5)"]);
        doc.Descendants(Svg + "title").Concat(doc.Descendants(Svg + "desc")).ShouldAllBe(t => !t.Value.Contains('_'));
    }

    [Fact]
    public async Task Item_5_each_status_has_its_own_marker_shape_and_the_svg_is_labelled_for_screen_readers()
    {
        await PostAsync("ch-shapes", "PHQ-9", Phq9(14), Week(1), 1);
        var (doc, _) = await ChartAsync("ch-shapes", "PHQ-9");
        string[] words = ["intake", "on track", "recovered", "not improving", "at risk of not benefiting", "off track"];
        var samples = words.Select(w => doc.Descendants(Svg + "g").Single(g => g.Element(Svg + "text")?.Value == w).Elements().First()).ToList();
        samples.Select(m => $"{m.Name.LocalName}/{((string?)m.Attribute("d"))?.Count(c => c == 'L')}/{(string?)m.Attribute("fill") == "#ffffff"}")
            .Distinct().Count().ShouldBe(words.Length);
        samples.Where(m => (string?)m.Attribute("fill") == "#1a7f37").Count().ShouldBe(2); // green: on track and recovered only
        ((string?)doc.Root!.Attribute("role")).ShouldBe("img");
        ((string)doc.Root.Attribute("aria-labelledby")!).Split(' ')
            .ShouldAllBe(id => doc.Descendants().Any(e => (string?)e.Attribute("id") == id && e.Value.Length > 0));
    }

    [Fact]
    public async Task Item_6_two_ratings_at_one_clinic_session_stand_side_by_side_and_are_not_joined()
    {
        await PostAsync("ch-twice", "PHQ-9", Phq9(18), Week(1), 1);
        await PostAsync("ch-twice", "PHQ-9", Phq9(16), Week(2), 2);
        await PostAsync("ch-twice", "PHQ-9", Phq9(14), Week(2).AddHours(2), 2);
        await PostAsync("ch-twice", "PHQ-9", Phq9(13), Week(3), 3);
        var (doc, _) = await ChartAsync("ch-twice", "PHQ-9");
        var two = Classed(doc, "point").Where(p => Session(p) == 2).ToList();
        two.Count.ShouldBe(2);
        Tip(two[0]).ShouldNotContain("second rating");
        Tip(two[1]).ShouldEndWith("; second rating at this session");
        var lines = Classed(doc, "data-line").ToList();
        lines.Count.ShouldBe(2); // broken between the two ratings of session 2
        var xs = lines.Select(l => ((string)l.Attribute("points")!).Split(' ').Select(v => double.Parse(v.Split(',')[0], CultureInfo.InvariantCulture)).ToList()).ToList();
        xs[0][^1].ShouldBeLessThan(xs[1][0]); // left rating ends the first part, the right one begins the second: no vertical join
    }

    [Fact]
    public async Task Item_6_two_alliance_ratings_at_one_clinic_session_stand_side_by_side_too()
    {
        await PostAsync("ch-twice-srs", "SRS", Four(38m), Week(1), 1);
        await PostAsync("ch-twice-srs", "SRS", Four(37.5m), Week(2), 2);
        await PostAsync("ch-twice-srs", "SRS", Four(38.5m), Week(2).AddHours(1), 2);
        await PostAsync("ch-twice-srs", "SRS", Four(38m), Week(3), 3);
        var (doc, _) = await ChartAsync("ch-twice-srs", "SRS");
        Classed(doc, "rating").Where(r => Session(r) == 2).Select(Tip)
            .ShouldBe(["Clinic session 2: 37.5 - no concern", "Clinic session 2: 38.5 - no concern; second rating at this session"]);
        Classed(doc, "series-client").Count().ShouldBe(2);
    }

    [Fact]
    public async Task Item_7_the_summary_names_first_and_last_score_status_and_open_alerts_and_the_footer_the_model_and_rules()
    {
        await PostAsync("ch-desc", "PHQ-9", Phq9(20), Week(1), 1);
        await PostAsync("ch-desc", "PHQ-9", Phq9(18, item9: 2), Week(8), 8);
        var (doc, _) = await ChartAsync("ch-desc", "PHQ-9");
        var desc = doc.Root!.Element(Svg + "desc")!.Value;
        desc.ShouldContain("First score 20, last score 18; current status: off track");
        desc.ShouldContain("Open alerts: 1 off track, 1 risk item.");
        Footer(doc).ShouldContain("power-decay-v1.1");
        Footer(doc).ShouldContain("alerts-v1.2");

        for (var s = 1; s <= 3; s++) await PostAsync("ch-desc", "SRS", Four(38m), Week(s).AddMinutes(50), s);
        var (srs, _) = await ChartAsync("ch-desc", "SRS");
        srs.Root!.Element(Svg + "desc")!.Value.ShouldContain("Client: 3 ratings, clinic session 1 to 3, first 38.0, last 38.0 (no concern).");
        Footer(srs).ShouldContain("alliance-v2.1");
    }

    [Fact]
    public async Task Item_8_the_cut_off_is_labelled_with_its_value_and_the_intakes_age_group_off_the_data_line()
    {
        for (var s = 1; s <= 10; s++) await PostAsync("ch-cut", "ORS", Four(24m), Week(s), s);
        var (doc, _) = await ChartAsync("ch-cut", "ORS");
        var label = doc.Descendants(Svg + "text").Single(t => t.Value == "clinical cut-off 25 (adult)");
        double x = D(label, "x"), y = D(label, "y"), width = label.Value.Length * 11 * 0.56;
        var vertices = Classed(doc, "data-line").SelectMany(l => ((string)l.Attribute("points")!).Split(' '))
            .Select(v => v.Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray()).ToList();
        vertices.Count.ShouldBe(10);
        vertices.ShouldAllBe(v => !(v[0] >= x - 3 && v[0] <= x + width + 3 && v[1] >= y - 14 && v[1] <= y + 6));

        await app.Ehr.PutAsJsonAsync(ApiRoutes.ClientOf("ch-cut-teen"), new { ageGroup = "adolescent" }, Ct);
        await PostAsync("ch-cut-teen", "ORS", Four(22m), Week(1), 1);
        var (teen, _) = await ChartAsync("ch-cut-teen", "ORS");
        Texts(teen).ShouldContain("clinical cut-off 28 (adolescent)");
    }

    [Fact]
    public async Task Item_9_the_expected_curve_with_its_bands_or_a_flat_maintain_line()
    {
        await PostAsync("ch-curve", "PHQ-9", Phq9(20), Week(1), 1);
        var (curve, _) = await ChartAsync("ch-curve", "PHQ-9");
        curve.Descendants(Svg + "polygon").Count().ShouldBe(2); // at-risk and off-track bands
        Texts(curve).ShouldNotContain(t => t.StartsWith("maintain", StringComparison.Ordinal));
        await PostAsync("ch-flat", "PHQ-9", Phq9(2), Week(1), 1);
        var (flat, _) = await ChartAsync("ch-flat", "PHQ-9");
        Texts(flat).ShouldContain("maintain: intake 2 is already at the non-clinical level");
    }

    [Fact]
    public async Task Item_10_reliable_change_lines_are_labelled_on_the_correct_side_for_the_direction()
    {
        await PostAsync("ch-rci-phq", "PHQ-9", Phq9(15), Week(1), 1);
        await PostAsync("ch-rci-ors", "ORS", Four(20m), Week(1), 1);
        foreach (var (client, instrument, better, worse, higherIsWorse) in new[]
                 { ("ch-rci-phq", "PHQ-9", "reliably better (9)", "reliably worse (21)", true), ("ch-rci-ors", "ORS", "reliably better (25)", "reliably worse (15)", false) })
        {
            var (doc, _) = await ChartAsync(client, instrument);
            double yBetter = D(doc.Descendants(Svg + "text").Single(t => t.Value == better), "y");
            double yWorse = D(doc.Descendants(Svg + "text").Single(t => t.Value == worse), "y");
            (yBetter > yWorse).ShouldBe(higherIsWorse); // the screen's y grows downwards; PHQ-9's better is lower on the chart
        }
    }

    [Fact]
    public async Task Item_12_a_self_harm_answer_gets_a_red_mark_with_plain_words_whatever_the_status()
    {
        await PostAsync("ch-risk", "PHQ-9", Phq9(18), Week(1), 1);
        await PostAsync("ch-risk", "PHQ-9", Phq9(16), Week(2), 2);
        await PostAsync("ch-risk", "PHQ-9", Phq9(17, item9: 2), Week(3), 3);
        await PostAsync("ch-risk", "PHQ-9", [2, 2, 2, 2, 2, 1, 1, 1, null], Week(4), 4);
        await PostAsync("ch-risk", "PHQ-9", Phq9(12), Week(5), 5);
        var (doc, _) = await ChartAsync("ch-risk", "PHQ-9");
        var marks = Classed(doc, "risk-mark").ToList();
        marks.Select(Tip).ShouldBe(["Self-harm item (item 9) answered 2 of 3: urgent alert", "Self-harm item (item 9) not answered"]);
        marks.ShouldAllBe(m => m.Descendants(Svg + "circle").Single().Attribute("fill")!.Value == "#c0392b" && m.Descendants(Svg + "text").Single().Value == "!");
    }

    [Fact]
    public async Task Item_12_an_OQ45_substance_answer_gets_its_own_mark()
    {
        var items = Enumerable.Repeat((decimal?)2, 45).ToArray();
        items[7] = 0;  // item 8 (suicide): no risk mark
        items[10] = 2; // item 11: critical
        items[25] = 0; items[31] = 0; items[43] = 0;
        await PostAsync("ch-oq", "OQ-45.2", items, Week(1), 1);
        var (doc, _) = await ChartAsync("ch-oq", "OQ-45.2");
        Classed(doc, "risk-mark").ShouldBeEmpty();
        Tip(Classed(doc, "substance-mark").ShouldHaveSingleItem()).ShouldContain("critical item 11 answered 2");
    }

    [Fact]
    public async Task Item_13_reliable_deterioration_is_marked_at_its_point()
    {
        await PostAsync("ch-worse", "PHQ-9", Phq9(10), Week(1), 1);
        await PostAsync("ch-worse", "PHQ-9", Phq9(17), Week(2), 2);
        var (doc, _) = await ChartAsync("ch-worse", "PHQ-9");
        var point = Classed(doc, "point").Last();
        point.Descendants().Count(e => (string?)e.Attribute("class") == "reliably-worse").ShouldBe(1);
        Tip(point).ShouldContain("reliably worse than at intake (10)");
        Classed(doc, "point").First().Descendants().ShouldNotContain(e => (string?)e.Attribute("class") == "reliably-worse");
    }

    [Fact]
    public async Task Item_14_a_cut_off_line_only_for_SRS_and_WAI_SR_and_no_published_cut_off_for_CSRS_and_TASC_R()
    {
        await PostAsync("ch-cuts", "SRS", Four(38m), Week(1), 1);
        await PostAsync("ch-cuts", "CSRS", Four(38m), Week(1), 1);
        await PostAsync("ch-cuts", "TASC-R", [.. Enumerable.Repeat((decimal?)3, 12)], Week(1), 1);
        await PostAsync("ch-cuts", "WAI-SR", [.. Enumerable.Repeat((decimal?)4, 12)], Week(1), 1);
        Texts((await ChartAsync("ch-cuts", "SRS")).Doc).ShouldContain("discuss when at or below 36");
        Texts((await ChartAsync("ch-cuts", "WAI-SR")).Doc).ShouldContain("discuss when below 42 (item mean 3.5)");
        foreach (var instrument in new[] { "CSRS", "TASC-R" })
        {
            var texts = Texts((await ChartAsync("ch-cuts", instrument)).Doc).ToList();
            texts.ShouldContain("no published cut-off");
            texts.ShouldNotContain(t => t.StartsWith("discuss when", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Items_4_and_15_a_concern_rating_is_outlined_in_amber_with_its_reasons_in_words()
    {
        decimal?[][] ratings = [[9.5m, 9.5m, 9.5m, 9.5m], [9.5m, 9.5m, 9.5m, 10m], [9.5m, 9.5m, 9.5m, 9.5m], [8.5m, 9m, 8.5m, 9m]];
        for (var s = 1; s <= 4; s++) await PostAsync("ch-concern", "SRS", ratings[s - 1], Week(s), s);
        var (doc, _) = await ChartAsync("ch-concern", "SRS");
        var rating = Classed(doc, "rating").Last();
        Tip(rating).ShouldBe("Clinic session 4: 35.0 - rupture began (recent level 38.0); at or below 36; an item below 9");
        ((string?)rating.Attribute("data-concern")).ShouldBe("true");
        ((string?)rating.Elements().Last().Attribute("stroke")).ShouldBe("#e08a00");
        Tip(Classed(doc, "rating").First()).ShouldBe("Clinic session 1: 38.0 - no concern");
    }

    [Fact]
    public async Task Item_4_a_low_WAI_SR_subscale_is_named_and_a_fall_is_counted()
    {
        decimal?[] goalLow = [5, 5, 5, 2, 5, 2, 5, 2, 5, 5, 2, 5]; // Goal items 4, 6, 8, 11: item mean 2.0; total 48
        await PostAsync("ch-wai-reasons", "WAI-SR", [.. Enumerable.Repeat((decimal?)5, 12)], Week(1), 1);
        await PostAsync("ch-wai-reasons", "WAI-SR", goalLow, Week(2), 2);
        var (doc, _) = await ChartAsync("ch-wai-reasons", "WAI-SR");
        Tip(Classed(doc, "rating").Last()).ShouldBe("Clinic session 2: 48 - Goal below 3.0; fell 12 since last time");
        doc.Root!.Element(Svg + "desc")!.Value.ShouldContain("last 48 (concern: Goal below 3.0, fell 12 since last time)");
    }

    [Fact]
    public async Task Items_16_and_17_a_clean_repair_is_green_a_repair_that_is_still_a_concern_is_amber()
    {
        decimal[] clean = [38.0m, 38.5m, 38.0m, 35.0m, 37.5m];
        decimal[] stillLow = [37.0m, 37.0m, 37.0m, 34.5m, 36.0m];
        for (var s = 1; s <= 5; s++)
        {
            await PostAsync("ch-repair", "SRS", Four(clean[s - 1]), Week(s), s);
            await PostAsync("ch-repair-low", "SRS", Four(stillLow[s - 1]), Week(s), s);
        }
        var (green, _) = await ChartAsync("ch-repair", "SRS");
        ((string?)Classed(green, "rupture").Single().Attribute("data-state")).ShouldBe("repaired");
        var mark = Classed(green, "repair-mark").Single();
        ((string?)mark.Attribute("stroke")).ShouldBe("#1a7f37");
        var (amber, _) = await ChartAsync("ch-repair-low", "SRS");
        var low = Classed(amber, "repair-mark").Single();
        ((string?)low.Attribute("stroke")).ShouldBe("#e08a00");
        Tip(low).ShouldBe("back near its earlier level (repair level 36.0), still at or below 36: discuss");
        Tip(Classed(amber, "rating").Last()).ShouldBe("Clinic session 5: 36.0 - back near its earlier level (repair level 36.0), still at or below 36: discuss");
    }

    [Fact]
    public async Task Item_16_ruptures_are_shaded_to_their_end_not_repaired_or_open_with_the_repair_level_across()
    {
        decimal[] unrepaired = [38m, 38m, 38m, 35m, 35.5m, 36m, 35m];
        for (var s = 1; s <= 7; s++) await PostAsync("ch-unrepaired", "SRS", Four(unrepaired[s - 1]), Week(s), s);
        for (var s = 1; s <= 4; s++) await PostAsync("ch-open", "SRS", Four(unrepaired[s - 1]), Week(s), s);
        var (doc, _) = await ChartAsync("ch-unrepaired", "SRS");
        var band = Classed(doc, "rupture").Single();
        ((string?)band.Attribute("data-state")).ShouldBe("unrepaired");
        band.Descendants(Svg + "text").Select(t => t.Value).ShouldContain("not repaired");
        band.Descendants(Svg + "line").Select(l => l.Element(Svg + "title")?.Value).ShouldContain(t => t != null && t.StartsWith("repair level 37.0", StringComparison.Ordinal));
        Classed(doc, "unrepaired-mark").Count().ShouldBe(1);
        var (open, _) = await ChartAsync("ch-open", "SRS");
        var openBand = Classed(open, "rupture").Single();
        ((string?)openBand.Attribute("data-state")).ShouldBe("open");
        openBand.Descendants(Svg + "text").Select(t => t.Value).ShouldContain("open");
    }

    [Fact]
    public async Task Item_18_the_therapist_is_dashed_and_a_WAI_SR_discrepancy_is_marked_at_its_session()
    {
        for (var s = 1; s <= 3; s++)
        {
            await PostAsync("ch-gap", "WAI-SR", [.. Enumerable.Repeat((decimal?)(s == 2 ? 3 : 4), 12)], Week(s), s + 4);
            await PostAsync("ch-gap", "WAI-SR", [.. Enumerable.Repeat((decimal?)4, 12)], Week(s).AddMinutes(5), s + 4, "therapist");
        }
        var (doc, _) = await ChartAsync("ch-gap", "WAI-SR");
        ((string?)Classed(doc, "series-therapist").Single().Attribute("stroke-dasharray")).ShouldNotBeNull();
        Classed(doc, "series-client").Single().Attribute("stroke-dasharray").ShouldBeNull();
        var gap = Classed(doc, "discrepancy-mark").ShouldHaveSingleItem();
        Session(gap).ShouldBe(6); // the clinic session, as on the outcome chart
        Tip(gap).ShouldContain("therapist rated the alliance higher than the client by 0.25");
    }

    [Fact]
    public async Task Item_18_TASC_R_youth_and_therapist_with_a_discrepancy_and_no_cut_off()
    {
        static decimal?[] Tasc(int total) // scored total; reverse items 2, 5, 7, 8, 11 answered 5 - share
        {
            var t = total - 12;
            return [.. Enumerable.Range(0, 12).Select(k => (decimal?)(1 + t / 12 + (k < t % 12 ? 1 : 0)))
                .Select((v, k) => new[] { 2, 5, 7, 8, 11 }.Contains(k + 1) ? 5 - v : v)];
        }
        int[] youth = [44, 45, 44, 40, 43];
        int[] therapist = [45, 46, 46, 47, 46];
        for (var s = 1; s <= 5; s++)
        {
            (await PostAsync("ch-tasc", "TASC-R", Tasc(youth[s - 1]), Week(s), s))["score"]!["total"]!.GetValue<decimal>().ShouldBe(youth[s - 1]);
            await PostAsync("ch-tasc", "TASC-R", Tasc(therapist[s - 1]), Week(s).AddMinutes(5), s, "therapist");
        }
        var (doc, _) = await ChartAsync("ch-tasc", "TASC-R");
        doc.Root!.Element(Svg + "title")!.Value.ShouldBe("TASC-R: youth's and therapist's ratings");
        Texts(doc).ShouldContain("no published cut-off");
        Texts(doc).ShouldContain("therapist (TASC-T)");
        ((string?)Classed(doc, "series-therapist").Single().Attribute("stroke-dasharray")).ShouldNotBeNull();
        Session(Classed(doc, "discrepancy-mark").ShouldHaveSingleItem()).ShouldBe(4); // 47 - 40 = 7 >= 6
        ((string?)Classed(doc, "rupture").Single().Attribute("data-state")).ShouldBe("repaired");
    }
}
