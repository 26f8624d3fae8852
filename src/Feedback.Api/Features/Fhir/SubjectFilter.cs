namespace Feedback.Api.Features.Fhir;

/// <summary>
/// The client a search names (interop.md 1.6): `subject` or `patient` as Patient/&lt;clientId&gt; or &lt;clientId&gt;, or
/// `subject:identifier` / `patient:identifier` as &lt;system&gt;|&lt;value&gt; of the client-id system or the tenant's own.
/// </summary>
static class SubjectFilter
{
    public static readonly string[] Parameters = [.. FhirSearchParameters.Subject.Forms, .. FhirSearchParameters.Patient.Forms];

    /// <summary>The client id, null when no subject parameter was given, or the issue that makes the search a 400.</summary>
    public static (string? ClientId, FhirIssue? Issue) Of(FhirSearch search, string canonical, string? tenantSystem)
    {
        var given = Parameters.Where(p => search[p] is not null).ToList();
        if (given.Count == 0) return (null, null);
        if (given.Count > 1) return (null, FhirSearch.Invalid($"Name the client once: {string.Join(" and ", given)} were both given."));
        var name = given[0];
        var value = search[name]!;
        string? clientId;
        if (name.EndsWith(":identifier", StringComparison.Ordinal))
        {
            var parts = value.Split('|', 2);
            var system = parts.Length == 2 ? parts[0] : null;
            clientId = parts[^1];
            if (system is not (null or "") && system != FhirCodes.ClientIdSystem(canonical) && system != tenantSystem)
                return (null, FhirSearch.Invalid($"{name} takes the system {FhirCodes.ClientIdSystem(canonical)}"
                    + (tenantSystem is null ? "" : $" or {tenantSystem}") + ", then | and the client id.", "value"));
        }
        else
            clientId = value.StartsWith("Patient/", StringComparison.Ordinal) ? value["Patient/".Length..] : value;
        return ClientIds.IsValid(clientId) ? (clientId, null) : (null, FhirSearch.Invalid($"{name}: '{value}' does not name a client id.", "value"));
    }
}
