using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir;

/// <summary>
/// A FHIR interaction: it reads its own parameters and body (FHIR names such as `derived-from` and `_count` are not C#
/// properties) and answers FHIR JSON. Not in the OpenAPI document: the CapabilityStatement describes the facade.
/// </summary>
abstract class FhirEndpoint : EndpointWithoutRequest
{
    protected FhirUrls Urls => Resolve<FhirUrls>();
    protected string Canonical => Urls.Canonical(HttpContext);

    protected void Serve(string route, string? policy)
    {
        Verbs(Http.GET);
        Routes(route);
        if (policy is null) AllowAnonymous();
        else Policies(policy);
        Description(d => d.ExcludeFromDescription());
    }

    protected Task SendResourceAsync(R4.Resource resource, int status = StatusCodes.Status200OK)
    {
        HttpContext.Response.StatusCode = status;
        HttpContext.MarkResponseStart();
        HttpContext.Response.ContentType = FhirJson.ContentType;
        return HttpContext.Response.WriteAsync(FhirJson.Serialize(resource), HttpContext.RequestAborted);
    }

    /// <summary>No versioning (interop.md 1.3): every resource is version 1, last changed when it was received.</summary>
    protected void SetVersionHeaders(DateTimeOffset lastModified)
    {
        HttpContext.Response.Headers.ETag = "W/\"1\"";
        HttpContext.Response.Headers.LastModified = lastModified.ToString("R");
    }

    protected Task SendIssuesAsync(int status, IEnumerable<FhirIssue> issues) => Outcomes.WriteAsync(HttpContext, status, issues);

    protected Task SendIssueAsync(int status, string diagnostics, string? expression = null, string? errorCode = null, string? code = null) =>
        Outcomes.WriteAsync(HttpContext, status, [new FhirIssue(code ?? Outcomes.CodeOf(status), diagnostics, expression, errorCode)]);

    protected Task SendNotFoundAsync(string type) => SendIssueAsync(StatusCodes.Status404NotFound, $"No {type} with that id.");

    /// <summary>A search is audited for each client its page holds, or for the client it named when it found nothing.</summary>
    protected void AuditClients(IEnumerable<string> found, string? named) =>
        Api.Audit.AuditedClients.Set(HttpContext, found.DefaultIfEmpty(named ?? "").Where(c => c.Length > 0));

    /// <summary>The absolute URL of a resource of this facade.</summary>
    protected string FullUrl(string type, string id) => $"{Urls.Service(HttpContext)}/{type}/{id}";
}
