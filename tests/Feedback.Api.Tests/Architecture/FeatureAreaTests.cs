using NetArchTest.Rules;

namespace Feedback.Api.Tests.Architecture;

/// <summary>
/// An area is a top-level folder of Features (namespace Feedback.Api.Features.&lt;Area&gt;): only its own types use it.
/// What several areas or the host need lives outside Features; endpoints are found by FastEndpoints' assembly scan
/// and each area's services by <c>Hosting/Services.cs</c> through <c>IAreaServices</c>, so the host names no area.
/// </summary>
public sealed class FeatureAreaTests
{
    const string Features = "Feedback.Api.Features.";

    static readonly HashSet<string> AllowedForNow = [];

    static IEnumerable<string> Areas() => typeof(Program).Assembly.GetTypes()
        .Select(t => t.Namespace)
        .Where(ns => ns is not null && ns.StartsWith(Features, StringComparison.Ordinal))
        .Select(ns => ns![Features.Length..].Split('.')[0])
        .Distinct().Order(StringComparer.Ordinal);

    /// <summary>The type a reader finds in a file: a closure or state machine stands for the type that declares it.</summary>
    static Type Declared(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    static bool InArea(Type type, string area) =>
        type.Namespace is { } ns && (ns == Features + area || ns.StartsWith(Features + area + ".", StringComparison.Ordinal));

    [Fact]
    public void No_type_outside_an_area_depends_on_it()
    {
        var areas = Areas().ToList();
        areas.ShouldContain("Administrations");
        var offences = new List<string>();
        foreach (var area in areas)
        {
            // Filtered here, not by NetArchTest's namespace predicate: a nested type's own namespace is empty there.
            var result = Types.InAssembly(typeof(Program).Assembly)
                .ShouldNot().HaveDependencyOn(Features + area)
                .GetResult();
            offences.AddRange((result.FailingTypes ?? []).Select(Declared)
                .Where(t => !InArea(t, area))
                .Select(t => $"{t.FullName} -> {area}")
                .Where(o => !AllowedForNow.Contains(o)));
        }
        offences.Distinct().Order(StringComparer.Ordinal).ShouldBeEmpty(
            "types that use an area they are not part of (move what is shared out of Features)");
    }
}
