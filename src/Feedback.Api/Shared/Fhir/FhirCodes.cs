namespace Feedback.Api.Shared.Fhir;

/// <summary>The code systems, identifier systems and extensions under the canonical base {C} (interop.md 1.2).</summary>
static class FhirCodes
{
    public const string Measure = "measure";
    public const string Severity = "severity";
    public const string ProgressStatus = "progress-status";
    public const string ReliableChange = "reliable-change";
    public const string AlertKind = "alert-kind";
    /// <summary>support-v1's suggestion codes (clinical.md section 11).</summary>
    public const string SupportSuggestion = "support-suggestion";
    public const string AlertPriority = "alert-priority";
    public const string AllianceReason = "alliance-reason";
    public const string Issue = "issue";

    public const string SessionNumber = "session-number";
    public const string EpisodeId = "episode-id";
    public const string Rater = "rater";
    public const string Trajectory = "trajectory";
    public const string Alliance = "alliance";
    public const string Alert = "alert";

    public static string System(string canonical, string codeSystem) => $"{canonical}/CodeSystem/{codeSystem}";
    public static string Extension(string canonical, string name) => $"{canonical}/StructureDefinition/{name}";
    public static string ClientIdSystem(string canonical) => $"{canonical}/sid/client-id";
    public static string ClinicianIdSystem(string canonical) => $"{canonical}/sid/clinician-id";
    public static string QuestionnaireUrl(string canonical, string code) => $"{canonical}/Questionnaire/{code}";
    public const string FlagStatusParameterId = "Flag-status";
    public static string FlagStatusParameter(string canonical) => $"{canonical}/SearchParameter/{FlagStatusParameterId}";

    public const string Loinc = "http://loinc.org";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string ObservationInterpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public const string FlagCategory = "http://terminology.hl7.org/CodeSystem/flag-category";
    public const string DataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string OrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    public const string MinValue = "http://hl7.org/fhir/StructureDefinition/minValue";
    public const string MaxValue = "http://hl7.org/fhir/StructureDefinition/maxValue";
    public const string MaxDecimalPlaces = "http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces";
    public const string FlagPriority = "http://hl7.org/fhir/StructureDefinition/flag-priority";
    public const string FlagPriorityCodes = "http://hl7.org/fhir/flag-priority-code";
    public const string FlagDetail = "http://hl7.org/fhir/StructureDefinition/flag-detail";
}
