using System.Text.Json;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using R4 = Hl7.Fhir.Model;

namespace Feedback.Api.Shared.Fhir;

/// <summary>FHIR JSON through the Firely SDK only: strict parsing of what callers send, serialisation of what we answer.</summary>
static class FhirJson
{
    public const string MediaType = "application/fhir+json";
    public const string ContentType = "application/fhir+json; charset=utf-8";

    static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));
    static readonly JsonSerializerOptions Writer = new JsonSerializerOptions().ForFhir(R4.ModelInfo.ModelInspector);

    public static string Serialize(R4.Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Writer);

    /// <summary>A parse failure: what is wrong, and the element path Firely reports (null when the body is not JSON).</summary>
    public sealed record Failure(string Code, string Diagnostics, string? Path);

    // RFC 8259 JSON only: no comments, no trailing commas, no property twice (Firely's reader allows the first two, and a
    // repeated property would be read by whichever reader came last).
    static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>The received JSON, or why it is not JSON a FHIR server should read.</summary>
    public static (JsonDocument? Json, Failure? Failure) ParseJson(string text)
    {
        try
        {
            var json = JsonDocument.Parse(text, StrictJson);
            if (json.RootElement.ValueKind == JsonValueKind.Object) return (json, null);
            json.Dispose();
            return (null, new Failure("structure", "The body must be a JSON object: a FHIR resource.", null));
        }
        catch (JsonException e)
        {
            var at = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return (null, new Failure("structure", $"The body is not valid JSON{at}: {e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}", null));
        }
    }

    /// <summary>The resource under strict R4 parsing, or every reason it is not one.</summary>
    public static (R4.Resource? Resource, IReadOnlyList<Failure> Failures) Parse(string json)
    {
        try
        {
            return (Strict.DeserializeResource(json), []);
        }
        catch (DeserializationFailedException e)
        {
            return (null, e.Exceptions.Select(ToFailure).ToList());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            // Not JSON at all, or JSON that is not an object: there is no element to point at.
            return (null, [new Failure("structure", "The body is not a JSON object.", null)]);
        }
    }

    static Failure ToFailure(CodedException e) => e switch
    {
        ExtendedCodedException x => new Failure(IssueCode(x.IssueType), x.BaseErrorMessage ?? x.Message, x.InstancePath),
        _ => new Failure("structure", e.Message, null),
    };

    static string IssueCode(R4.OperationOutcome.IssueType? type) => type switch
    {
        R4.OperationOutcome.IssueType.Required => "required",
        R4.OperationOutcome.IssueType.CodeInvalid => "value",
        R4.OperationOutcome.IssueType.Structure => "structure",
        _ => "value",
    };
}
