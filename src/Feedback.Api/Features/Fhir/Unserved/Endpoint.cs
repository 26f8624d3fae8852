namespace Feedback.Api.Features.Fhir.Unserved;

/// <summary>
/// Anything else under /fhir/r4 (interop.md 1.1): a GET of a type or path not served is a 404 OperationOutcome
/// (`not-supported`, e.g. Patient or _history); any other method is a 405 whose Allow header names what the path takes.
/// </summary>
sealed class Endpoint : FhirEndpoint
{
    public override void Configure()
    {
        Verbs(Http.GET, Http.POST, Http.PUT, Http.PATCH, Http.DELETE, Http.HEAD, Http.OPTIONS);
        Routes(FhirRoutes.Unserved);
        AllowAnonymous(); // it answers no data: a HEAD of metadata or a typo is told what is served, key or not
        Description(d => d.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct)
    {
        if (!HttpMethods.IsGet(HttpContext.Request.Method))
        {
            HttpContext.Response.Headers.Allow = AllowedOn(Route<string>("rest", isRequired: false) ?? "");
            return SendIssueAsync(405, "Only QuestionnaireResponse can be created; nothing can be updated or deleted here.", errorCode: "method-not-allowed");
        }
        return SendIssueAsync(404, "Not served: this server serves metadata, Questionnaire, QuestionnaireResponse, Observation and Flag reads and searches, QuestionnaireResponse create, and SearchParameter reads of its own parameters (see /fhir/r4/metadata).",
            code: "not-supported", errorCode: "not-served");
    }

    // What the served routes take: the QuestionnaireResponse type also takes POST (create); every other path, GET only.
    static string AllowedOn(string rest) => rest == "QuestionnaireResponse" ? "GET, POST" : "GET";
}
