using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Feedback.Api.Tests.Contract;

/// <summary>
/// The product definition travels with the repository (docs/spec/README.md): the code cites the copy in docs/spec, the
/// copy is what SOURCE says it is, and no comment cites what does not travel (the shared folder, an issue number).
/// </summary>
public sealed partial class SpecCopyTests
{
    static readonly string Root = FindRoot();
    static readonly string[] SpecFiles = ["api.md", "clinical.md", "conventions.md", "interop.md", "packages.md"];
    static readonly string[] SourceKinds = ["*.cs", "*.sql", "*.sh", "*.py", "*.mjs", "*.ts", "*.csproj", "*.props", "*.json", "*.md"];

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Feedback.sln"))) return dir.FullName;
        throw new InvalidOperationException("Feedback.sln not found above " + AppContext.BaseDirectory);
    }

    // Our own sources and docs: not build output, not installed packages, not generated clients, not the spec copy itself,
    // not this test's own patterns.
    static IEnumerable<string> Sources() =>
        SourceKinds.SelectMany(kind => Directory.EnumerateFiles(Root, kind, SearchOption.AllDirectories))
            .Where(f => !Regex.IsMatch(Path.GetRelativePath(Root, f), @"(^|/)(bin|obj|node_modules|generated|TestResults|\.git)(/|$)|^docs/spec/"))
            .Where(f => !f.EndsWith("package-lock.json", StringComparison.Ordinal) && !f.EndsWith(nameof(SpecCopyTests) + ".cs", StringComparison.Ordinal));

    [GeneratedRegex(@"\bissues? #?\d+", RegexOptions.IgnoreCase)]
    private static partial Regex IssueNumber();

    [GeneratedRegex(@"\b([a-z]+)\.md\b")]
    private static partial Regex MarkdownName();

    [Fact]
    public void The_copy_is_what_SOURCE_records()
    {
        var source = File.ReadAllText(Path.Combine(Root, "docs", "spec", "SOURCE"));
        foreach (var file in SpecFiles)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Root, "docs", "spec", file))))[..16];
            source.ShouldContain($"{hash}  {file}", customMessage: $"docs/spec/{file} was edited here: copy it with scripts/sync-spec.sh instead");
        }
    }

    [Fact]
    public void The_rules_version_of_the_copy_is_the_one_the_engine_runs()
    {
        var title = File.ReadLines(Path.Combine(Root, "docs", "spec", "clinical.md")).First();
        var version = Regex.Match(title, @"v\d+\.\d+").Value;
        Feedback.Clinical.Alerts.AlertRules.Version.ShouldEndWith("-" + version);
    }

    [Fact]
    public void No_source_cites_the_shared_folder_or_an_issue_and_every_cited_spec_file_is_here()
    {
        var sources = Sources().ToList();
        sources.Count.ShouldBeGreaterThan(300);
        var problems = new List<string>();
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            var name = Path.GetRelativePath(Root, file);
            // The sync script names the shared folder as its default source: the one file that may.
            if (text.Contains("shared/spec", StringComparison.Ordinal) && name != Path.Combine("scripts", "sync-spec.sh"))
                problems.Add($"{name}: cites shared/spec (cite docs/spec)");
            foreach (Match m in IssueNumber().Matches(text)) problems.Add($"{name}: cites '{m.Value}'");
            foreach (Match m in MarkdownName().Matches(text))
                if (SpecFiles.Contains(m.Value) && !File.Exists(Path.Combine(Root, "docs", "spec", m.Value))) problems.Add($"{name}: cites {m.Value}, missing");
        }
        problems.ShouldBeEmpty();
    }
}
