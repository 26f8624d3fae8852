namespace Feedback.Api.Hosting;

/// <summary>
/// A query parameter the operation does not take is a 400 naming it, as an unknown body property is: a misspelt
/// `client_id` on the worklist must not silently answer every client's alerts.
/// </summary>
static class UnknownQueryParameters
{
    public static Task RejectAsync(HttpContext ctx, Func<Task> next)
    {
        // The FHIR facade checks its own search parameters (interop.md 1.6: an unknown one is a 400 OperationOutcome).
        if (ctx.Request.Query.Count == 0 || FhirRoutes.IsFhir(ctx.Request.Path) || ctx.GetEndpoint()?.Metadata.GetMetadata<EndpointDefinition>() is not { } definition)
            return next();
        var known = RequestShapes.Of(definition.ReqDtoType).QueryNames;
        var unknown = ctx.Request.Query.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0) return next();
        var detail = known.Count == 0 ? "This operation takes no query parameters." : $"Not a parameter of this operation; it takes {string.Join(", ", known.Order())}.";
        return ctx.WriteProblemAsync(StatusCodes.Status400BadRequest, $"Invalid input: {string.Join(", ", unknown)}.",
            unknown.ToDictionary(k => k, _ => new[] { detail }));
    }
}
