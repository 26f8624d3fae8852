using static Feedback.Clinical.Instruments.CutoffComparison;

namespace Feedback.Clinical.Instruments;

/// <summary>
/// Catalogue v1 with the v1.1 additions (clinical.md sections 2-3). Every clinical number of an instrument lives here, once,
/// with its source, so that a revision is one line plus its citation.
/// </summary>
public static class Catalogue
{
    // Kroenke, Spitzer & Williams 2001 (bands); NHS Talking Therapies caseness > 9 and reliable change >= 6;
    // Kocalevent et al. 2013 population mean (women 3.1, men 2.7) -> 2.9.
    public static readonly Instrument Phq9 = new()
    {
        Code = "PHQ-9", Name = "Patient Health Questionnaire-9", Kind = InstrumentKind.Outcome,
        ItemCount = 9, ItemMin = 0, ItemMax = 3, Decimals = 0, Direction = Direction.HigherIsWorse, MaxMissing = 2,
        ClinicalCutoff = ClinicalCutoff.Same(AtOrAbove, 10), ReliableChangeIndex = 6, NonClinicalMean = AgeSpecific.Same(2.9m),
        SeverityBands = [new("minimal", 0, 4), new("mild", 5, 9), new("moderate", 10, 14), new("moderately_severe", 15, 19), new("severe", 20, 27)],
        RiskItems = [new(9, "thoughts of death or self-harm", RiskItemKind.SelfHarm)],
        License = new("(c) Pfizer, free to use without permission", LicenseStatus.Free),
    };

    // Spitzer et al. 2006 (bands); NHS Talking Therapies caseness > 7 and reliable change >= 4;
    // Lowe et al. 2008 population mean (women 3.2, men 2.7) -> 3.0.
    public static readonly Instrument Gad7 = new()
    {
        Code = "GAD-7", Name = "Generalized Anxiety Disorder-7", Kind = InstrumentKind.Outcome,
        ItemCount = 7, ItemMin = 0, ItemMax = 3, Decimals = 0, Direction = Direction.HigherIsWorse, MaxMissing = 1,
        ClinicalCutoff = ClinicalCutoff.Same(AtOrAbove, 8), ReliableChangeIndex = 4, NonClinicalMean = AgeSpecific.Same(3.0m),
        SeverityBands = [new("minimal", 0, 4), new("mild", 5, 9), new("moderate", 10, 14), new("severe", 15, 21)],
        License = new("(c) Pfizer, free to use without permission", LicenseStatus.Free),
    };

    // Barkham et al. 2013; Connell & Barkham 2007 manual: population mean 4.7, Jacobson-Truax cut-off 10.46 -> 11.
    public static readonly Instrument Core10 = new()
    {
        Code = "CORE-10", Name = "Clinical Outcomes in Routine Evaluation-10", Kind = InstrumentKind.Outcome,
        ItemCount = 10, ItemMin = 0, ItemMax = 4, Decimals = 0, Direction = Direction.HigherIsWorse, MaxMissing = 1,
        ReverseItems = [2, 3],
        ClinicalCutoff = ClinicalCutoff.Same(AtOrAbove, 11), ReliableChangeIndex = 6, NonClinicalMean = AgeSpecific.Same(4.7m),
        SeverityBands = [new("healthy", 0, 5), new("low", 6, 10), new("mild", 11, 14), new("moderate", 15, 19), new("moderately_severe", 20, 24), new("severe", 25, 40)],
        RiskItems = [new(6, "thoughts of ending one's life", RiskItemKind.SelfHarm)],
        License = new("free to copy, not to change", LicenseStatus.Free),
    };

