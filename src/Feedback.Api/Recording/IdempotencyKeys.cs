namespace Feedback.Api.Recording;

/// <summary>The Idempotency-Key header (api.md): one namespace per tenant across /v1 and /fhir.</summary>
static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayHeader = "Idempotent-Replay";
    public const int MaxLength = 128;

    /// <summary>api.md: the same Idempotency-Key with the same body within 24 h returns the original response.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public static bool IsValid(string? key) => key is { Length: > 0 and <= MaxLength } && key.All(c => c is > ' ' and <= '~');
}
