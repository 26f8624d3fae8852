using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Feedback.Api.OpenApi;

/// <summary>
/// A response property typed as a nullable object and written as <c>null</c> when there is none (<c>"rupture": null</c>):
/// the allOf wrapper Swashbuckle puts around its $ref says nothing of that, so validators and generated clients would
/// refuse the null. The wrapper becomes <c>type: object, nullable: true</c> (OpenAPI 3.0 writes nullable only beside a
/// type). Properties left out when null (JsonIgnore WhenWritingNull) stay as they are: they are never null on the wire.
/// </summary>
sealed class NullableReferences : ISchemaFilter
{
    static readonly NullabilityInfoContext Nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties }) return;
        foreach (var prop in context.Type.GetProperties())
            if (properties.TryGetValue(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(prop.Name), out var property)
                && property is OpenApiSchema { AllOf.Count: > 0 } wrapper && !prop.PropertyType.IsValueType
                && prop.GetCustomAttribute<JsonIgnoreAttribute>() is null
                && Nullability.Create(prop).ReadState == NullabilityState.Nullable)
                wrapper.Type = JsonSchemaType.Object | JsonSchemaType.Null;
    }
}
