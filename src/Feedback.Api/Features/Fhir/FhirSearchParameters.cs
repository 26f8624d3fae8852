using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir;

/// <summary>
/// The search parameters of each served type (interop.md 1.3-1.7). Each search parses its query against this table and
/// the CapabilityStatement declares it, so what is declared and what is served cannot drift.
/// </summary>
static class FhirSearchParameters
{
    /// <summary>A parameter; <paramref name="Modifiers"/> are the `name:modifier` forms it also takes.</summary>
    public sealed record Parameter(string Name, R4.SearchParamType Type, string Documentation, params string[] Modifiers)
    {
        public IEnumerable<string> Forms => Modifiers.Select(m => $"{Name}:{m}").Prepend(Name);
    }

    const string ClientForms = "Patient/<clientId> or <clientId>; with :identifier, <system>|<clientId> of the client-id system or the tenant's own.";

    public static readonly Parameter Subject = new("subject", R4.SearchParamType.Reference, "The client: " + ClientForms, "identifier");
    public static readonly Parameter Patient = new("patient", R4.SearchParamType.Reference, "The client, as subject: " + ClientForms, "identifier");
    public static readonly Parameter Count = new(FhirSearch.Count, R4.SearchParamType.Number, $"Page size, 1 to {Pages.MaxLimit} (default {Pages.DefaultLimit}).");
    public static readonly Parameter Sort = new(FhirSearch.Sort, R4.SearchParamType.String, "-date (newest first, the default) or date.");
    public static readonly Parameter DerivedFrom = new("derived-from", R4.SearchParamType.Reference, "QuestionnaireResponse/<id>: the Observations scored from one response.");

    public static readonly IReadOnlyDictionary<string, Parameter[]> ByType = new Dictionary<string, Parameter[]>(StringComparer.Ordinal)
    {
        ["Questionnaire"] = [new("url", R4.SearchParamType.Uri, "The instrument's canonical URL, optionally followed by |version."), Count],
        ["QuestionnaireResponse"] =
        [
            Subject, Patient,
            new("identifier", R4.SearchParamType.Token, "<system>|<value> of the response's identifier (|<value> for one sent without a system)."),
            Count,
        ],
        ["Observation"] =
        [
            Subject, Patient,
            new("code", R4.SearchParamType.Token, "One code: a measure code (PHQ-9:total, OQ-45.2:SD) or a LOINC code, with or without its system."),
            new("category", R4.SearchParamType.Token, "survey (every Observation served is one)."),
            new("date", R4.SearchParamType.Date, "eq, ge, gt, le or lt and a date or dateTime with a time zone, at most twice."),
            DerivedFrom, Sort, Count,
        ],
        ["Flag"] =
        [
            Subject, Patient,
            new("status", R4.SearchParamType.Token, "active, inactive, or both separated by a comma (the default)."),
            Count,
        ],
    };

    /// <summary>Every form the search of <paramref name="type"/> takes (names and name:modifier).</summary>
    public static IReadOnlyCollection<string> FormsOf(string type) => [.. ByType[type].SelectMany(p => p.Forms)];

    /// <summary>Where a parameter is ours rather than R4's, its definition (interop.md 1.2).</summary>
    public static string? DefinitionOf(string type, Parameter parameter, string canonical) =>
        type == "Flag" && parameter.Name == "status" ? FhirCodes.FlagStatusParameter(canonical) : null;
}
