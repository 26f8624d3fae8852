using Microsoft.OpenApi;

namespace Feedback.Api.OpenApi;

static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string SecuritySchemeId = "ApiKey";

    public static void AddFeedbackOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Feedback API",
                Version = "v1",
                Description = "Feedback-informed treatment: pre-session measures are validated and scored on the server, "
                              + "stored per clinic, and answered with progress against the expected trajectory and alerts.",
            });
            o.AddSecurityDefinition(SecuritySchemeId, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.Header,
                Description = "A tenant's API key; its scopes (submit, read, admin) decide what it may do.",
            });
            o.CustomSchemaIds(SchemaIds.Of);
            o.SupportNonNullableReferenceTypes();
            o.OperationFilter<FastEndpointsOperationFilter>();
            o.SchemaFilter<RouteOrQuery>();
            o.OperationFilter<ExamplesOperationFilter>();
            o.OperationFilter<IdempotencyOperationFilter>();
        });
    }

    public static void UseFeedbackOpenApi(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint(DocumentPath, "Feedback v1");
        });
    }
}
