namespace Feedback.Api.Shared.Fhir;

/// <summary>
/// Answers without a body of their own under /fhir/r4 (401 from the key check, 404 and 405 from routing, 500 and 503
/// from the exception handler) get an OperationOutcome instead of problem+json.
/// </summary>
sealed class FhirProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => FhirRoutes.IsFhir(context.HttpContext.Request.Path);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var ctx = context.HttpContext;
        var status = context.ProblemDetails.Status ?? ctx.Response.StatusCode;
        if (status == StatusCodes.Status503ServiceUnavailable)
            ctx.Response.Headers.RetryAfter = Hosting.Services.RetryAfterBusySeconds;
        return new ValueTask(Outcomes.WriteAsync(ctx, status, Problem.DefaultDetail(status)));
    }
}
