using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Feedback.Api.Json;

static class JsonSetup
{
    /// <summary>The same rules for what the service stores as JSON (feedback as answered at the time).</summary>
    public static readonly JsonSerializerOptions Options = Create();

    static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions();
        Apply(o);
        return o;
    }

    /// <summary>One set of rules for requests, responses and the OpenAPI document (api.md "JSON over HTTPS").</summary>
    public static void Apply(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.PropertyNameCaseInsensitive = false;
        // "1" is not a number: ASP.NET's web defaults read numbers from strings, api.md forbids it.
        o.NumberHandling = JsonNumberHandling.Strict;
        // A misspelt property ("sesionNumber") is an error, not silently dropped clinical data.
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // {"items":[3,...],"items":[0,...]}: a gateway that reads the first would see another answer than the one scored.
        o.AllowDuplicateProperties = false;
        o.MaxDepth = 32;
        o.Converters.Add(new StrictEnumConverter());
        // api.md: alliance feedback says "rupture": null when there is none; outcome feedback has no rupture at all.
        o.TypeInfoResolver = (o.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(WriteOnlyForTheirKind).WithAddedModifier(WriteOnlyWhenIncluded);
        o.Converters.Add(new UtcTimestampConverter());
    }

    static void WriteOnlyForTheirKind(JsonTypeInfo type)
    {
        if (!typeof(IKindTagged).IsAssignableFrom(type.Type)) return;
        foreach (var property in type.Properties)
            if (property.AttributeProvider?.GetCustomAttributes(typeof(ForKindAttribute), false).FirstOrDefault() is ForKindAttribute only)
                property.ShouldSerialize = (view, _) => ((IKindTagged)view).Kind == only.Kind;
    }

    static void WriteOnlyWhenIncluded(JsonTypeInfo type)
    {
        if (!typeof(IOmitsProperties).IsAssignableFrom(type.Type)) return;
        foreach (var property in type.Properties)
            if (property.AttributeProvider?.IsDefined(typeof(OmittableAttribute), false) == true)
            {
                var name = property.Name;
                property.ShouldSerialize = (view, _) => ((IOmitsProperties)view).Writes(name);
            }
    }
}
