using Feedback.Api.Auth;
using Feedback.Clinical.Instruments;
using Feedback.Data.Connections;
using Feedback.Data.Tenants;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Feedback.Api.Tests;

/// <summary>
/// The real service over HTTP (WebApplicationFactory) on a fresh SQLite file per test class, with the real migrations.
/// Two tenants: A (the clinic under test, every instrument enabled) and B (another clinic, for isolation tests).
/// </summary>
public class App : WebApplicationFactory<Program>, IAsyncLifetime
{
    readonly string folder;

    public App() : this(Path.Combine(Path.GetTempPath(), "feedback-api-tests", Guid.NewGuid().ToString("N"))) { }

    /// <summary>A service over an existing database folder: a restart, as far as the data is concerned.</summary>
    internal App(string folder, bool deleteOnDispose = true)
    {
        this.folder = folder;
        this.deleteOnDispose = deleteOnDispose;
    }

    readonly bool deleteOnDispose;
    public string Folder => folder;

    public string DatabaseFile => Path.Combine(folder, "feedback.db");

    /// <summary>Tenant A's EHR: submit + read.</summary>
    public HttpClient Ehr { get; private set; } = null!;
    /// <summary>Tenant A's check-in tablet: submit only.</summary>
    public HttpClient Tablet { get; private set; } = null!;
    /// <summary>Tenant A: read only.</summary>
    public HttpClient Reader { get; private set; } = null!;
    /// <summary>Tenant A's back office: admin only.</summary>
    public HttpClient Admin { get; private set; } = null!;
    /// <summary>Tenant B's EHR, every scope: must never see tenant A's data.</summary>
    public HttpClient OtherClinic { get; private set; } = null!;
    /// <summary>No key at all.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public List<string> Keys { get; } = [];
    public string EhrKey => Keys[0];
    public string TabletKey => Keys[1];
    public string AdminKey => Keys[3];

    /// <summary>The service's clock; tests may move it forward.</summary>
    public ShiftableClock Clock { get; } = new();

    /// <summary>Per-key rate limit of the service under test: high, so that only the rate-limit tests meet it.</summary>
    protected virtual int PermitsPerSecond => 100_000;

    /// <summary>Webhooks:SecretEncryptionKey of the service under test (32 bytes, base64).</summary>
    public const string TestSecretKey = "dGVzdHMtb25seS13ZWJob29rLXNlY3JldHMta2V5ISE=";

    /// <summary>The hosting environment of the service under test.</summary>
    protected virtual string EnvironmentName => "Testing";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Feedback", $"Data Source={DatabaseFile}");
        builder.UseSetting("RateLimiting:PermitsPerSecond", PermitsPerSecond.ToString());
        builder.UseSetting("RateLimiting:Burst", PermitsPerSecond.ToString());
        builder.UseSetting("Webhooks:SecretEncryptionKey", TestSecretKey);
        builder.ConfigureLogging(l => l.ClearProviders().AddProvider(new LogCapture()));
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public virtual async ValueTask InitializeAsync()
    {
        var admin = Services.GetRequiredService<TenantAdmin>();
        var ct = CancellationToken.None;
        Ehr = await ClientWithKeyAsync(admin, "tenant-a", [KeyScopes.Submit, KeyScopes.Read]);
        Tablet = await ClientWithKeyAsync(admin, "tenant-a", [KeyScopes.Submit]);
        Reader = await ClientWithKeyAsync(admin, "tenant-a", [KeyScopes.Read]);
        Admin = await ClientWithKeyAsync(admin, "tenant-a", [KeyScopes.Admin]);
        OtherClinic = await ClientWithKeyAsync(admin, "tenant-b", KeyScopes.All);
        Anonymous = CreateClient();
        foreach (var tenant in new[] { "tenant-a", "tenant-b" })
            await EnableAllInstrumentsAsync(tenant, ct);
    }

    async Task<HttpClient> ClientWithKeyAsync(TenantAdmin admin, string tenant, string[] scopes)
    {
        var (_, key) = await admin.CreateKeyAsync(tenant, scopes, CancellationToken.None);
        Keys.Add(key);
        LogCapture.Secret(key);
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key);
        return client;
    }

    /// <summary>A client with this key whose requests pass through the given handlers (a recorder, say).</summary>
    public HttpClient ClientWithKey(string? key, params DelegatingHandler[] handlers)
    {
        var client = CreateDefaultClient(handlers);
        if (key is not null) client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key);
        return client;
    }

    /// <summary>Who attested, for tenants A and B, that they may use instruments whose licence status is required (TASC-R).</summary>
    public const string TestAttestedBy = "tests", TestReference = "tests: not for production";

    // Every instrument, the required ones (TASC-R) with the attestation clinical.md v1.2 section 2 asks for, as the demo has.
    async Task EnableAllInstrumentsAsync(string tenant, CancellationToken ct)
    {
        var db = Services.GetRequiredService<Database>();
        var tenants = Services.GetRequiredService<TenantRepository>();
        await using var tx = await db.BeginAsync(ct);
        var id = (await tenants.FindIdByNameAsync(tx, tenant, ct))!.Value;
        await tenants.SetEnabledInstrumentsAsync(tx, id, Catalogue.All.Select(i => i.Code), DateTimeOffset.UtcNow, ct);
        foreach (var instrument in Catalogue.All.Where(i => i.License.RequiresAttestation))
            await Services.GetRequiredService<LicenseAttestationRepository>().RecordAsync(tx, id, new LicenseAttestationRow
                { Instrument = instrument.Code, AttestedBy = TestAttestedBy, Reference = TestReference, AttestedAt = DateTimeOffset.UtcNow }, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Rows in every table of the schema (read from the database, so a new table is counted without a change here): what a
    /// rejected request must leave unchanged. The audit counts only entries of answered accesses (status below 400): a
    /// refused request is audited too, and that entry is the one row it may write.
    /// </summary>
    public async Task<long> CountRowsAsync()
    {
        var db = Services.GetRequiredService<Database>();
        await using var s = await db.ReadAsync(CancellationToken.None);
        var tables = (await Dapper.SqlMapper.QueryAsync<string>(s.Connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND lower(name) <> 'schemaversions'")).ToList();
        tables.ShouldContain("audit_log");
        tables.Count.ShouldBeGreaterThan(15);
        long total = 0;
        foreach (var table in tables)
        {
            await using var cmd = s.Connection.CreateCommand();
            cmd.CommandText = table == "audit_log" ? "SELECT COUNT(*) FROM audit_log WHERE status < 400" : $"SELECT COUNT(*) FROM {table}";
            total += Convert.ToInt64(await cmd.ExecuteScalarAsync());
        }
        return total;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (deleteOnDispose)
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
