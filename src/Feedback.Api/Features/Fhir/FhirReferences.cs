using System.Globalization;
using System.Text.RegularExpressions;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir;

/// <summary>How clients, clinicians and times appear in emitted resources (interop.md 1.5-1.7).</summary>
static partial class FhirReferences
{
    [GeneratedRegex(@"^[A-Za-z0-9\-.]{1,64}\z")]
    private static partial Regex FhirId();

    public static bool IsFhirId(string id) => FhirId().IsMatch(id);

    /// <summary>Patient/&lt;clientId&gt; with the client-id identifier; the identifier alone when the id is not a valid FHIR id.</summary>
    public static R4.ResourceReference Patient(string clientId, string canonical) => new()
    {
        Reference = IsFhirId(clientId) ? $"Patient/{clientId}" : null,
        Type = IsFhirId(clientId) ? null : "Patient",
        Identifier = new R4.Identifier(FhirCodes.ClientIdSystem(canonical), clientId),
    };

    public static R4.ResourceReference Practitioner(string clinicianId, string canonical) => new()
    {
        Reference = IsFhirId(clinicianId) ? $"Practitioner/{clinicianId}" : null,
        Type = IsFhirId(clinicianId) ? null : "Practitioner",
        Identifier = new R4.Identifier(FhirCodes.ClinicianIdSystem(canonical), clinicianId),
    };

    /// <summary>An instant element written as <see cref="Instant(DateTimeOffset)"/> (Firely would write +00:00).</summary>
    public static R4.Instant InstantElement(DateTimeOffset at) => new() { JsonValue = Instant(at) };

    /// <summary>A stored instant as a FHIR dateTime/instant in UTC: seconds, and a fraction only when there is one.</summary>
    public static string Instant(DateTimeOffset at) =>
        at.ToUniversalTime().ToString(at.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
