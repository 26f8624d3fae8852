using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Feedback.Api.OpenApi;

/// <summary>Marks a request property or query parameter that takes catalogue codes; the document lists the codes.</summary>
[AttributeUsage(AttributeTargets.Property)]
sealed class CatalogueCodeAttribute(bool outcomeOnly = false) : Attribute
{
    public bool OutcomeOnly { get; } = outcomeOnly;
}

/// <summary>Closed lists of string values ([CatalogueCode], [AllowedValues]) become the schema's enum.</summary>
sealed class CatalogueCodes : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema { Properties: { } properties })
            foreach (var prop in context.Type.GetProperties())
                if (ValuesOf(prop) is { } values && properties.TryGetValue(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(prop.Name), out var p) && p is OpenApiSchema s)
                    Restrict(s, values);
        if (context.MemberInfo is PropertyInfo member && ValuesOf(member) is { } own && schema is OpenApiSchema inline)
            Restrict(inline, own);
    }

    /// <summary>A reference to the component schema of the catalogue codes (outcome instruments only, or all), added once.</summary>
    public static IOpenApiSchema Reference(bool outcomeOnly, SchemaRepository repository, OpenApiDocument document)
    {
        var id = outcomeOnly ? "OutcomeInstrumentCode" : "InstrumentCode";
        if (!repository.Schemas.ContainsKey(id))
            repository.AddDefinition(id, new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = outcomeOnly ? "An outcome instrument's catalogue code, exact and case-sensitive (GET /v1/instruments)."
                    : "A catalogue code, exact and case-sensitive (GET /v1/instruments).",
                Enum = [.. Catalogue.All.Where(i => !outcomeOnly || i.Kind == InstrumentKind.Outcome).Select(i => (JsonNode)JsonValue.Create(i.Code))],
            });
        return new OpenApiSchemaReference(id, document);
    }

    static IEnumerable<string>? ValuesOf(PropertyInfo p)
    {
        if (p.GetCustomAttribute<CatalogueCodeAttribute>() is { } codes)
            return Catalogue.All.Where(i => !codes.OutcomeOnly || i.Kind == InstrumentKind.Outcome).Select(i => i.Code);
        return p.GetCustomAttribute<AllowedValuesAttribute>()?.Values.OfType<string>();
    }

    static void Restrict(OpenApiSchema schema, IEnumerable<string> values)
    {
        var target = schema.Items as OpenApiSchema ?? schema;
        target.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
    }
}
