using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Feedback.Api.Recording;

namespace Feedback.Api.OpenApi;

/// <summary>Documents the Idempotency-Key request header and the Idempotent-Replay answer header of POST administrations.</summary>
sealed class IdempotencyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId != "SubmitAdministration") return;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeys.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "1-128 visible ASCII characters. The same key with the same body within 24 h returns the original 201; with another body, 409.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 128, Pattern = "^[\\x21-\\x7E]{1,128}$" },
        });
        if (operation.Responses?.TryGetValue("201", out var created) == true && created is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[IdempotencyKeys.ReplayHeader] = ProblemResponses.Header(
                "\"true\" when this is the stored answer to an earlier request with the same Idempotency-Key; absent otherwise.");
        }
    }
}
