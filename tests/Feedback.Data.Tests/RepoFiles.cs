namespace Feedback.Data.Tests;

static class RepoFiles
{
    /// <summary>The folder holding Feedback.sln, found from the test binaries upward.</summary>
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Feedback.sln"))) return dir.FullName;
        throw new InvalidOperationException("Feedback.sln not found above " + AppContext.BaseDirectory);
    }
}
