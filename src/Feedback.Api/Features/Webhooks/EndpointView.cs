using Feedback.Api.Webhooks;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Features.Webhooks;

/// <summary>A webhook endpoint (interop.md 2.1); never its secret, except once in the answer that created it.</summary>
class EndpointView
{
    public required string Id { get; init; }
    public required string Url { get; init; }
    public required string? Description { get; init; }
    /// <summary>alert.created, alert.acknowledged, alert.resolved, administration.created, webhook.test.</summary>
    public required List<string> EventTypes { get; init; }
    /// <summary>urgent, high or normal: alert events below it are not sent (other events always are).</summary>
    public required string MinPriority { get; init; }
    public required bool Enabled { get; init; }
    /// <summary>gone (the receiver answered 410), failing (no 2xx for 72 h), admin (disabled by PUT); null when enabled.</summary>
    public required string? DisabledReason { get; init; }
    /// <summary>
    /// false: the stored secret cannot be decrypted with this deployment's key (a database brought from another
    /// deployment); every attempt fails with error secret_unreadable until the secret is rotated (rotate-secret).
    /// </summary>
    public required bool SecretReadable { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public static EndpointView From(WebhookEndpointRow e, SecretProtector secrets) => new()
    {
        Id = e.Id, Url = e.Url, Description = e.Description, EventTypes = [.. e.EventTypes.Split(',')], MinPriority = e.MinPriority,
        Enabled = e.Enabled, DisabledReason = e.DisabledReason, SecretReadable = secrets.TryUnprotect(e.Secret) is not null,
        CreatedAt = e.CreatedAt, UpdatedAt = e.UpdatedAt,
    };
}

/// <summary>The endpoint as created, with its signing secret: shown this once.</summary>
sealed class CreatedEndpointView : EndpointView
{
    /// <summary>whsec_ and base64 of 32 random bytes; store it now, it is never shown again (rotate-secret makes a new one).</summary>
    public required string Secret { get; init; }
}
