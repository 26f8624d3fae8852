using System.Reflection;
using System.Text.RegularExpressions;

namespace Feedback.Api.Tests.Contract;

/// <summary>
/// ApiRoutes spells no URL twice: every literal in it is at most one path segment, so each template is built from its
/// parent's constant, and each path and "...Of" helper from its template (eleven paths were once spelled twice).
/// </summary>
public sealed partial class ApiRoutesTests
{
    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")] private static partial Regex StringLiteral();

    static string Source()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "src", "Feedback.Api", "ApiRoutes.cs");
            if (File.Exists(file)) return File.ReadAllText(file);
        }
        throw new FileNotFoundException("src/Feedback.Api/ApiRoutes.cs above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_literal_in_ApiRoutes_is_at_most_one_path_segment()
    {
        var code = Source().Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal));
        var literals = code.SelectMany(line => StringLiteral().Matches(line).Select(m => m.Groups[1].Value)).ToList();
        literals.ShouldContain("/{clientId}");
        literals.Where(l => l.Contains('/')).ShouldAllBe(l => l.LastIndexOf('/') == 0);
    }

    [Fact]
    public void No_two_route_constants_have_the_same_value_and_every_path_is_a_route_with_a_slash()
    {
        var constants = typeof(ApiRoutes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        var routes = constants.Where(c => !c.Key.EndsWith("Path", StringComparison.Ordinal)).ToList();
        routes.Select(r => r.Value).ShouldBeUnique();
        foreach (var (name, path) in constants.Where(c => c.Key.EndsWith("Path", StringComparison.Ordinal)))
            path.ShouldBe("/" + constants[name[..^"Path".Length]], name);
    }

    [Fact]
    public void The_helpers_fill_their_templates_with_escaped_values()
    {
        ApiRoutes.AdministrationOf("c/1", "a 2").ShouldBe("/v1/clients/c%2F1/administrations/a%202");
        ApiRoutes.ProgressChartOf("c-1", "PHQ-9").ShouldBe("/v1/clients/c-1/progress.svg?instrument=PHQ-9");
        ApiRoutes.EpisodePlanOf("c-1", "e-1").ShouldBe("/v1/clients/c-1/episodes/e-1/measurement-plan");
        ApiRoutes.AcknowledgeAlertOf("x").ShouldBe("/v1/alerts/x/acknowledge");
    }
}
