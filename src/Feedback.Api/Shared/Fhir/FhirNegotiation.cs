using Microsoft.Net.Http.Headers;

namespace Feedback.Api.Shared.Fhir;

/// <summary>
/// The facade speaks JSON only (interop.md 1.1): an Accept admitting neither FHIR JSON nor JSON, or a `_format` other
/// than json, is a 406; a body typed other than application/fhir+json or application/json is a 415.
/// </summary>
static class FhirNegotiation
{
    static readonly string[] JsonTypes = [FhirJson.MediaType, "application/json"];
    static readonly string[] Formats = ["json", FhirJson.MediaType, "application/json"];

    public static Task CheckAsync(HttpContext ctx, Func<Task> next)
    {
        if (!FhirRoutes.IsFhir(ctx.Request.Path)) return next();
        if (ctx.Request.Query.TryGetValue("_format", out var format) && (format.Count != 1 || !Formats.Contains(format[0], StringComparer.OrdinalIgnoreCase)))
            return Outcomes.WriteAsync(ctx, 406, "Only JSON is served: use _format=json or leave it out.", errorCode: "not-acceptable");
        if (!AcceptsJson(ctx.Request))
            return Outcomes.WriteAsync(ctx, 406, "Only JSON is served: accept application/fhir+json or application/json.", errorCode: "not-acceptable");
        // Only the create reads a body; any other write is refused by its route (405) whatever it sends.
        if (HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.Path.Equals(FhirRoutes.BasePath + "/QuestionnaireResponse", StringComparison.Ordinal)
            && ctx.Request.ContentType is { } type && !IsJsonType(type))
            return Outcomes.WriteAsync(ctx, 415, "The body must be FHIR JSON (Content-Type: application/fhir+json).", errorCode: "unsupported-media-type");
        return next();
    }

    static bool AcceptsJson(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return true;
        return accept.Any(a => a.Quality != 0 && (a.MediaType.Value is "*/*" or "application/*" || JsonTypes.Contains(a.MediaType.Value, StringComparer.OrdinalIgnoreCase)));
    }

    static bool IsJsonType(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && JsonTypes.Contains(parsed.MediaType.Value, StringComparer.OrdinalIgnoreCase);
}
