using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Feedback.Api.OpenApi;

/// <summary>
/// ApiExplorer sees a FastEndpoints request DTO as one body. This puts route values in the path, [QueryParam]
/// properties in the query (with their constraints), keeps a body only where JSON is read, carries the endpoint's
/// summary with a description that names the scope it needs, and adds the key requirement and problem answers.
/// </summary>
sealed class FastEndpointsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var definition = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<EndpointDefinition>().FirstOrDefault();
        if (definition is null) return;

        operation.Summary = definition.EndpointSummary?.Summary;
        operation.Description = Describe(definition);
        var requestType = definition.ReqDtoType;
        var method = context.ApiDescription.HttpMethod ?? "GET";
        var pathNames = RouteParameters(context.ApiDescription.RelativePath ?? "");
        operation.Parameters = [.. pathNames.Select(Parameters.Path)];
        var shape = RequestShapes.Of(requestType);
        foreach (var prop in shape.Query)
            operation.Parameters.Add(QueryParameter(prop, context));

        var hasBody = method is "POST" or "PUT" && shape.ReadsBody;
        if (!hasBody) operation.RequestBody = null;
        else if (operation.RequestBody is OpenApiRequestBody body) body.Required = true;

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.SecuritySchemeId, context.Document)] = [] }];
        operation.Responses ??= [];
        var codes = new List<int> { 401, 403, 429 };
        if (pathNames.Count > 0 && !AnswersEveryId.Contains(operation.OperationId ?? "")) codes.Add(404);
        // Every operation refuses a query parameter it does not take (UnknownQueryParameters), so every one may be a 400.
        codes.Add(400);
        // A POST or PUT may carry a body even where none is read: Kestrel and the JSON check refuse it as for any other.
        if (method is "POST" or "PUT") codes.AddRange([408, 413, 415]);
        // Every operation on client or tenant data waits a bounded time for a database lock and for its audit entry.
        if (!(context.ApiDescription.RelativePath ?? "").StartsWith(ApiRoutes.Instruments, StringComparison.Ordinal)) codes.Add(503);
        foreach (var code in codes)
            operation.Responses[code.ToString()] = ProblemResponses.For(code, context);
        foreach (var (code, response) in operation.Responses)
            if (code.StartsWith('4') && response.Content is { } content && content.Remove("application/json", out var json))
                content.TryAdd(Problem.ContentType, json);
        Headers.AddLocationToCreated(operation);
        DocumentNonJsonBodiesAsFiles(operation);
    }

    // An SVG answer is a document to embed, not a JSON string: generated clients then read it as a stream or text.
    static void DocumentNonJsonBodiesAsFiles(OpenApiOperation operation)
    {
        foreach (var response in operation.Responses!.Values)
        foreach (var (mediaType, media) in response.Content ?? new Dictionary<string, IOpenApiMediaType>())
            if (!mediaType.EndsWith("json") && media is OpenApiMediaType m)
                m.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
    }

    // Operations that answer any well-formed id alike: what is due for an unknown client is a new client's intake
    // (interop.md section 3), never a 404.
    static readonly HashSet<string> AnswersEveryId = ["GetClientDue"];

    static string Describe(EndpointDefinition definition)
    {
        var policy = definition.PreBuiltUserPolicies?.FirstOrDefault();
        var either = KeyScopes.EitherOf.FirstOrDefault(e => e.Policy == policy).Scopes;
        var scope = policy == KeyScopes.AnyKey ? "Any valid API key may call this."
            : either is [var a, var b] ? $"Needs an API key with the `{a}` or the `{b}` scope (403 otherwise)."
            : $"Needs an API key with the `{policy}` scope (403 otherwise).";
        var description = definition.EndpointSummary?.Description;
        return string.IsNullOrEmpty(description) ? scope : $"{description}\n\n{scope}";
    }

    static List<string> RouteParameters(string path) =>
        path.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1].Split(':')[0]).ToList();

    static OpenApiParameter QueryParameter(PropertyInfo prop, OperationFilterContext context)
    {
        var schema = context.SchemaGenerator.GenerateSchema(prop.PropertyType, context.SchemaRepository, memberInfo: prop);
        return new OpenApiParameter
        {
            Name = JsonNamingPolicy.CamelCase.ConvertName(prop.Name),
            In = ParameterLocation.Query,
            Required = prop.GetCustomAttribute<RequiredAttribute>() is not null,
            Description = schema.Description,
            // One named enum of catalogue codes for every parameter that takes one: generated clients get one type for it
            // (not a numbered inline enum per operation, whose names shift whenever an operation is added).
            Schema = prop.GetCustomAttribute<CatalogueCodeAttribute>() is { } codes
                ? CatalogueCodes.Reference(codes.OutcomeOnly, context.SchemaRepository, context.Document)
                : Parameters.WithoutDescription(schema),
        };
    }
}
