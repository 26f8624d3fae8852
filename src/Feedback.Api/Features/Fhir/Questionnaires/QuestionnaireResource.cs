using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.Questionnaires;

/// <summary>
/// One Questionnaire per catalogue instrument (interop.md 1.4): flat items whose linkId is the item number, LOINC item and
/// answer codes for PHQ-9 and GAD-7, neutral labels and min/max extensions elsewhere; no licensed wording.
/// </summary>
static class QuestionnaireResource
{
    /// <summary>Bumped when items or scoring change; a response naming another version is refused.</summary>
    public const string Version = "1";

    public static string Canonical(string canonical, Instrument instrument) => FhirCodes.QuestionnaireUrl(canonical, instrument.Code);

    public static R4.Questionnaire For(Instrument instrument, string canonical)
    {
        var panel = Loinc.PanelOf(instrument.Code);
        var measure = FhirCodes.System(canonical, FhirCodes.Measure);
        var q = new R4.Questionnaire
        {
            Id = instrument.Code, Url = Canonical(canonical, instrument), Version = Version,
            Name = new string(instrument.Code.Where(char.IsLetterOrDigit).ToArray()), Title = instrument.Name,
            Status = R4.PublicationStatus.Active, SubjectType = [R4.ResourceType.Patient], Publisher = "Feedback",
            Copyright = $"{instrument.Code}: {instrument.License.Terms}. " + (panel is null
                ? "Item wording is not reproduced by Feedback."
                : "Copyright Pfizer Inc.; no permission required to reproduce, translate, display or distribute."),
        };
        if (panel is not null) q.Code.Add(new R4.Coding(FhirCodes.Loinc, panel.PanelCode));
        q.Code.Add(new R4.Coding(measure, instrument.Code));
        for (var n = 1; n <= instrument.ItemCount; n++)
            q.Item.Add(panel is null ? Neutral(instrument, n, measure) : Coded(panel, n, measure, instrument.Code));
        return q;
    }

    static R4.Questionnaire.ItemComponent Coded(Loinc.Panel panel, int n, string measure, string code)
    {
        var loinc = panel.Items[n - 1];
        var item = Item(n, R4.Questionnaire.QuestionnaireItemType.Choice, required: false, loinc.Display);
        item.Code.Add(new R4.Coding(FhirCodes.Loinc, loinc.Code));
        item.Code.Add(new R4.Coding(measure, $"{code}:{n}"));
        foreach (var answer in Loinc.Answers)
        {
            var coding = new R4.Coding(FhirCodes.Loinc, answer.Code, answer.Display);
            coding.Extension.Add(new R4.Extension(FhirCodes.OrdinalValue, new R4.FhirDecimal(answer.Value)));
            item.AnswerOption.Add(new R4.Questionnaire.AnswerOptionComponent { Value = coding });
        }
        return item;
    }

    static R4.Questionnaire.ItemComponent Neutral(Instrument instrument, int n, string measure)
    {
        var decimals = instrument.Decimals > 0;
        var item = Item(n, decimals ? R4.Questionnaire.QuestionnaireItemType.Decimal : R4.Questionnaire.QuestionnaireItemType.Integer,
            required: instrument.MaxMissing == 0, $"Item {n}");
        item.Code.Add(new R4.Coding(measure, $"{instrument.Code}:{n}"));
        if (decimals)
        {
            item.Extension.Add(new R4.Extension(FhirCodes.MinValue, new R4.FhirDecimal(instrument.ItemMin + 0.0m)));
            item.Extension.Add(new R4.Extension(FhirCodes.MaxValue, new R4.FhirDecimal(instrument.ItemMax + 0.0m)));
            item.Extension.Add(new R4.Extension(FhirCodes.MaxDecimalPlaces, new R4.Integer(instrument.Decimals)));
        }
        else
        {
            item.Extension.Add(new R4.Extension(FhirCodes.MinValue, new R4.Integer(instrument.ItemMin)));
            item.Extension.Add(new R4.Extension(FhirCodes.MaxValue, new R4.Integer(instrument.ItemMax)));
        }
        return item;
    }

    static R4.Questionnaire.ItemComponent Item(int n, R4.Questionnaire.QuestionnaireItemType type, bool required, string text) => new()
    {
        LinkId = n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Prefix = n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Type = type, Required = required, Text = text,
    };
}
