using System.Diagnostics;
using System.Security.Cryptography;

namespace Feedback.Api.Tests.Contract;

/// <summary>
/// The Node.js tools of tests/interop (Spectral, openapi-typescript, tsc, ajv), installed by the tests themselves with
/// `npm ci` from the committed lockfile, once per lockfile (a stamp in node_modules remembers which).
/// </summary>
public static class Node
{
    public static string Folder => Path.Combine(Repo.Root, "tests", "interop");
    static readonly Lazy<Task> Installed = new(InstallAsync);

    public static Task EnsureInstalledAsync() => Installed.Value;

    static async Task InstallAsync()
    {
        var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Folder, "package-lock.json"))));
        var stamp = Path.Combine(Folder, "node_modules", ".feedback-lock-sha256");
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == lockHash) return;
        var (exit, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(10));
        if (exit != 0) throw new InvalidOperationException($"npm ci failed in {Folder}:\n{output}");
        await File.WriteAllTextAsync(stamp, lockHash);
    }

    /// <summary>Runs a program in tests/interop; its exit code and everything it printed.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string program, string[] args, TimeSpan? timeout = null, Dictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? []) start.Environment[k] = v;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"{program} {string.Join(' ', args)} took too long"); }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs a script of tests/interop or a package's command-line entry with node.</summary>
    public static Task<(int Exit, string Output)> ScriptAsync(string script, string[] args, Dictionary<string, string>? env = null) =>
        RunAsync("node", [script, .. args], env: env);
}
