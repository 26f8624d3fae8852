using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.QuestionnaireResponses;

/// <summary>The answered items of a response as the REST item list, each answer converted by interop.md 1.5's table.</summary>
sealed partial class ResponseMapper
{
    List<decimal?> Items(InstrumentResolution resolution, IReadOnlyList<FlatItem> answered)
    {
        var instrument = resolution.Instrument;
        var items = Enumerable.Repeat<decimal?>(null, instrument.ItemCount).ToList();
        var seen = new HashSet<int>();
        foreach (var item in answered)
        {
            if (!resolution.Items.TryGetValue(item.LinkId, out var n))
            {
                issues.Add(new("business-rule", $"linkId '{item.LinkId}' is not an item of {instrument.Code}; use the linkIds of {canonical}/Questionnaire/{instrument.Code}.",
                    item.Path, "unknown-item"));
                continue;
            }
            if (n == InstrumentResolution.Total)
            {
                notes.Add(new("informational", $"linkId '{item.LinkId}' is the {instrument.Code} total; it was ignored (the server scores the items).",
                    item.Path, "total-ignored", R4.OperationOutcome.IssueSeverity.Information));
                continue;
            }
            if (!seen.Add(n))
            {
                issues.Add(new("business-rule", $"{instrument.Code} item {n} is answered more than once.", item.Path, "duplicate-item"));
                continue;
            }
            if (item.Answers.Count > 1)
            {
                issues.Add(new("business-rule", $"{instrument.Code} item {n} has {item.Answers.Count} answers; one is allowed.", $"{item.Path}.answer[1]", "too-many-answers"));
                continue;
            }
            var value = item.Answers[0].Value;
            var path = $"{item.Path}.answer[0].value" + value switch
            {
                R4.Coding => ".ofType(Coding)", R4.Integer => ".ofType(integer)", R4.FhirDecimal => ".ofType(decimal)", _ => "",
            };
            sources[$"items[{n - 1}]"] = path;
            items[n - 1] = AnswerValue(instrument, n, value, path);
        }
        return items;
    }

    decimal? AnswerValue(Instrument instrument, int n, R4.DataType? value, string path)
    {
        var loinc = Loinc.PanelOf(instrument.Code) is not null;
        var choices = loinc ? $"use {string.Join(", ", Loinc.Answers.Select(a => a.Code).SkipLast(1))} or {Loinc.Answers[^1].Code}, or valueInteger {instrument.ItemMin}-{instrument.ItemMax}."
            : $"use value{(instrument.Decimals > 0 ? "Decimal" : "Integer")} {instrument.ItemMin}-{instrument.ItemMax}.";
        switch (value)
        {
            case R4.Integer { Value: { } i }: return i;
            case R4.FhirDecimal { Value: { } d }: return d;
            case R4.Coding { System: FhirCodes.DataAbsentReason, Code: "asked-declined" }: return null;
            case R4.Coding { System: FhirCodes.Loinc } c when Loinc.FindAnswer(c.Code ?? "") is { } answer:
                if (loinc) return answer.Value;
                issues.Add(new("code-invalid", $"{instrument.Code} item {n}: LOINC answer codes are for PHQ-9 and GAD-7; {choices}", path, "answer-not-allowed"));
                return null;
            case R4.Coding c when c.Extension.FirstOrDefault(e => e.Url == FhirCodes.OrdinalValue)?.Value is R4.FhirDecimal { Value: { } ordinal }:
                return ordinal;
            case R4.Coding c:
                issues.Add(new(loinc ? "value" : "code-invalid", $"{instrument.Code} item {n}: {c.Code} is not an answer of this item; {choices}", path, "answer-out-of-range"));
                return null;
            default:
                issues.Add(new("value", $"{instrument.Code} item {n}: a {value?.TypeName ?? "missing"} answer cannot be scored; {choices}", path, "answer-not-allowed"));
                return null;
        }
    }
}
