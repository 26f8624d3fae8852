using Microsoft.OpenApi;

namespace Feedback.Api.OpenApi;

/// <summary>Every 201 names the new resource in Location.</summary>
static class Headers
{
    public static void AddLocationToCreated(OpenApiOperation operation)
    {
        if (operation.Responses?.TryGetValue("201", out var created) != true || created is not OpenApiResponse response) return;
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers["Location"] = ProblemResponses.Header("The path of the created resource.", required: true);
    }
}
