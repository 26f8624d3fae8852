using Feedback.Api.Webhooks;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Features.Webhooks.Put;

sealed class Request : EndpointBody
{
    /// <summary>From the route.</summary>
    [RouteParam] public string Id { get; set; } = "";

    internal sealed class Validator : Rules<Request>;
}

sealed class Endpoint(Database database, WebhookRepository hooks, TargetCheck targets, SecretProtector secrets, TimeProvider clock) : Endpoint<Request, EndpointView>
{
    public override void Configure()
    {
        Put(ApiRoutes.WebhookEndpoint);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("PutWebhookEndpoint").WithTags("Webhooks"));
        Summary(s => s.Summary = "Replace a webhook endpoint (omitted optional fields take their defaults); enabled: true re-enables it");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        if (await targets.ProblemAsync(r.Url!, ct) is { } problem)
        {
            await HttpContext.WriteProblemAsync(400, "Invalid input: url.", new() { ["url"] = [problem] });
            return;
        }
        var tenantId = User.TenantId();
        var now = clock.GetUtcNow();
        var stored = await database.WriteAsync(async (tx, token) =>
        {
            if (await hooks.GetEndpointAsync(tx, tenantId, r.Id, token) is not { } current) return null;
            var enabled = r.Enabled ?? true;
            var replaced = new WebhookEndpointRow
            {
                Id = current.Id, Url = r.Url!, Description = r.Description, EventTypes = string.Join(',', r.EventTypes!),
                MinPriority = r.MinPriority ?? "normal", Enabled = enabled, DisabledReason = enabled ? null : current.DisabledReason ?? "admin",
                Secret = current.Secret, CreatedAt = current.CreatedAt, UpdatedAt = now,
            };
            await hooks.ReplaceEndpointAsync(tx, tenantId, replaced, token);
            return await hooks.GetEndpointAsync(tx, tenantId, r.Id, token);
        }, ct);
        if (stored is null)
            await HttpContext.WriteProblemAsync(404, "No such webhook endpoint.");
        else
            await Send.OkAsync(EndpointView.From(stored, secrets), ct);
    }
}
