namespace Feedback.Api.Features.Administrations.Submit;

/// <summary>The Idempotency-Key header (api.md): one namespace per tenant across /v1 and /fhir.</summary>
static class IdempotencyKeys
{
    public const int MaxLength = 128;

    public static bool IsValid(string? key) => key is { Length: > 0 and <= MaxLength } && key.All(c => c is > ' ' and <= '~');
}
