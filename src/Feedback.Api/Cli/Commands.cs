using Feedback.Data.ApiKeys;
using Feedback.Data.Migrations;

namespace Feedback.Api.Cli;

/// <summary>
/// `migrate`, `keys create --tenant NAME --scopes submit,read`, `keys list`, `keys revoke KEY_ID`.
/// A new key is printed as the last line of stdout, once; it is stored only as a hash.
/// </summary>
static class Commands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "migrate" or "keys";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        var ct = CancellationToken.None;
        switch (args)
        {
            case ["migrate"]:
                var result = Migrator.Upgrade(options);
                output.WriteLine($"Applied {result.Scripts.Count()} migration(s) to the {options.Provider} database.");
                return 0;
            case ["keys", "create", .. var rest] when Option(rest, "--tenant") is { } tenant:
                var scopes = (Option(rest, "--scopes") ?? KeyScopes.Submit).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (tenant.Length is 0 or > 100 || scopes.Length == 0 || scopes.Except(KeyScopes.All).Any())
                    return Usage(output, $"Scopes are {string.Join(", ", KeyScopes.All)}; a tenant name is 1-100 characters.");
                EnsureMigrated(options);
                var (keyId, key) = await services.GetRequiredService<TenantAdmin>().CreateKeyAsync(tenant, scopes, ct);
                output.WriteLine($"Created key {keyId} for tenant '{tenant}' with scopes {string.Join(',', scopes)}. It is shown once:");
                output.WriteLine(key);
                return 0;
            case ["keys", "list"]:
                EnsureMigrated(options);
                await using (var session = await services.GetRequiredService<Database>().ReadAsync(ct))
                    foreach (var k in await services.GetRequiredService<ApiKeyRepository>().ListAsync(session, ct))
                        output.WriteLine($"{k.Id}  {k.TenantName}  {k.Scopes}  created {k.CreatedAt:u}{(k.RevokedAt is { } r ? $"  revoked {r:u}" : "")}");
                return 0;
            case ["keys", "revoke", var id]:
                EnsureMigrated(options);
                await using (var tx = await services.GetRequiredService<Database>().BeginAsync(ct))
                {
                    var revoked = await services.GetRequiredService<ApiKeyRepository>().RevokeAsync(tx, id, services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
                    await tx.CommitAsync(ct);
                    output.WriteLine(revoked ? $"Revoked key {id}." : $"No active key {id}.");
                    return revoked ? 0 : 1;
                }
            default:
                return Usage(output, "Unknown command.");
        }
    }

    static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    // SQL Server is migrated only by `migrate`; SQLite is migrated wherever the service starts.
    static void EnsureMigrated(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Sqlite) Migrator.Upgrade(options);
    }

    static int Usage(TextWriter output, string problem)
    {
        output.WriteLine(problem);
        output.WriteLine("Usage: migrate | keys create --tenant NAME --scopes submit,read,admin | keys list | keys revoke KEY_ID");
        return 2;
    }
}
