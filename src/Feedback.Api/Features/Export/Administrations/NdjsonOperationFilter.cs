using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Feedback.Api.OpenApi;

namespace Feedback.Api.Features.Export.Administrations;

/// <summary>
/// The export answers NDJSON (interop.md 4.2): the schema given for application/x-ndjson is the schema of one line, a
/// oneOf of the lines the answer holds. An exported administration is AdministrationView plus "type".
/// </summary>
sealed class NdjsonOperationFilter : IOperationFilter
{
    const string ExportedAdministration = "ExportedAdministration";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId != "ExportAdministrations"
            || operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response) return;
        AddExportedAdministration(context);
        response.Content = new Dictionary<string, IOpenApiMediaType>
        {
            [NdjsonRows.ContentType] = Lines(new OpenApiSchemaReference(ExportedAdministration, context.Document), Schema<ExportEnd>(context)),
            [CsvRows.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
        };
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[ApiHeaders.ExportSnapshot] = ProblemResponses.Header(
            "The snapshot: the highest id this export and its resumptions send (resume with cursor and snapshot=this). Absent when nothing matches: the export is then complete and empty.",
            required: false);
    }

    static OpenApiMediaType Lines(params IOpenApiSchema[] kinds) => new() { Schema = new OpenApiSchema { OneOf = [.. kinds] } };

    static IOpenApiSchema Schema<T>(OperationFilterContext context) => context.SchemaGenerator.GenerateSchema(typeof(T), context.SchemaRepository);

    static void AddExportedAdministration(OperationFilterContext context)
    {
        Schema<AdministrationView>(context);
        if (context.SchemaRepository.Schemas.ContainsKey(ExportedAdministration)
            || context.SchemaRepository.Schemas["AdministrationView"] is not OpenApiSchema view) return;
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("administration")] },
        };
        foreach (var (name, schema) in view.Properties ?? new Dictionary<string, IOpenApiSchema>()) properties[name] = schema;
        // What the import needs to make the episode again (docs/bulk.md, "Round trip").
        properties["episodeKey"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String, MinLength = 1, MaxLength = 64,
            Description = "The episode's key for an import: the key an import made it with, or its id when no import made it.",
        };
        properties["episodeClosedAt"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time", Description = "When the episode was closed; null while it is open.",
        };
        context.SchemaRepository.Schemas[ExportedAdministration] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One line of an NDJSON export: the administration as GET answers it (with feedback, without alerts), \"type\": \"administration\", episodeKey and episodeClosedAt. It is an ImportLine as it is.",
            Properties = properties,
            Required = new HashSet<string>(["type", "episodeKey", "episodeClosedAt", .. view.Required ?? new HashSet<string>()]),
            AdditionalPropertiesAllowed = view.AdditionalPropertiesAllowed,
        };
    }
}
