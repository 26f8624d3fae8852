using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Feedback.Api.Features.Import.Administrations;

namespace Feedback.Api.Features.Import;

/// <summary>
/// The import reads and answers NDJSON (interop.md 4.3): the schema given for application/x-ndjson is the schema of one
/// line; the answer's is a oneOf of the lines it holds.
/// </summary>
sealed class NdjsonOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId != "ImportAdministrations"
            || operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response) return;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "NDJSON: one ImportLine per line, at most 5,000 non-blank lines and 10 MiB.",
            Content = new Dictionary<string, IOpenApiMediaType> { [MediaTypes.Ndjson] = new OpenApiMediaType { Schema = Schema<ImportLine>(context) } },
        };
        response.Content = new Dictionary<string, IOpenApiMediaType>
        {
            [MediaTypes.Ndjson] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { OneOf = [Schema<ImportResultLine>(context), Schema<ImportSummary>(context)] },
            },
        };
    }

    static IOpenApiSchema Schema<T>(OperationFilterContext context) => context.SchemaGenerator.GenerateSchema(typeof(T), context.SchemaRepository);
}
