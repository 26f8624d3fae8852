using Microsoft.OpenApi;

namespace Feedback.Api.OpenApi;

/// <summary>Path parameters with the rules the service applies to them.</summary>
static class Parameters
{
    public static OpenApiParameter Path(string name) => new()
    {
        Name = name,
        In = ParameterLocation.Path,
        Required = true,
        Description = name switch
        {
            "clientId" => "The caller's opaque client id: " + ClientIds.Rule + ".",
            "code" => "A catalogue code, exact and case-sensitive (PHQ-9).",
            _ => "An id this API gave (a ULID, 26 characters); any other value is a 404.",
        },
        Schema = name switch
        {
            "clientId" => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = ClientIds.PatternText, MinLength = 1, MaxLength = 64 },
            // Ids and codes this API gave: one it does not know, well-formed or not, is a 404, so no pattern is promised.
            _ => new OpenApiSchema { Type = JsonSchemaType.String },
        },
    };

    /// <summary>A parameter carries its description itself; a copy of a generated inline schema without it.</summary>
    public static IOpenApiSchema WithoutDescription(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema inline) return schema;
        inline.Description = null;
        return inline;
    }
}
