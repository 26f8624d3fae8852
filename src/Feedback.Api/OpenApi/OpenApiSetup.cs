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
                Contact = new OpenApiContact { Name = "Feedback maintainers", Email = "api@feedback.example" },
                License = new OpenApiLicense { Name = "The service's code is open; instruments keep their own licences (GET /v1/instruments)." },
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
            o.UseAllOfToExtendReferenceSchemas();
            o.IncludeXmlComments(typeof(OpenApiSetup).Assembly);
            o.OperationFilter<FastEndpointsOperationFilter>();
            o.SchemaFilter<RouteOrQuery>();
            o.SchemaFilter<RequiredIsNotNull>();
            o.SchemaFilter<NullableReferences>();
            o.SchemaFilter<CatalogueCodes>();
            o.OperationFilter<ExamplesOperationFilter>();
            o.OperationFilter<IdempotencyOperationFilter>();
            o.DocumentFilter<DocumentFrame>();
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
