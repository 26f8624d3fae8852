using System.Reflection;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Features.Fhir.Metadata;

/// <summary>
/// GET /fhir/r4/metadata (no key: clients discover before they authenticate): a CapabilityStatement listing exactly the
/// types, interactions and search parameters served (interop.md 1.3). No batch, no operations, no profile claims.
/// </summary>
sealed class Endpoint : FhirEndpoint
{
    public override void Configure() => Serve(FhirRoutes.Metadata, policy: null);

    public override Task HandleAsync(CancellationToken ct) => SendResourceAsync(Statement(Urls.Service(HttpContext), Canonical));

    sealed record Served(string Type, R4.CapabilityStatement.TypeRestfulInteraction[] Interactions, string Scope);

    const R4.CapabilityStatement.TypeRestfulInteraction Read = R4.CapabilityStatement.TypeRestfulInteraction.Read;
    const R4.CapabilityStatement.TypeRestfulInteraction SearchType = R4.CapabilityStatement.TypeRestfulInteraction.SearchType;
    const R4.CapabilityStatement.TypeRestfulInteraction Create = R4.CapabilityStatement.TypeRestfulInteraction.Create;

    // The search parameters come from FhirSearchParameters, the table the searches parse against.
    static readonly Served[] Types =
    [
        new("Questionnaire", [Read, SearchType], "any key"),
        new("QuestionnaireResponse", [Create, Read, SearchType], "create: submit; read and search: read"),
        new("Observation", [Read, SearchType], "read"),
        new("Flag", [Read, SearchType], "read"),
        new("SearchParameter", [Read], "any key"),
    ];

    public static R4.CapabilityStatement Statement(string serviceBase, string canonical)
    {
        var assembly = typeof(Endpoint).Assembly;
        var rest = new R4.CapabilityStatement.RestComponent
        {
            Mode = R4.CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "Searches answer searchset Bundles in pages: follow the Bundle's next link (its _cursor is opaque). _format=json is accepted and changes nothing.",
            Security = new R4.CapabilityStatement.SecurityComponent
            {
                Description = "Every interaction but metadata needs an API key in the X-Api-Key header. Scopes: "
                    + string.Join("; ", Types.Select(t => $"{t.Type} {t.Scope}")) + ".",
            },
        };
        foreach (var served in Types)
        {
            var resource = new R4.CapabilityStatement.ResourceComponent
            {
                Type = served.Type,
                Versioning = R4.CapabilityStatement.ResourceVersionPolicy.NoVersion, ReadHistory = false, UpdateCreate = false,
                ConditionalCreate = served.Interactions.Contains(Create) ? true : null,
                Interaction = served.Interactions.Select(i => new R4.CapabilityStatement.ResourceInteractionComponent { Code = i }).ToList(),
                SearchParam = FhirSearchParameters.ByType.GetValueOrDefault(served.Type, []).Select(p => new R4.CapabilityStatement.SearchParamComponent
                {
                    Name = p.Name, Type = p.Type, Documentation = p.Documentation,
                    Definition = FhirSearchParameters.DefinitionOf(served.Type, p, canonical),
                }).ToList(),
            };
            rest.Resource.Add(resource);
        }
        return new R4.CapabilityStatement
        {
            Name = "FeedbackFhirR4",
            Title = "Feedback FHIR R4 facade",
            Status = R4.PublicationStatus.Active,
            Date = BuildDate(assembly),
            Kind = R4.CapabilityStatementKind.Instance,
            Software = new R4.CapabilityStatement.SoftwareComponent { Name = "Feedback", Version = Version(assembly) },
            Implementation = new R4.CapabilityStatement.ImplementationComponent
            {
                Description = "Feedback: routine outcome and alliance monitoring; FHIR R4 facade", Url = serviceBase,
            },
            FhirVersion = R4.FHIRVersion.N4_0_1,
            Format = [FhirJson.MediaType],
            Rest = [rest],
        };
    }

    static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    // A single-file publish has no assembly path: its build date is then unknown, and today's is answered.
    static string BuildDate(Assembly assembly) =>
        (assembly.Location is { Length: > 0 } path ? File.GetLastWriteTimeUtc(path) : DateTime.UtcNow)
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
