using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Feedback.Api.OpenApi;

/// <summary>Properties bound from the route or the query are parameters, not part of the JSON body's schema.</summary>
sealed class RouteOrQuery : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties } || context.Type.Namespace?.StartsWith("Feedback.Api.", StringComparison.Ordinal) != true) return;
        foreach (var prop in context.Type.GetProperties().Where(RequestShapes.IsBoundOutsideBody))
            properties.Remove(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(prop.Name));
    }
}
