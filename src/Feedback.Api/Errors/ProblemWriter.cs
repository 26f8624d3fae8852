namespace Feedback.Api.Errors;

/// <summary>
/// Answers without a body of their own (401 from the key check, 404 and 405 from routing, 500 and 503 from the exception
/// handler) as problem+json whatever the Accept: ASP.NET Core's own writer declines an Accept without JSON (image/svg+xml,
/// text/csv), and the status code pages then fall back to text/plain. An error's body is not negotiated (api.md "Errors").
/// </summary>
sealed class ProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var ctx = context.HttpContext;
        var status = context.ProblemDetails.Status ?? ctx.Response.StatusCode;
        if (status == StatusCodes.Status503ServiceUnavailable)
            ctx.Response.Headers.RetryAfter = Hosting.Services.RetryAfterBusySeconds;
        return new ValueTask(ctx.WriteProblemAsync(status, context.ProblemDetails.Detail ?? Problem.DefaultDetail(status)));
    }
}
