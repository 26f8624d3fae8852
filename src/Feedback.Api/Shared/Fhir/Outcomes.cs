using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Shared.Fhir;

/// <summary>
/// One issue of an OperationOutcome (interop.md 1.1): an issue-type code, the plain-English text /v1 would give, a
/// FHIRPath into the received resource, and our own error code.
/// </summary>
sealed record FhirIssue(string Code, string Diagnostics, string? Expression = null, string? ErrorCode = null,
    R4.OperationOutcome.IssueSeverity Severity = R4.OperationOutcome.IssueSeverity.Error);

/// <summary>Every FHIR error body is an OperationOutcome, never problem+json.</summary>
static class Outcomes
{
    public static R4.OperationOutcome Of(IEnumerable<FhirIssue> issues, string canonical) => new()
    {
        Issue = issues.Select(i => new R4.OperationOutcome.IssueComponent
        {
            Severity = i.Severity,
            Code = IssueType(i.Code),
            Details = i.ErrorCode is null ? null : new R4.CodeableConcept(FhirCodes.System(canonical, FhirCodes.Issue), i.ErrorCode),
            Diagnostics = Printable(i.Diagnostics),
            Expression = i.Expression is null ? [] : [i.Expression],
        }).ToList(),
    };

    const int MaxDiagnostics = 1000;

    // Parser messages quote what was received: a FHIR string holds no control characters, and a huge value is cut.
    static string Printable(string text)
    {
        var clean = new string([.. text.Select(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t') ? '?' : c)]);
        return clean.Length <= MaxDiagnostics ? clean : clean[..MaxDiagnostics] + "...";
    }

    public static Task WriteAsync(HttpContext ctx, int status, IEnumerable<FhirIssue> issues)
    {
        issues = issues.Select(i => i.ErrorCode is null && i.Severity == R4.OperationOutcome.IssueSeverity.Error ? i with { ErrorCode = ErrorCodeOf(status) } : i);
        ctx.Response.StatusCode = status;
        ctx.MarkResponseStart(); // the audit buffers answers (see ProblemSending)
        ctx.Response.ContentType = FhirJson.ContentType;
        var canonical = ctx.RequestServices.GetRequiredService<FhirUrls>().Canonical(ctx);
        return ctx.Response.WriteAsync(FhirJson.Serialize(Of(issues, canonical)), ctx.RequestAborted);
    }

    public static Task WriteAsync(HttpContext ctx, int status, string diagnostics, string? expression = null, string? errorCode = null) =>
        WriteAsync(ctx, status, [new FhirIssue(CodeOf(status), diagnostics, expression, errorCode)]);

    /// <summary>The issue type of an answer that has no more specific one (interop.md 1.1's table).</summary>
    public static string CodeOf(int status) => status switch
    {
        400 => "invalid",
        401 => "login",
        403 => "forbidden",
        404 => "not-found",
        405 or 406 or 415 => "not-supported",
        408 => "timeout",
        409 => "conflict",
        413 => "too-costly",
        422 => "business-rule",
        429 => "throttled",
        503 => "transient",
        _ => "exception",
    };

    /// <summary>Our error code of an answer that has no more specific one (docs/fhir.md lists them all).</summary>
    static string ErrorCodeOf(int status) => status switch
    {
        400 => "invalid-request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        406 => "not-acceptable",
        408 => "request-timeout",
        409 => "conflict",
        413 => "body-too-large",
        415 => "unsupported-media-type",
        429 => "rate-limited",
        503 => "busy",
        _ => "server-error",
    };

    static R4.OperationOutcome.IssueType IssueType(string code) =>
        Hl7.Fhir.Utility.EnumUtility.ParseLiteral<R4.OperationOutcome.IssueType>(code)
        ?? throw new ArgumentException($"Not an issue-type code: {code}", nameof(code));
}
