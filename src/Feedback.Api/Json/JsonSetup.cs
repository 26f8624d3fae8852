using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Feedback.Api.Features.Administrations;

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
        // {"items":[3,...],"items":[0,...]}: a gateway that reads the first would see another answer than the one scored (issue 11).
        o.AllowDuplicateProperties = false;
        o.MaxDepth = 32;
        o.Converters.Add(new StrictEnumConverter());
        // api.md: alliance feedback says "rupture": null when there is none; outcome feedback has no rupture at all.
        o.TypeInfoResolver = (o.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RuptureOnlyInAllianceFeedback);
        o.Converters.Add(new UtcTimestampConverter());
    }

    static void RuptureOnlyInAllianceFeedback(JsonTypeInfo type)
    {
        if (type.Type != typeof(FeedbackView)) return;
        foreach (var property in type.Properties.Where(p => p.Name == "rupture"))
            property.ShouldSerialize = (feedback, _) => ((FeedbackView)feedback).Kind == InstrumentKind.Alliance;
    }
}
