using Feedback.Api.Webhooks;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Features.Webhooks.Create;

sealed class Request : EndpointBody
{
    internal sealed class Validator : Rules<Request>;
}

sealed class Endpoint(Database database, WebhookRepository hooks, SecretProtector protector, TargetCheck targets, TimeProvider clock)
    : Endpoint<Request, CreatedEndpointView>
{
    /// <summary>interop.md 2.1: at most 10 endpoints per tenant.</summary>
    public const int MaxEndpoints = 10;

    public override void Configure()
    {
        Post(ApiRoutes.WebhookEndpoints);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("CreateWebhookEndpoint").WithTags("Webhooks").ClearDefaultProduces(200)
            .Produces<CreatedEndpointView>(201).Produces<Problem>(409, Problem.ContentType));
        Summary(s => s.Summary = "Add a webhook endpoint; the answer holds its signing secret, shown this once");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        if (await targets.ProblemAsync(r.Url!, ct) is { } problem)
        {
            await HttpContext.WriteProblemAsync(400, "Invalid input: url.", new() { ["url"] = [problem] });
            return;
        }
        var now = clock.GetUtcNow();
        var secret = WebhookSignature.NewSecret();
        var row = new WebhookEndpointRow
        {
            Id = Ulid.NewUlid().ToString(), Url = r.Url!, Description = r.Description, EventTypes = string.Join(',', r.EventTypes!),
            MinPriority = r.MinPriority ?? "normal", Enabled = r.Enabled ?? true, DisabledReason = r.Enabled == false ? "admin" : null,
            Secret = protector.Protect(secret), CreatedAt = now, UpdatedAt = now,
        };
        var tenantId = User.TenantId();
        var created = await database.WriteAsync(async (tx, token) =>
        {
            if (await hooks.CountEndpointsAsync(tx, tenantId, token) >= MaxEndpoints) return false;
            await hooks.InsertEndpointAsync(tx, tenantId, row, token);
            return true;
        }, ct);
        if (!created)
        {
            await HttpContext.WriteProblemAsync(409, $"This tenant has {MaxEndpoints} webhook endpoints already; delete one first.");
            return;
        }
        HttpContext.Response.Headers.Location = ApiRoutes.WebhookEndpointOf(row.Id);
        var view = EndpointView.From(row, protector);
        await Send.ResponseAsync(new CreatedEndpointView
        {
            Id = view.Id, Url = view.Url, Description = view.Description, EventTypes = view.EventTypes, MinPriority = view.MinPriority,
            Enabled = view.Enabled, DisabledReason = view.DisabledReason, SecretReadable = view.SecretReadable, CreatedAt = view.CreatedAt, UpdatedAt = view.UpdatedAt, Secret = secret,
        }, 201, ct);
    }
}
