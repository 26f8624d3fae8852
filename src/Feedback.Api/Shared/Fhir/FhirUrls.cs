namespace Feedback.Api.Shared.Fhir;

/// <summary>
/// The absolute URLs of the facade (interop.md 1.1): `Fhir:PublicBaseUrl`, else the request's scheme and host; and the
/// canonical base {C}: `Fhir:CanonicalBase`, set once per deployment, else the public base followed by /fhir.
/// </summary>
sealed class FhirUrls(IConfiguration config)
{
    readonly string? publicBase = config["Fhir:PublicBaseUrl"]?.TrimEnd('/');
    readonly string? canonicalBase = config["Fhir:CanonicalBase"]?.TrimEnd('/');

    public string Public(HttpContext ctx) => publicBase ?? $"{ctx.Request.Scheme}://{ctx.Request.Host}{ctx.Request.PathBase}";

    /// <summary>The service base of the facade: {public}/fhir/r4.</summary>
    public string Service(HttpContext ctx) => $"{Public(ctx)}{FhirRoutes.BasePath}";

    public string Canonical(HttpContext ctx) => canonicalBase ?? $"{Public(ctx)}/fhir";
}
