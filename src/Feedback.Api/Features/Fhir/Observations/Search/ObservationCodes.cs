namespace Feedback.Api.Features.Fhir.Observations.Search;

/// <summary>
/// The `code` token of an Observation search (interop.md 1.6): http://loinc.org|44261-6, {C}/CodeSystem/measure|PHQ-9:total,
/// or a bare code of either; the instrument and part (total or subscale) it names, or null when it names none of ours.
/// </summary>
static class ObservationCodes
{
    public static (string Instrument, string Part)? Parse(string token, string canonical)
    {
        var parts = token.Split('|', 2);
        var (system, code) = parts.Length == 2 ? (parts[0], parts[1]) : (null, parts[0]);
        var measure = FhirCodes.System(canonical, FhirCodes.Measure);
        if (system is null or FhirCodes.Loinc && Loinc.InstrumentOfTotal(code) is { } byLoinc)
            return (byLoinc, ObservationResource.Total);
        if (system is not null && system != measure) return null;
        if (code.Split(':') is [var instrument, var part] && Catalogue.Find(instrument) is { } found
            && ObservationResource.PartsOf(found).Contains(part))
            return (found.Code, part);
        return null;
    }
}
