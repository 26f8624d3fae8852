using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Feedback.Api.OpenApi;

/// <summary>
/// ApiExplorer sees a FastEndpoints request DTO as one body. This puts route values in the path, [QueryParam]
/// properties in the query, keeps a body only where JSON is read, and adds the key requirement and problem answers.
/// </summary>
sealed class FastEndpointsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var definition = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<EndpointDefinition>().FirstOrDefault();
        if (definition is null) return;

        var requestType = definition.ReqDtoType;
        var method = context.ApiDescription.HttpMethod ?? "GET";
        var pathNames = RouteParameters(context.ApiDescription.RelativePath ?? "");
        operation.Parameters = [.. pathNames.Select(PathParameter)];
        foreach (var prop in requestType.GetProperties().Where(p => p.GetCustomAttribute<QueryParamAttribute>() is not null))
            operation.Parameters.Add(QueryParameter(prop, context));

        var hasBody = method is "POST" or "PUT" && requestType != typeof(EmptyRequest) && requestType.GetProperties()
            .Any(p => !RouteOrQuery.IsBoundOutsideBody(p));
        if (!hasBody) operation.RequestBody = null;

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.SecuritySchemeId, context.Document)] = [] }];

        var problem = context.SchemaGenerator.GenerateSchema(typeof(Problem), context.SchemaRepository);
        operation.Responses ??= [];
        var codes = new List<int> { 401, 403, 429 };
        if (pathNames.Count > 0) codes.Add(404);
        if (hasBody || operation.Parameters.Count > 0) codes.Add(400);
        if (hasBody) codes.AddRange([413, 415]);
        foreach (var code in codes.Order())
            operation.Responses[code.ToString()] = new OpenApiResponse
            {
                Description = Problem.TitleOf(code) + ": " + Problem.DefaultDetail(code),
                Content = new Dictionary<string, IOpenApiMediaType> { [Problem.ContentType] = new OpenApiMediaType { Schema = problem } },
            };
        foreach (var (code, response) in operation.Responses)
            if (code.StartsWith('4') && response.Content is { } content && content.Remove("application/json", out var json))
                content.TryAdd(Problem.ContentType, json);
    }

    static List<string> RouteParameters(string path) =>
        path.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1].Split(':')[0]).ToList();

    static OpenApiParameter PathParameter(string name) => new()
    {
        Name = name,
        In = ParameterLocation.Path,
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    static OpenApiParameter QueryParameter(PropertyInfo prop, OperationFilterContext context) => new()
    {
        Name = JsonNamingPolicy.CamelCase.ConvertName(prop.Name),
        In = ParameterLocation.Query,
        Required = false,
        Schema = context.SchemaGenerator.GenerateSchema(prop.PropertyType, context.SchemaRepository),
    };
}
