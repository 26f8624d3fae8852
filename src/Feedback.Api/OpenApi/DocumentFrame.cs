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
        ["Instruments"] = "The catalogue of questionnaires, their scoring rules and licences.",
        ["Progress"] = "An outcome series against the expected recovery trajectory, as JSON or an SVG chart.",
        ["Tenant"] = "The clinic's own settings and audit log (admin scope).",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers = [new OpenApiServer { Url = "http://localhost:5080", Description = "A local service started with dotnet run" }];
        document.Tags = new HashSet<OpenApiTag>(TagDescriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        RemoveUnreachableSchemas(document);
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
