using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Feedback.Api.OpenApi;

/// <summary>The problem answers every operation may give, each with an example and the headers that come with it.</summary>
static class ProblemResponses
{
    public static OpenApiResponse For(int code, OperationFilterContext context) => new()
    {
        Description = Problem.TitleOf(code) + ": " + (code == 503 ? Unavailable : Problem.DefaultDetail(code)),
        Headers = HeadersOf(code),
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            [Problem.ContentType] = new OpenApiMediaType
            {
                Schema = context.SchemaGenerator.GenerateSchema(typeof(Problem), context.SchemaRepository),
                Example = Example(code),
            },
        },
    };

    const string Unavailable = "The database stayed locked past the bounded wait (nothing was stored), or the access could not be "
        + "recorded in the audit log (the answer is withheld). Retry after the time in Retry-After.";

    static Dictionary<string, IOpenApiHeader>? HeadersOf(int code) => code switch
    {
        401 => new() { ["WWW-Authenticate"] = Header("The scheme this API accepts: ApiKey header=\"X-Api-Key\".", required: true) },
        429 => new() { ["Retry-After"] = new OpenApiHeader
        {
            Description = "Seconds to wait before the next request with this key.", Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
        } },
        503 => new() { ["Retry-After"] = new OpenApiHeader
        {
            Description = "Seconds to wait before repeating the request.", Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
        } },
        _ => null,
    };

    public static OpenApiHeader Header(string description, bool required = false) =>
        new() { Description = description, Required = required, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    static JsonNode Example(int code)
    {
        var example = new JsonObject
        {
            ["type"] = Problem.TypeOf(code), ["title"] = Problem.TitleOf(code), ["status"] = code,
            ["detail"] = code switch
            {
                400 => "Invalid input: items[8].",
                403 => "This API key lacks the 'read' scope, which this operation needs.",
                _ => Problem.DefaultDetail(code),
            },
            ["instance"] = "/v1/clients/c-1001/administrations",
            ["traceId"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        };
        if (code == 400)
            example["errors"] = new JsonObject { ["items[8]"] = new JsonArray("Must be between 0 and 3.") };
        return example;
    }
}
