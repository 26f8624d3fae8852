using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Feedback.Api.OpenApi;

/// <summary>Servers, described tags, and only the schemas that an operation reaches.</summary>
sealed class DocumentFrame : IDocumentFilter
{
    static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Administrations"] = "Completed questionnaires: scored on arrival and answered with feedback and alerts.",
        ["Alerts"] = "The clinician's worklist: risk items, off track, deterioration and alliance concerns.",
        ["Clients"] = "The caller's clients, by the caller's own opaque ids.",
        ["Episodes"] = "Episodes of treatment; trajectories start at each episode's intake.",
        ["Measurement plans"] = "What each client is to be asked and when: the tenant's plan with client and episode overrides, what is due today (a check-in tablet's question), and a clinician's overdue list.",
        ["Instruments"] = "The catalogue of questionnaires, their scoring rules and licences.",
        ["Progress"] = "An outcome series against the expected recovery trajectory, as JSON or an SVG chart.",
        ["Reports"] = "Aggregate outcomes for a clinic's lead: recovery and reliable change by clinician, instrument or month, small numbers suppressed.",
        ["Export and import"] = "The tenant's administrations out (NDJSON or CSV, streamed, resumable) and a history in (NDJSON, computed as of its time). Admin scope; audited with row counts.",
        ["Tenant"] = "The clinic's own settings and audit log (admin scope).",
        ["Webhooks"] = "Signed event deliveries to the clinic's systems (Standard Webhooks 1.0; admin scope): endpoints, secrets, the delivery log.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers = [new OpenApiServer { Url = "http://localhost:5080", Description = "A local service started with dotnet run" }];
        document.Tags = new HashSet<OpenApiTag>(TagDescriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        InlineNullableReferences(document);
        OneLineDescriptions(document);
        RemoveUnreachableSchemas(document);
    }

    // An XML doc comment wrapped over several source lines reads as one sentence, not with the source's indentation.
    static void OneLineDescriptions(OpenApiDocument document)
    {
        static string? OneLine(string? text) =>
            text is null ? null : System.Text.RegularExpressions.Regex.Replace(text, @"\s*\n\s*", " ");
        foreach (var schema in (document.Components?.Schemas?.Values ?? []).OfType<OpenApiSchema>())
        {
            schema.Description = OneLine(schema.Description);
            foreach (var property in (schema.Properties?.Values ?? []).OfType<OpenApiSchema>())
                property.Description = OneLine(property.Description);
        }
    }

    // A nullable reference is written { allOf: [{ $ref }], nullable: true }, which Spectral refuses (nullable without a
    // type) and to which a type beside allOf makes NSwag lose the enum or derive a class. So a nullable enum is written
    // inline with null among its values (NSwag: a nullable enum; TypeScript: a union | null), and a nullable object
    // property is one the service leaves out rather than sending null (JsonIgnore WhenWritingNull): optional, not nullable.
    static void InlineNullableReferences(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } schemas) return;
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        foreach (var (name, property) in (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).ToList())
        {
            if (property is not OpenApiSchema { Type: JsonSchemaType.Null, AllOf: [OpenApiSchemaReference reference] } wrapper
                || reference.Reference.Id is not { } id || !schemas.TryGetValue(id, out var target)) continue;
            if (target.Enum is { Count: > 0 } values)
                schema.Properties![name] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Null, Description = wrapper.Description,
                    Enum = [.. values, null!],
                };
            else
                wrapper.Type = null;
        }
    }

    // Request DTOs of bodiless operations still get a schema from ApiExplorer; nothing refers to them.
    static void RemoveUnreachableSchemas(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } schemas) return;
        while (true)
        {
            var text = Serialise(document);
            var unused = schemas.Keys.Where(name => Count(text, $"\"#/components/schemas/{name}\"") == 0).ToList();
            if (unused.Count == 0) return;
            foreach (var name in unused) schemas.Remove(name);
        }
    }

    static string Serialise(OpenApiDocument document)
    {
        using var writer = new StringWriter();
        document.SerializeAsV3(new OpenApiJsonWriter(writer));
        return writer.ToString();
    }

    static int Count(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
