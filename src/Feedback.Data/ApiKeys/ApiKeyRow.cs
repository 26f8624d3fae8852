namespace Feedback.Data.ApiKeys;

public sealed class ApiKeyRow
{
    public string Id { get; init; } = "";
    public long TenantId { get; init; }
    public string TenantName { get; init; } = "";
    public string Scopes { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}
