namespace Feedback.Clinical.Tests.Spec;

/// <summary>The catalogue against clinical.md section 2, row by row: shape, licence terms, enablement, risk screening.</summary>
public sealed class CatalogueTable
{
    public static TheoryData<string> Codes() => [.. SpecInstrument.All.Select(i => i.Code)];

    [Fact]
    public void The_catalogue_holds_exactly_the_eleven_instruments_of_section_2_in_order() =>
        Catalogue.All.Select(i => i.Code).ShouldBe(["PHQ-9", "GAD-7", "CORE-10", "OQ-45.2", "ORS", "WHO-5", "SRS", "WAI-SR", "CORS", "CSRS", "TASC-R"]);

    [Theory, MemberData(nameof(Codes))]
    public void Each_instrument_has_the_shape_of_its_row(string code)
    {
        var spec = SpecInstrument.Of(code);
        var i = Catalogue.Get(code);
        (i.ItemCount, i.ItemMin, i.ItemMax, i.Decimals, i.TotalMultiplier).ShouldBe((spec.Items, spec.ItemMin, spec.ItemMax, spec.Decimals, spec.Multiplier));
        i.ReverseItems.ShouldBe(spec.Reverse);
        i.Kind.ShouldBe(code is "SRS" or "WAI-SR" or "CSRS" or "TASC-R" ? InstrumentKind.Alliance : InstrumentKind.Outcome);
        i.Direction.ShouldBe(code is "PHQ-9" or "GAD-7" or "CORE-10" or "OQ-45.2" ? Direction.HigherIsWorse : Direction.HigherIsBetter);
        (i.TotalMin, i.TotalMax).ShouldBe((spec.ItemMin * spec.Items * spec.Multiplier, spec.ItemMax * spec.Items * spec.Multiplier));
        Catalogue.Exists(code).ShouldBeTrue();
        Catalogue.Find(code).ShouldBeSameAs(i);
    }

    [Theory]
    // maxMissing: PHQ-9 2, GAD-7 1, CORE-10 1, OQ-45.2 4, WHO-5 0, ORS 0, SRS 0, CORS 0, CSRS 0, WAI-SR 1
    [InlineData("PHQ-9", 2), InlineData("GAD-7", 1), InlineData("CORE-10", 1), InlineData("OQ-45.2", 4), InlineData("WHO-5", 0)]
    [InlineData("ORS", 0), InlineData("SRS", 0), InlineData("CORS", 0), InlineData("CSRS", 0), InlineData("WAI-SR", 1), InlineData("TASC-R", 1)]
    public void Missing_items_allowed(string code, int maxMissing) => Catalogue.Get(code).MaxMissing.ShouldBe(maxMissing);

    [Theory]
    [InlineData("PHQ-9", "(c) Pfizer, free to use without permission", LicenseStatus.Free)]
    [InlineData("GAD-7", "(c) Pfizer, free to use without permission", LicenseStatus.Free)]
    [InlineData("WHO-5", "free to use", LicenseStatus.Free)]
    [InlineData("CORE-10", "free to copy, not to change", LicenseStatus.Free)]
    [InlineData("WAI-SR", "use with the copyright holders' permission", LicenseStatus.Enable)]
    [InlineData("OQ-45.2", "commercial licence", LicenseStatus.Enable)]
    [InlineData("ORS", Pcoms, LicenseStatus.Enable), InlineData("SRS", Pcoms, LicenseStatus.Enable)]
    [InlineData("CORS", Pcoms, LicenseStatus.Enable), InlineData("CSRS", Pcoms, LicenseStatus.Enable)]
    [InlineData("TASC-R", "not verified by Feedback; the tenant attests its own permission", LicenseStatus.Required)]
    public void Licensing_as_data(string code, string terms, LicenseStatus status)
    {
        Catalogue.Get(code).License.ShouldBe(new License(terms, status));
        Catalogue.EnabledByDefault.Contains(code).ShouldBe(status == LicenseStatus.Free);
    }

