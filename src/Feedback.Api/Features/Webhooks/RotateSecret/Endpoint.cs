using System.ComponentModel.DataAnnotations;
using Feedback.Api.Webhooks;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Features.Webhooks.RotateSecret;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string Id { get; set; } = "";
    /// <summary>0-168, default 24: how long the previous secret still signs (a second signature), so receivers can switch.</summary>
    [Range(0, MaxGraceHours)] public int? GraceHours { get; set; }

    internal const int MaxGraceHours = 168;

    internal sealed class Validator : Validator<Request>
    {
        public Validator() =>
            RuleFor(x => x.GraceHours).InclusiveBetween(0, MaxGraceHours).WithMessage($"Must be 0-{MaxGraceHours}.");
    }
}

sealed class Response
{
    /// <summary>The new secret: shown this once.</summary>
    public required string Secret { get; init; }
    /// <summary>
    /// Until then deliveries carry two signatures, the new one first; now when the previous secret could not be
    /// decrypted (secretReadable false), which then never signs again.
    /// </summary>
    public required DateTimeOffset PreviousSecretExpiresAt { get; init; }
}

sealed class Endpoint(Database database, WebhookRepository hooks, SecretProtector protector, TimeProvider clock) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Post(ApiRoutes.RotateWebhookSecret);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("RotateWebhookSecret").WithTags("Webhooks"));
        Summary(s => s.Summary = "Give a webhook endpoint a new secret; the previous one signs too for the grace period");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var tenantId = User.TenantId();
        var now = clock.GetUtcNow();
        var secret = WebhookSignature.NewSecret();
        var expires = now.AddHours(r.GraceHours ?? 24);
        var rotated = await database.WriteAsync(async (tx, token) =>
        {
            if (await hooks.GetEndpointAsync(tx, tenantId, r.Id, token) is not { } endpoint) return false;
            if (protector.TryUnprotect(endpoint.Secret) is null) expires = now; // an unreadable secret cannot sign during a grace period
            await hooks.RotateSecretAsync(tx, tenantId, r.Id, protector.Protect(secret), expires, now, token);
            return true;
        }, ct);
        if (rotated)
            await Send.OkAsync(new Response { Secret = secret, PreviousSecretExpiresAt = expires }, ct);
        else
            await HttpContext.WriteProblemAsync(404, "No such webhook endpoint.");
    }
}
