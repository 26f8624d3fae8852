using Feedback.Api.Json;
using Feedback.Api.OpenApi;
using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
using Feedback.Data.Audit;
using Feedback.Data.Idempotency;
using Feedback.Data.ApiKeys;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;
using Feedback.Data.Tenants;
using Microsoft.AspNetCore.Authentication;

namespace Feedback.Api.Hosting;

static class Services
{
    public const int MaxBodyBytes = 64 * 1024;
    public const string ReadyTag = "ready";

    public static void AddFeedback(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // ASP.NET Core's request log writes every path at Information, and paths hold client ids. appsettings.json turns
        // it down, but a published dll run from another folder reads no appsettings.json: the filter is set here too,
        // after the configuration's, so it wins over any setting of the same category.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        var database = new Database(ReadDatabaseOptions(builder.Configuration, builder.Environment.ContentRootPath));
        services.AddSingleton(database.Options);
        services.AddSingleton(database);
        services.AddSingleton(database.Dialect);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TenantRepository>();
        services.AddSingleton<LicenseAttestationRepository>();
        services.AddSingleton<ApiKeyRepository>();
        services.AddSingleton<ClientRepository>();
        services.AddSingleton<EpisodeRepository>();
        services.AddSingleton<AdministrationRepository>();
        services.AddSingleton<TenantAdmin>();
        services.AddMemoryCache();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<AlertRepository>();
        services.AddSingleton<Feedback.Data.Plans.PlanRepository>();
        services.AddSingleton<Feedback.Data.Plans.DueRepository>();
        services.AddSingleton<Feedback.Data.Reports.ReportRepository>();
        services.AddSingleton<Feedback.Data.Exports.ExportRepository>();
        services.AddSingleton<Feedback.Data.Leases.LeaseRepository>();
        services.AddSingleton<TenantLeases>();
        services.AddHostedService(sp => sp.GetRequiredService<TenantLeases>()); // releases a crashed run's leases
        services.AddSingleton<IdempotencyRepository>();
        services.AddSingleton<AuditRepository>();
        services.AddSingleton<Feedback.Data.Recording.RecordingRepository>();
        services.AddSingleton<Recording.StateReader>();
        services.AddSingleton<Recording.Recorder>();
        services.AddSingleton<Feedback.Data.Webhooks.WebhookRepository>();
        services.AddSingleton<Feedback.Data.Webhooks.WebhookDeliveryRepository>();
        services.AddSingleton<Webhooks.DeliverySignal>();
        services.AddSingleton<Webhooks.WebhookOutbox>();
        services.AddSingleton(sp => Webhooks.SecretProtector.From(builder.Configuration, builder.Environment));
        services.AddSingleton(sp => Webhooks.TargetRules.From(builder.Configuration, builder.Environment));
        services.AddSingleton<Webhooks.AddressResolver>();
        services.AddSingleton<Webhooks.TargetCheck>();
        services.AddSingleton<Webhooks.DeliveryClient>();
        services.AddHostedService<Webhooks.DeliveryWorker>();
        services.AddHostedService<Webhooks.SecretCheck>();

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        services.ConfigureHttpJsonOptions(o => JsonSetup.Apply(o.SerializerOptions));
        // Before AddProblemDetails: the first writer that can answer does; under /fhir/r4 that is an OperationOutcome,
        // elsewhere problem+json whatever the Accept (ProblemWriter), so ASP.NET Core's own writer is never reached.
        services.AddSingleton<IProblemDetailsWriter, FhirProblemWriter>();
        services.AddSingleton<IProblemDetailsWriter, ProblemWriter>();
        services.AddSingleton<FhirUrls>();
        services.AddProblemDetails();

        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization(o =>
        {
            foreach (var scope in KeyScopes.All)
                o.AddPolicy(scope, p => p.RequireAuthenticatedUser().RequireClaim(KeyScopes.ScopeClaim, scope));
            o.AddPolicy(KeyScopes.AnyKey, p => p.RequireAuthenticatedUser().RequireClaim(KeyScopes.ScopeClaim, KeyScopes.All));
            foreach (var (policy, scopes) in KeyScopes.EitherOf)
                o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireClaim(KeyScopes.ScopeClaim, scopes));
        });

        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ScopeRefusals>();
        services.AddFeedbackCors(builder.Configuration);
        services.AddFeedbackRateLimits(builder.Configuration);
        services.AddFeedbackProxies(builder.Configuration);
        services.AddSingleton<IdempotencyPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencyPurge>());
        services.AddHostedService<PlannerStatistics>();
        if (builder.Configuration[WriterStats.Variable] == "1") services.AddHostedService<WriterStats>();
        services.AddHealthChecks().AddCheck<DatabaseReady>("database", tags: [ReadyTag]);
        // Graceful shutdown: in-flight requests get this long to finish after SIGTERM.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.AddFastEndpoints();
        services.AddFeedbackOpenApi();
        services.AddAreaServices(); // after the OpenAPI setup: an area's operation filters run after the common ones
    }

    static DatabaseOptions ReadDatabaseOptions(IConfiguration config, string contentRoot)
    {
        var provider = Enum.Parse<DatabaseProvider>(config["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite), ignoreCase: true);
        var connectionString = config.GetConnectionString("Feedback");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.SqlServer)
                throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Feedback is empty.");
            connectionString = DatabaseOptions.DefaultSqliteConnectionString;
        }
        var lockTimeout = TimeSpan.FromSeconds(config.GetValue("Database:LockTimeoutSeconds", DefaultLockTimeoutSeconds));
        return new DatabaseOptions(provider, provider == DatabaseProvider.Sqlite
            ? BoundedSqlite(SqliteUnder(contentRoot, connectionString), lockTimeout)
            : BoundedSqlServer(connectionString, lockTimeout)) { LockTimeout = lockTimeout };
    }

    const int DefaultLockTimeoutSeconds = 5;

    /// <summary>Retry-After of a 503 answered because the database was busy: another writer holds its lock for now.</summary>
    public const string RetryAfterBusySeconds = "2";

    // Microsoft.Data.Sqlite retries a busy statement for its command timeout (30 s by default) on top of busy_timeout:
    // both are bounded by the lock timeout unless the connection string sets its own.
    static string BoundedSqlite(string connectionString, TimeSpan lockTimeout)
    {
        var csb = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (!csb.ShouldSerialize("Default Timeout"))
            csb.DefaultTimeout = (int)Math.Ceiling(lockTimeout.TotalSeconds);
        return csb.ToString();
    }

    static string BoundedSqlServer(string connectionString, TimeSpan lockTimeout)
    {
        var csb = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString);
        if (!csb.ShouldSerialize("Command Timeout"))
            csb.CommandTimeout = (int)Math.Ceiling(lockTimeout.TotalSeconds);
        return csb.ToString();
    }

    // A relative SQLite file lives under the content root (src/Feedback.Api/data/feedback.db), wherever the process starts.
    static string SqliteUnder(string contentRoot, string connectionString)
    {
        var csb = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource != ":memory:" && !Path.IsPathRooted(csb.DataSource))
            csb.DataSource = Path.Combine(contentRoot, csb.DataSource);
        return csb.ToString();
    }
}
