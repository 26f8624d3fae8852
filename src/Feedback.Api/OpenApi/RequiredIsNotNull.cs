using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Feedback.Api.OpenApi;

/// <summary>
/// A [Required] request property is typed nullable in C# only so that its absence is reported as "Required."; the
/// service refuses null there, so the document says it is not nullable.
/// </summary>
sealed class RequiredIsNotNull : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties }) return;
        foreach (var prop in context.Type.GetProperties().Where(p => p.GetCustomAttribute<RequiredAttribute>() is not null))
            if (properties.TryGetValue(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(prop.Name), out var property) && property is OpenApiSchema s && s.Type is { } type)
                s.Type = type & ~JsonSchemaType.Null;
    }
}
