using FluentValidation.Results;

namespace Feedback.Api.Errors;

static class ProblemSending
{
    public static Task WriteProblemAsync(this HttpContext ctx, int status, string detail,
        Dictionary<string, string[]>? errors = null, string? existingId = null)
    {
        // Under /fhir/r4 every error is an OperationOutcome (interop.md 1.1), whichever check refused the request.
        if (FhirRoutes.IsFhir(ctx.Request.Path))
            return Outcomes.WriteAsync(ctx, status, [.. FhirIssues(status, detail, errors)]);
        ctx.Response.StatusCode = status;
        ctx.MarkResponseStart(); // the audit buffers answers, so FastEndpoints cannot see from the response that one was sent
        return ctx.Response.WriteAsJsonAsync(Problem.For(ctx, status, detail, errors, existingId), options: null, Problem.ContentType, ctx.RequestAborted);
    }

    static IEnumerable<FhirIssue> FhirIssues(int status, string detail, Dictionary<string, string[]>? errors) =>
        errors is null or { Count: 0 }
            ? [new(Outcomes.CodeOf(status), detail)]
            : errors.SelectMany(e => e.Value.Select(m => new FhirIssue(Outcomes.CodeOf(status), $"{e.Key}: {m}")));

    /// <summary>FastEndpoints' validation failures as a problem with errors keyed by camelCase field path.</summary>
    public static Problem FromFailures(List<ValidationFailure> failures, HttpContext ctx, int status)
    {
        var errors = failures
            .GroupBy(f => f.ErrorCode == Json.JsonErrors.Code ? f.PropertyName : FieldPath(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        var fields = string.Join(", ", errors.Keys);
        return Problem.For(ctx, status, $"Invalid input: {fields}.", errors);
    }

    /// <summary>"Items[3]" -> "items[3]", "Score.Total" -> "score.total".</summary>
    public static string FieldPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
