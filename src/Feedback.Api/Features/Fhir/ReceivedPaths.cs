using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Feedback.Api.Features.Fhir;

/// <summary>
/// Turns the element path of a parse failure into a FHIRPath that finds a node of the received JSON (interop.md 1.1):
/// the deepest element of the path that was actually sent, since a missing or unknown element has no node of its own.
/// </summary>
static partial class ReceivedPaths
{
    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")]
    private static partial Regex Segment();

    public static string? Expression(string? elementPath, JsonNode? received)
    {
        if (received is not JsonObject root || root["resourceType"] is not JsonValue type || !type.TryGetValue<string>(out var resourceType)
            || !Hl7.Fhir.Model.ModelInfo.IsKnownResource(resourceType))
            return null; // no resource of a known type: nothing a FHIRPath could start from
        if (elementPath is null) return resourceType;
        var segments = elementPath.Split('.');
        if (segments[0] is "$this" or "") segments[0] = resourceType;
        if (segments[0] != resourceType) return resourceType;

        var found = resourceType;
        JsonNode? node = root;
        foreach (var segment in segments.Skip(1))
        {
            if (Segment().Match(segment) is not { Success: true } m || node is not JsonObject obj) break;
            var name = m.Groups[1].Value;
            var child = obj[name] ?? ChoiceOf(obj, name);
            if (child is null) break;
            if (m.Groups[2].Success)
            {
                var index = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (child is not JsonArray array || index >= array.Count) break;
                child = array[index];
            }
            else if (child is JsonArray) break; // FHIRPath would name every element; the path stops at the array's owner
            found = $"{found}.{segment}";
            node = child;
        }
        return found;
    }

    // value[x]: "value" names valueInteger, valueCoding...
    static JsonNode? ChoiceOf(JsonObject obj, string name) =>
        obj.FirstOrDefault(p => p.Key.Length > name.Length && p.Key.StartsWith(name, StringComparison.Ordinal) && char.IsUpper(p.Key[name.Length])).Value;
}