    // Lambert et al., OQ-45.2 manual: cut-off 63/64, RCI 14, community mean about 45; subscales and
    // critical items (8 suicide, 11/26/32 substance use, 44 workplace violence) from the scoring sheet.
    public static readonly Instrument Oq452 = new()
    {
        Code = "OQ-45.2", Name = "Outcome Questionnaire-45.2", Kind = InstrumentKind.Outcome,
        ItemCount = 45, ItemMin = 0, ItemMax = 4, Decimals = 0, Direction = Direction.HigherIsWorse, MaxMissing = 4,
        ImputeMissingFromSubscale = true,
        ReverseItems = [1, 12, 13, 20, 21, 24, 31, 37, 43],
        Subscales =
        [
            new("SD", "Symptom Distress", [2, 3, 5, 6, 8, 9, 10, 11, 13, 15, 22, 23, 24, 25, 27, 29, 31, 33, 34, 35, 36, 40, 41, 42, 45]),
            new("IR", "Interpersonal Relations", [1, 7, 16, 17, 18, 19, 20, 26, 30, 37, 43]),
            new("SR", "Social Role", [4, 12, 14, 21, 28, 32, 38, 39, 44]),
        ],
        ClinicalCutoff = ClinicalCutoff.Same(AtOrAbove, 64), ReliableChangeIndex = 14, NonClinicalMean = AgeSpecific.Same(45.0m),
        SeverityBands = [new("non_clinical", 0, 63), new("clinical", 64, 180)],
        RiskItems =
        [
            new(8, "suicidal thoughts", RiskItemKind.SelfHarm),
            new(11, "alcohol use", RiskItemKind.Substance),
            new(26, "drug or alcohol use", RiskItemKind.Substance),
            new(32, "substance use at work or school", RiskItemKind.Substance),
            new(44, "anger toward others at work or school", RiskItemKind.Violence),
        ],
        License = new("commercial licence", LicenseStatus.Enable),
    };

    // ORS/SRS and their child forms: free for individual clinicians; organisations need a group licence, and
    // electronic tracking or prognosis products (such as this service) need the authors' licence.
    const string PcomsLicense =
        "free for individual clinicians; organisations need a group licence, and electronic tracking or prognosis products need the authors' licence";

    // Miller et al. 2003; Duncan 2012: cut-offs 25 adult / 28 adolescent / 32 child ("a score at or below 25 places the
    // client within the clinical range"), RCI 5, adult non-clinical mean about 28. No verified non-clinical means exist for
    // adolescents and children and 28 lies inside their clinical ranges, so their targets are max(28, cut-off + RCI/2)
    // = 30.5 and 34.5 (Feedback default, clinical.md v1.1 section 3).
    public static readonly Instrument Ors = new()
    {
        Code = "ORS", Name = "Outcome Rating Scale", Kind = InstrumentKind.Outcome,
        ItemCount = 4, ItemMin = 0, ItemMax = 10, Decimals = 1, Direction = Direction.HigherIsBetter, MaxMissing = 0,
        ClinicalCutoff = new(AtOrBelow, Adult: 25, Adolescent: 28, Child: 32), ReliableChangeIndex = 5,
        NonClinicalMean = new(Adult: 28.0m, Adolescent: 30.5m, Child: 34.5m),
        License = new(PcomsLicense, LicenseStatus.Enable),
    };

    // Duncan et al. 2003, Child Outcome Rating Scale (ages 6-12): scored like ORS with the child rules whatever the
    // client's stored age group (cut-off 32, target 34.5).
    public static readonly Instrument Cors = new()
    {
        Code = "CORS", Name = "Child Outcome Rating Scale", Kind = InstrumentKind.Outcome,
        ItemCount = 4, ItemMin = 0, ItemMax = 10, Decimals = 1, Direction = Direction.HigherIsBetter, MaxMissing = 0,
        ClinicalCutoff = ClinicalCutoff.Same(AtOrBelow, 32), ReliableChangeIndex = 5, NonClinicalMean = AgeSpecific.Same(34.5m),
        License = new(PcomsLicense, LicenseStatus.Enable),
    };

    // Topp et al. 2015: raw x 4 = percentage; <= 50 poor wellbeing, <= 28 likely depression; 10 points is a relevant change.
    public static readonly Instrument Who5 = new()
    {
        Code = "WHO-5", Name = "WHO-5 Well-Being Index", Kind = InstrumentKind.Outcome,
        ItemCount = 5, ItemMin = 0, ItemMax = 5, Decimals = 0, Direction = Direction.HigherIsBetter, MaxMissing = 0,
        TotalMultiplier = 4,
        ClinicalCutoff = ClinicalCutoff.Same(AtOrBelow, 50), ReliableChangeIndex = 10, NonClinicalMean = AgeSpecific.Same(70.0m),
        SeverityBands = [new("likely_depression", 0, 28), new("poor_wellbeing", 29, 50), new("adequate", 51, 100)],
        // WHO guidance: assess for depression when any item is answered 0 or 1.
        LowItemAlertAtOrBelow = 1,
        License = new("free to use", LicenseStatus.Free),
    };

