using System.Text.Json;
using Feedback.Data.Alerts;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.Flags;

/// <summary>
/// An alert as a Flag (interop.md 1.7): R4's prospective warning about a patient that stays active until dealt with.
/// open is active; acknowledged and resolved are inactive, the period ending when that happened.
/// </summary>
static class FlagResource
{
    public static R4.Flag From(AlertRow a, string canonical)
    {
        var flag = new R4.Flag
        {
            Id = a.Id,
            Status = a.Status == AlertStatuses.Open ? R4.Flag.FlagStatus.Active : R4.Flag.FlagStatus.Inactive,
            Category = [new R4.CodeableConcept(FhirCodes.FlagCategory, "clinical")],
            Code = new R4.CodeableConcept(FhirCodes.System(canonical, FhirCodes.AlertKind), a.Kind) { Text = a.Message },
            Subject = FhirReferences.Patient(a.ClientId, canonical),
            Period = new R4.Period
            {
                Start = FhirReferences.Instant(a.CreatedAt),
                End = (a.AcknowledgedAt ?? a.ResolvedAt) is { } end ? FhirReferences.Instant(end) : null,
            },
            Author = new R4.ResourceReference { Type = "Device", Display = $"Feedback {a.RulesVersion}" },
        };
        var priority = new R4.CodeableConcept(FhirCodes.FlagPriorityCodes, a.Priority switch { "urgent" => "PH", "high" => "PM", _ => "PL" });
        priority.Coding.Add(new R4.Coding(FhirCodes.System(canonical, FhirCodes.AlertPriority), a.Priority));
        flag.Extension.Add(new R4.Extension(FhirCodes.FlagPriority, priority));
        flag.Extension.Add(new R4.Extension(FhirCodes.FlagDetail, new R4.ResourceReference($"QuestionnaireResponse/{a.AdministrationId}")));
        var alert = new R4.Extension { Url = FhirCodes.Extension(canonical, FhirCodes.Alert) };
        alert.Extension.Add(new R4.Extension("status", new R4.Code(a.Status)));
        alert.Extension.Add(new R4.Extension("instrument", new R4.Code(a.Instrument)));
        if (a.Item is { } item) alert.Extension.Add(new R4.Extension("item", new R4.Integer(item)));
        alert.Extension.Add(new R4.Extension("episodeId", new R4.FhirString(a.EpisodeId)));
        if (a.AcknowledgedBy is { } by) alert.Extension.Add(new R4.Extension("acknowledgedBy", new R4.FhirString(by)));
        if (a.Note is { } note) alert.Extension.Add(new R4.Extension("note", new R4.FhirString(note)));
        alert.Extension.Add(new R4.Extension("rulesVersion", new R4.FhirString(a.RulesVersion)));
        alert.Extension.Add(new R4.Extension("imported", new R4.FhirBoolean(a.Imported)));
        AddV12(alert, a, canonical);
        flag.Extension.Add(alert);
        return flag;
    }

    /// <summary>
    /// clinical.md v1.2: where the alert was raised (the clinic's session number, its place in the series), why (reasons),
    /// and support-v1's suggestions in order, each a Coding of {C}/CodeSystem/support-suggestion whose display is the fixed
    /// text. R4's Flag has no note element, so they are sub-extensions of the alert extension (docs/fhir.md).
    /// </summary>
    static void AddV12(R4.Extension alert, AlertRow a, string canonical)
    {
        if (a.SessionNumber is { } session) alert.Extension.Add(new R4.Extension("sessionNumber", new R4.Integer(session)));
        if (a.AdministrationOrdinal is { } ordinal) alert.Extension.Add(new R4.Extension("administrationOrdinal", new R4.Integer(ordinal)));
        if (a.ReasonsJson is not null)
            foreach (var reason in JsonSerializer.Deserialize<string[]>(a.ReasonsJson)!)
                alert.Extension.Add(new R4.Extension("reason", new R4.Code(reason)));
        if (a.SuggestionsJson is null) return;
        foreach (var s in JsonDocument.Parse(a.SuggestionsJson).RootElement.EnumerateArray())
            alert.Extension.Add(new R4.Extension("suggestion",
                new R4.Coding(FhirCodes.System(canonical, FhirCodes.SupportSuggestion), s.GetProperty("code").GetString(), s.GetProperty("text").GetString())));
        alert.Extension.Add(new R4.Extension("suggestionsVersion", new R4.FhirString(a.SuggestionsVersion)));
    }
}
