namespace Feedback.Api.OpenApi;

/// <summary>Every feature has a Request and a Response; their schema ids carry the feature: AdministrationsSubmitRequest.</summary>
static class SchemaIds
{
    const string FeaturesNamespace = "Feedback.Api.Features.";

    public static string Of(Type type)
    {
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] + string.Concat(type.GetGenericArguments().Select(Of)) : type.Name;
        var ns = type.Namespace ?? "";
        if (type.DeclaringType is { } outer) return Of(outer) + name;
        if (!ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal) || name is not ("Request" or "Response")) return name;
        return string.Concat(ns[FeaturesNamespace.Length..].Split('.')) + name;
    }
}