    const string Pcoms = "free for individual clinicians; organisations need a group licence, and electronic tracking or prognosis products need the authors' licence";

    [Theory, MemberData(nameof(Codes))]
    public void Risk_screening_and_the_therapist_form(string code)
    {
        var i = Catalogue.Get(code);
        i.ScreensForRisk.ShouldBe(code is "PHQ-9" or "CORE-10" or "OQ-45.2");
        i.HasTherapistForm.ShouldBe(code is "WAI-SR" or "TASC-R");
        i.LowItemAlertAtOrBelow.ShouldBe(code == "WHO-5" ? 1 : null);
    }

    [Fact]
    public void Subscales_of_section_2()
    {
        static IEnumerable<string> Of(Instrument i) => i.Subscales.Select(s => $"{s.Code} {s.Name}: {string.Join(",", s.Items)}");
        Of(Catalogue.Oq452).ShouldBe(
        [
            "SD Symptom Distress: 2,3,5,6,8,9,10,11,13,15,22,23,24,25,27,29,31,33,34,35,36,40,41,42,45",
            "IR Interpersonal Relations: 1,7,16,17,18,19,20,26,30,37,43",
            "SR Social Role: 4,12,14,21,28,32,38,39,44",
        ]);
        Of(Catalogue.WaiSr).ShouldBe(["goal Goal: 4,6,8,11", "task Task: 1,2,10,12", "bond Bond: 3,5,7,9"]);
        Catalogue.All.Where(i => i != Catalogue.Oq452 && i != Catalogue.WaiSr).ShouldAllBe(i => i.Subscales.Count == 0);
    }

    [Fact]
    public void Names_and_risk_item_labels_are_neutral_and_stable()
    {
        Catalogue.All.Select(i => i.Name).ShouldBe(
        [
            "Patient Health Questionnaire-9", "Generalized Anxiety Disorder-7", "Clinical Outcomes in Routine Evaluation-10",
            "Outcome Questionnaire-45.2", "Outcome Rating Scale", "WHO-5 Well-Being Index", "Session Rating Scale",
            "Working Alliance Inventory - Short Revised", "Child Outcome Rating Scale", "Child Session Rating Scale",
            "Therapeutic Alliance Scale for Children - Revised",
        ]);
        Catalogue.All.SelectMany(i => i.RiskItems.Select(r => (i.Code, r.Item, r.Topic, r.Kind))).ShouldBe(
        [
            ("PHQ-9", 9, "thoughts of death or self-harm", RiskItemKind.SelfHarm),
            ("CORE-10", 6, "thoughts of ending one's life", RiskItemKind.SelfHarm),
            ("OQ-45.2", 8, "suicidal thoughts", RiskItemKind.SelfHarm),
            ("OQ-45.2", 11, "alcohol use", RiskItemKind.Substance),
            ("OQ-45.2", 26, "drug or alcohol use", RiskItemKind.Substance),
            ("OQ-45.2", 32, "substance use at work or school", RiskItemKind.Substance),
            ("OQ-45.2", 44, "anger toward others at work or school", RiskItemKind.Violence),
        ]);
    }

    [Fact]
    public void Unknown_codes_are_not_in_the_catalogue_and_codes_are_case_sensitive()
    {
        Catalogue.Exists("phq-9").ShouldBeFalse();
        Catalogue.Exists(null).ShouldBeFalse();
        Catalogue.Find("PHQ9").ShouldBeNull();
        Catalogue.Find(null).ShouldBeNull();
    }

    [Theory]
    [InlineData("PHQ-9", "PHQ-9 takes 9 items, each a whole number 0-3 or null when unanswered (at most 2 unanswered).")]
    [InlineData("ORS", "ORS takes 4 items, each 0-10 with at most 1 decimal (at most 0 unanswered).")]
    public void The_item_rule_an_integrator_reads_in_a_400(string code, string rule) => Catalogue.Get(code).ItemRule.ShouldBe(rule);
}
