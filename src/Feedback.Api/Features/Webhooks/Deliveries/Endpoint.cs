using System.ComponentModel.DataAnnotations;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Features.Webhooks.Deliveries;

sealed class Request
{
    /// <summary>From the route.</summary>
    [RouteParam] public string Id { get; set; } = "";
    /// <summary>pending, delivering, succeeded, failed or cancelled.</summary>
    [QueryParam, AllowedValues("pending", "delivering", "succeeded", "failed", "cancelled", null)] public string? Status { get; set; }
    /// <summary>1-200, default 50.</summary>
    [QueryParam, Range(1, Pages.MaxLimit)] public int? Limit { get; set; }
    /// <summary>The nextCursor of the previous page.</summary>
    [QueryParam, StringLength(26, MinimumLength = 26)] public string? Cursor { get; set; }

    internal static readonly string[] Statuses = ["pending", "delivering", "succeeded", "failed", "cancelled"];

    internal sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(x => x.Status).Must(Statuses.Contains).When(x => x.Status is not null).WithMessage($"Must be one of {string.Join(", ", Statuses)}.");
            RuleFor(x => x.Limit).InclusiveBetween(1, Pages.MaxLimit).WithMessage($"Must be 1-{Pages.MaxLimit}.");
            RuleFor(x => x.Cursor).Must(c => Ulid.TryParse(c, out _)).When(x => x.Cursor is not null).WithMessage("Not a cursor from this API.");
        }
    }
}

sealed class AttemptView
{
    /// <summary>When the attempt ended (its answer, its error or its 15 s timeout).</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>The receiver's status; null when there was no answer (timeout, DNS, TLS, a blocked address).</summary>
    public required int? StatusCode { get; init; }
    public required int DurationMs { get; init; }
    /// <summary>Why there was no usable answer: timeout, blocked_address, endpoint_disabled, a connection error; null otherwise.</summary>
    public required string? Error { get; init; }
}

sealed class DeliveryView
{
    public required string Id { get; init; }
    /// <summary>The webhook-id header: one per event, the same on every attempt.</summary>
    public required string MessageId { get; init; }
    public required string EventType { get; init; }
    /// <summary>pending, delivering, succeeded, failed or cancelled.</summary>
    public required string Status { get; init; }
    /// <summary>Attempts since the retry schedule (re)started: a manual retry starts it again (the attempts below keep all).</summary>
    public required int AttemptCount { get; init; }
    /// <summary>When the next attempt is due; null once the delivery has succeeded, failed or been cancelled.</summary>
    public required DateTimeOffset? NextAttemptAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset? CompletedAt { get; init; }
    /// <summary>The thin payload as sent (ids, kinds and priorities; never client data).</summary>
    public required EventEnvelopeView Payload { get; init; }
    /// <summary>The last 10 attempts, oldest first.</summary>
    public required List<AttemptView> Attempts { get; init; }
}

/// <summary>The event envelope: type, timestamp and data.</summary>
sealed class EventEnvelopeView
{
    public required string Type { get; init; }
    public required string Timestamp { get; init; }
    public required Dictionary<string, object?> Data { get; init; }
}

sealed class Response
{
    public required List<DeliveryView> Items { get; init; }
    /// <summary>Pass as cursor to get the next page; null on the last page.</summary>
    public required string? NextCursor { get; init; }
}

sealed class Endpoint(Database database, WebhookRepository hooks, WebhookDeliveryRepository deliveries) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get(ApiRoutes.WebhookDeliveries);
        Policies(KeyScopes.Admin);
        Description(d => d.WithName("ListWebhookDeliveries").WithTags("Webhooks"));
        Summary(s => s.Summary = "A webhook endpoint's delivery log, newest first, with each delivery's last attempts");
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var tenantId = User.TenantId();
        var limit = r.Limit ?? Pages.DefaultLimit;
        await using var session = await database.ReadAsync(ct);
        if (await hooks.GetEndpointAsync(session, tenantId, r.Id, ct) is null)
        {
            await HttpContext.WriteProblemAsync(404, "No such webhook endpoint.");
            return;
        }
        var rows = await deliveries.PageAsync(session, tenantId, r.Id, r.Status, r.Cursor ?? "~", limit + 1, ct);
        var page = rows.Take(limit).ToList();
        var attempts = (await deliveries.AttemptsAsync(session, tenantId, r.Id, page, ct)).ToLookup(a => a.DeliveryId);
        await Send.OkAsync(new Response
        {
            Items = [.. page.Select(d => View(d, attempts[d.Id]))],
            NextCursor = rows.Count > limit ? page[^1].Id : null,
        }, ct);
    }

    static DeliveryView View(WebhookDeliveryRow d, IEnumerable<WebhookAttemptRow> attempts)
    {
        using var payload = System.Text.Json.JsonDocument.Parse(d.Payload);
        var root = payload.RootElement;
        return new DeliveryView
        {
            Id = d.Id, MessageId = d.MessageId, EventType = d.EventType, Status = d.Status, AttemptCount = d.AttemptCount,
            NextAttemptAt = d.Status is "pending" or "delivering" ? d.NextAttemptAt : null, CreatedAt = d.CreatedAt, CompletedAt = d.CompletedAt,
            Payload = new EventEnvelopeView
            {
                Type = root.GetProperty("type").GetString()!, Timestamp = root.GetProperty("timestamp").GetString()!,
                Data = root.GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value)),
            },
            Attempts = [.. attempts.Select(a => new AttemptView { At = a.At, StatusCode = a.StatusCode, DurationMs = a.DurationMs, Error = a.Error })],
        };
    }

    static object? Value(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => e.GetString(),
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.False => false,
        System.Text.Json.JsonValueKind.Null => null,
        _ => e.GetRawText(),
    };
}
