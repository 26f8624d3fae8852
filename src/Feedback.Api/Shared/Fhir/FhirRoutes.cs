namespace Feedback.Api.Shared.Fhir;

/// <summary>Route templates of the FHIR R4 facade (interop.md section 1), shared by the endpoints and the tests.</summary>
static class FhirRoutes
{
    public const string Base = "fhir/r4";
    public const string BasePath = "/fhir/r4";
    public const string Metadata = "fhir/r4/metadata";
    public const string Questionnaires = "fhir/r4/Questionnaire";
    public const string Questionnaire = "fhir/r4/Questionnaire/{id}";
    public const string QuestionnaireResponses = "fhir/r4/QuestionnaireResponse";
    public const string QuestionnaireResponse = "fhir/r4/QuestionnaireResponse/{id}";
    public const string Observations = "fhir/r4/Observation";
    public const string Observation = "fhir/r4/Observation/{id}";
    public const string Flags = "fhir/r4/Flag";
    public const string Flag = "fhir/r4/Flag/{id}";
    public const string SearchParameter = "fhir/r4/SearchParameter/{id}";
    /// <summary>Anything else under the base: a type or interaction not served (404, or 405 for a write).</summary>
    public const string Unserved = "fhir/r4/{**rest}";

    public static bool IsFhir(PathString path) => path.StartsWithSegments(BasePath, StringComparison.Ordinal);
}
