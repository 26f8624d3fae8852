namespace Feedback.Data.Webhooks;

/// <summary>A tenant's webhook endpoint (interop.md 2.1); secrets as stored (encrypted).</summary>
public sealed class WebhookEndpointRow
{
    public string Id { get; init; } = "";
    public string Url { get; init; } = "";
    public string? Description { get; init; }
    /// <summary>Comma-separated event types.</summary>
    public string EventTypes { get; init; } = "";
    public string MinPriority { get; init; } = "normal";
    public bool Enabled { get; init; }
    public string? DisabledReason { get; init; }
    public string Secret { get; init; } = "";
    public string? PreviousSecret { get; init; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
    public DateTimeOffset? LastSuccessAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One event for one endpoint in the outbox (interop.md 2.4).</summary>
public sealed class WebhookDeliveryRow
{
    public string Id { get; init; } = "";
    public long TenantId { get; init; }
    public string MessageId { get; init; } = "";
    public string EndpointId { get; init; } = "";
    public string EventType { get; init; } = "";
    public string Payload { get; init; } = "";
    public string Status { get; init; } = "pending";
    public int AttemptCount { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public string? LeasedBy { get; init; }
    public int? LastStatusCode { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>One attempt of a delivery, for its log; Attempt is numbered by the repository when it is written.</summary>
public sealed record WebhookAttemptRow
{
    public string DeliveryId { get; init; } = "";
    public int Attempt { get; init; }
    public DateTimeOffset At { get; init; }
    public int? StatusCode { get; init; }
    public int DurationMs { get; init; }
    public string? Error { get; init; }
}

/// <summary>An event to queue: its type, its thin JSON payload, and the priority of the alert it is about (null otherwise).</summary>
public sealed record WebhookEvent(string MessageId, string Type, string Payload, int? PriorityRank);
