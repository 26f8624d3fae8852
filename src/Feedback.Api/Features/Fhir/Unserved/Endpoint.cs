namespace Feedback.Api.Features.Fhir.Unserved;

/// <summary>
/// Anything else under /fhir/r4 (interop.md 1.1): a type or interaction not served is a 404 OperationOutcome
/// (`not-supported` for a path we will not serve, such as _history); a write (PUT, PATCH, DELETE, POST) is a 405.
/// </summary>
sealed class Endpoint : FhirEndpoint
{
    public override void Configure()
    {
        Verbs(Http.GET, Http.POST, Http.PUT, Http.PATCH, Http.DELETE);
        Routes(FhirRoutes.Unserved);
        Policies(KeyScopes.AnyKey);
        Description(d => d.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct)
    {
        if (!HttpMethods.IsGet(HttpContext.Request.Method))
            return SendIssueAsync(405, "Only QuestionnaireResponse can be created; nothing can be updated or deleted here.", errorCode: "method-not-allowed");
        return SendIssueAsync(404, "This server serves metadata, Questionnaire, QuestionnaireResponse, Observation and Flag only (see /fhir/r4/metadata).",
            code: "not-supported", errorCode: "not-served");
    }
}