    // Duncan et al. 2003, Session Rating Scale 3.0 (PCOMS).
    public static readonly Instrument Srs = new()
    {
        Code = "SRS", Name = "Session Rating Scale", Kind = InstrumentKind.Alliance,
        ItemCount = 4, ItemMin = 0, ItemMax = 10, Decimals = 1, Direction = Direction.HigherIsBetter, MaxMissing = 0,
        License = new(PcomsLicense, LicenseStatus.Enable),
    };

    // Duncan et al. 2003, Child Session Rating Scale: scored like SRS; its cut-off is not verified (no below_cutoff reason).
    public static readonly Instrument Csrs = new()
    {
        Code = "CSRS", Name = "Child Session Rating Scale", Kind = InstrumentKind.Alliance,
        ItemCount = 4, ItemMin = 0, ItemMax = 10, Decimals = 1, Direction = Direction.HigherIsBetter, MaxMissing = 0,
        License = new(PcomsLicense, LicenseStatus.Enable),
    };

    // Hatcher & Gillaspy 2006, Working Alliance Inventory - Short Revised: subscale sums.
    public static readonly Instrument WaiSr = new()
    {
        Code = "WAI-SR", Name = "Working Alliance Inventory - Short Revised", Kind = InstrumentKind.Alliance,
        ItemCount = 12, ItemMin = 1, ItemMax = 5, Decimals = 0, Direction = Direction.HigherIsBetter, MaxMissing = 1,
        Subscales = [new("goal", "Goal", [4, 6, 8, 11]), new("task", "Task", [1, 2, 10, 12]), new("bond", "Bond", [3, 5, 7, 9])],
        License = new("use with the copyright holders' permission", LicenseStatus.Enable),
        HasTherapistForm = true,
    };

    // Shirk & Saiz 1992 (construct); the revised 12-item scale, 1 "Not true" to 4 "Very much true", items 2, 5, 7, 8, 11
    // reversed, total 12-48, no cut-off (Blueprint scoring pages, youth and parent versions); therapist version TASC-T
    // (McLeod, Southam-Gerow & Kendall 2017), its reverse items taken as the youth form's (clinical.md v1.2 section 2, U).
    // maxMissing 1 is a Feedback default, as WAI-SR. No licence statement was found: the tenant attests its own.
    public static readonly Instrument TascR = new()
    {
        Code = "TASC-R", Name = "Therapeutic Alliance Scale for Children - Revised", Kind = InstrumentKind.Alliance,
        ItemCount = 12, ItemMin = 1, ItemMax = 4, Decimals = 0, Direction = Direction.HigherIsBetter, MaxMissing = 1,
        ReverseItems = [2, 5, 7, 8, 11],
        License = new("not verified by Feedback; the tenant attests its own permission", LicenseStatus.Required),
        HasTherapistForm = true,
        // Used with 7-15-year-olds (McLeod et al. 2017; Creed & Kendall 2005), offered for 10-17 (Blueprint) or 12-18 (Greenspace).
        IntendedAges = "7-17",
        Note = "McLeod et al. 2017 found that child-report TASC scores converged with observer and therapist ratings for "
            + "adolescents (11 and older) but not for younger children; no rule treats a young child's TASC-R differently.",
    };

    public static readonly IReadOnlyList<Instrument> All = [Phq9, Gad7, Core10, Oq452, Ors, Who5, Srs, WaiSr, Cors, Csrs, TascR];

    static readonly Dictionary<string, Instrument> ByCode = All.ToDictionary(i => i.Code, StringComparer.Ordinal);

    /// <summary>Codes are exact and case-sensitive (api.md).</summary>
    public static bool Exists(string? code) => code is not null && ByCode.ContainsKey(code);

    public static Instrument Get(string code) => ByCode[code];

    public static Instrument? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var i) ? i : null;

    public static IEnumerable<string> EnabledByDefault => All.Where(i => !i.License.RequiresEnablement).Select(i => i.Code);

    /// <summary>The instruments a therapist may rate (their therapist forms), for messages: "WAI-SR and TASC-R".</summary>
    public static string WithTherapistForm => string.Join(" and ", All.Where(i => i.HasTherapistForm).Select(i => i.Code));
}
