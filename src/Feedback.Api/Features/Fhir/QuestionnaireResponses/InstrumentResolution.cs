using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.QuestionnaireResponses;

/// <summary>
/// Which instrument a QuestionnaireResponse answers and which item each linkId is (interop.md 1.5), first rule that
/// applies: (1) our canonical, (2) a contained Questionnaire with item codes, (3) LOINC item codes as linkIds, (4) none.
/// </summary>
sealed class InstrumentResolution
{
    public required Instrument Instrument { get; init; }
    /// <summary>linkId -> item number (1-based); a linkId mapped to 0 is the instrument's total, ignored (ours wins).</summary>
    public required IReadOnlyDictionary<string, int> Items { get; init; }
    public const int Total = 0;

    public static (InstrumentResolution? Resolution, FhirIssue? Issue) Resolve(R4.QuestionnaireResponse qr, IReadOnlyList<string> linkIds, string canonical)
    {
        var questionnaire = qr.Questionnaire;
        var ourPrefix = FhirCodes.QuestionnaireUrl(canonical, "");
        if (questionnaire is not null && questionnaire.StartsWith(ourPrefix, StringComparison.Ordinal))
            return ByCanonical(questionnaire[ourPrefix.Length..]);
        if (questionnaire is ['#', .. var containedId])
            return ByContained(qr, containedId, canonical);
        return ByLoincLinkIds(linkIds, canonical, questionnaire is not null);
    }

    static (InstrumentResolution?, FhirIssue?) ByCanonical(string codeAndVersion)
    {
        var parts = codeAndVersion.Split('|', 2);
        if (Catalogue.Find(parts[0]) is not { } instrument)
            return (null, Issue("code-invalid", $"{parts[0]} is not an instrument of this server (see GET /fhir/r4/Questionnaire).", "unknown-instrument"));
        if (parts.Length == 2 && parts[1] != Questionnaires.QuestionnaireResource.Version)
            return (null, Issue("business-rule", $"Version {parts[1]} of {instrument.Code} is not served; the current version is {Questionnaires.QuestionnaireResource.Version}.", "unknown-version"));
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 1; n <= instrument.ItemCount; n++) items[n.ToString(System.Globalization.CultureInfo.InvariantCulture)] = n;
        AddLoinc(items, instrument.Code);
        return (new InstrumentResolution { Instrument = instrument, Items = items }, null);
    }

    static (InstrumentResolution?, FhirIssue?) ByContained(R4.QuestionnaireResponse qr, string id, string canonical)
    {
        var index = qr.Contained.FindIndex(r => r is R4.Questionnaire && r.Id == id);
        if (index < 0)
            return (null, Issue("required", $"questionnaire names #{id}, but no contained Questionnaire has that id.", "unknown-instrument"));
        var contained = (R4.Questionnaire)qr.Contained[index];
        var measure = FhirCodes.System(canonical, FhirCodes.Measure);
        var code = contained.Code.Select(c => c.System == measure ? c.Code : c.System == FhirCodes.Loinc ? Loinc.InstrumentOfPanel(c.Code ?? "") : null)
            .FirstOrDefault(c => c is not null && Catalogue.Exists(c));
        if (code is null)
            return (null, new FhirIssue("code-invalid", $"The contained Questionnaire's code names no instrument of this server; use {measure}|<code> or a LOINC panel code.",
                $"QuestionnaireResponse.contained[{index}]", "unknown-instrument"));
        var instrument = Catalogue.Get(code);
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in Flatten(contained.Item))
            if (item.LinkId is { } linkId && ItemOf(item.Code, instrument.Code, measure) is { } n)
                items[linkId] = n;
        return (new InstrumentResolution { Instrument = instrument, Items = items }, null);
    }

    static (InstrumentResolution?, FhirIssue?) ByLoincLinkIds(IReadOnlyList<string> linkIds, string canonical, bool hasQuestionnaire)
    {
        var instruments = linkIds.Select(l => Strip(l)).Select(l => Loinc.FindItem(l)?.Instrument ?? Loinc.InstrumentOfTotal(l))
            .OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        if (instruments.Count > 1)
            return (null, new FhirIssue("business-rule", $"The linkIds are LOINC items of more than one instrument ({string.Join(", ", instruments)}); send one instrument per QuestionnaireResponse.",
                "QuestionnaireResponse.item", "mixed-instruments"));
        if (instruments.Count == 0)
            return (null, new FhirIssue("business-rule",
                $"Cannot tell which instrument this is; use {canonical}/Questionnaire/<code>, a contained Questionnaire with item codes, or LOINC item codes as linkIds.",
                hasQuestionnaire ? "QuestionnaireResponse.questionnaire" : "QuestionnaireResponse", "unknown-instrument"));
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        AddLoinc(items, instruments[0]);
        return (new InstrumentResolution { Instrument = Catalogue.Get(instruments[0]), Items = items }, null);
    }

    // LOINC item codes as linkIds, bare (PHR style) or with US Core's leading '/'; the LOINC total is ignored.
    static void AddLoinc(Dictionary<string, int> items, string instrument)
    {
        if (Loinc.PanelOf(instrument) is not { } panel) return;
        for (var i = 0; i < panel.Items.Count; i++)
        {
            items[panel.Items[i].Code] = i + 1;
            items["/" + panel.Items[i].Code] = i + 1;
        }
        items[panel.TotalCode] = Total;
        items["/" + panel.TotalCode] = Total;
    }

    static int? ItemOf(List<R4.Coding> codes, string instrument, string measure)
    {
        foreach (var c in codes)
        {
            if (c.System == measure && c.Code is { } code && code.StartsWith(instrument + ":", StringComparison.Ordinal))
            {
                var rest = code[(instrument.Length + 1)..];
                if (rest == "total") return Total;
                if (int.TryParse(rest, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                    && n >= 1 && n <= Catalogue.Get(instrument).ItemCount) return n;
            }
            if (c.System == FhirCodes.Loinc && c.Code is { } loinc)
            {
                if (Loinc.FindItem(loinc) is { } found && found.Instrument == instrument) return found.Item;
                if (Loinc.InstrumentOfTotal(loinc) == instrument) return Total;
            }
        }
        return null;
    }

    static IEnumerable<R4.Questionnaire.ItemComponent> Flatten(IEnumerable<R4.Questionnaire.ItemComponent> items) =>
        items.SelectMany(i => Flatten(i.Item).Prepend(i));

    static string Strip(string linkId) => linkId.StartsWith('/') ? linkId[1..] : linkId;

    static FhirIssue Issue(string code, string diagnostics, string errorCode) =>
        new(code, diagnostics, "QuestionnaireResponse.questionnaire", errorCode);
}
