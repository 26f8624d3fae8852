using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Feedback.Api.Tests.Architecture;

/// <summary>
/// An area is a top-level folder of src/Feedback.Api/Features, namespace Feedback.Api.Features.&lt;Area&gt;: only its own
/// code names it. What several areas or the host use lives in Shared/ (or Json/, Errors/, Hosting/, ...); the host finds
/// an area's endpoints (FastEndpoints) and services (IAreaServices) by scanning the assembly. README, "What is where".
/// </summary>
public sealed partial class FeatureAreaTests
{
    const string Features = "Feedback.Api.Features.";

    static List<string> Areas() => typeof(Program).Assembly.GetTypes()
        .Select(t => t.Namespace)
        .Where(ns => ns is not null && ns.StartsWith(Features, StringComparison.Ordinal))
        .Select(ns => ns![Features.Length..].Split('.')[0])
        .Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The type a reader finds in a file: a nested type, closure or state machine stands for the type declaring it.</summary>
    static Type Declared(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    static bool InArea(Type type, string area) =>
        type.Namespace is { } ns && (ns == Features + area || ns.StartsWith(Features + area + ".", StringComparison.Ordinal));

    [Fact]
    public void Every_top_level_folder_of_Features_is_an_area_and_Features_has_nothing_else()
    {
        var folders = Directory.GetDirectories(Path.Combine(Source(), "Features")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        folders.ShouldBe(Areas());
        Directory.GetFiles(Path.Combine(Source(), "Features")).ShouldBeEmpty("Features holds areas only; shared code is in Shared/");
    }

    [Fact]
    public void No_type_outside_an_area_depends_on_it()
    {
        var offences = new List<string>();
        foreach (var area in Areas())
        {
            // Filtered here, not by NetArchTest's namespace predicate, which sees a nested type's namespace as empty.
            var result = Types.InAssembly(typeof(Program).Assembly).ShouldNot().HaveDependencyOn(Features + area).GetResult();
            offences.AddRange((result.FailingTypes ?? []).Select(Declared).Where(t => !InArea(t, area)).Select(t => $"{t.FullName} -> {area}"));
        }
        offences.Distinct().Order(StringComparer.Ordinal).ShouldBeEmpty("types that use an area they are not part of");
    }

    [GeneratedRegex(@"\bFeatures\.(\w+)")] private static partial Regex FeaturesNamespace();

    [Fact]
    public void No_file_outside_an_area_names_its_namespace()
    {
        var root = Source();
        var areas = Areas().ToHashSet();
        var offences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var path = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (path.StartsWith("bin/", StringComparison.Ordinal) || path.StartsWith("obj/", StringComparison.Ordinal)) continue;
            var code = string.Join('\n', File.ReadLines(file).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            offences.AddRange(FeaturesNamespace().Matches(code).Select(m => m.Groups[1].Value)
                .Where(area => areas.Contains(area) && !path.StartsWith($"Features/{area}/", StringComparison.Ordinal))
                .Select(area => $"{path} -> {area}"));
        }
        offences.Distinct().Order(StringComparer.Ordinal).ShouldBeEmpty("files that name an area they are not part of");
    }

    static string Source()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var source = Path.Combine(dir.FullName, "src", "Feedback.Api");
            if (Directory.Exists(Path.Combine(source, "Features"))) return source;
        }
        throw new DirectoryNotFoundException("src/Feedback.Api above " + AppContext.BaseDirectory);
    }
}
