using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Feedback.Api.OpenApi;

namespace Feedback.Api.Features.MeasurementPlans;

/// <summary>
/// Measurement plans: every plan answer carries ETag "version"; a PUT or DELETE takes If-Match (412 when stale) and a PUT
/// If-None-Match: * (create only).
/// </summary>
sealed class ConditionalRequestsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is not { } id || !id.EndsWith("MeasurementPlan", StringComparison.Ordinal)) return;
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["ETag"] = ProblemResponses.Header("The plan's version as a strong entity tag, e.g. \"client-3\" (level and version); send it in If-Match to change this plan only if nobody else has.", required: true);
        }
        if (id.StartsWith("Get", StringComparison.Ordinal)) return;
        operation.Parameters ??= [];
        operation.Parameters.Add(Header(Preconditions.IfMatchHeader,
            "An ETag of this plan (or *): the write happens only if the plan still has that version, else 412. Without it the write is unconditional."));
        if (id.StartsWith("Put", StringComparison.Ordinal))
            operation.Parameters.Add(Header(Preconditions.IfNoneMatchHeader, "*: create the plan only if it does not exist, else 412."));
        operation.Responses!["412"] = ProblemResponses.For(412, context);
    }

    static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = false, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 200 },
    };
}
