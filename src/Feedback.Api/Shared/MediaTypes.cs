namespace Feedback.Api.Shared;

/// <summary>Media types that more than one area reads or answers.</summary>
static class MediaTypes
{
    /// <summary>One JSON object per line: the export's answer and the import's body and answer (interop.md 4.2, 4.3).</summary>
    public const string Ndjson = "application/x-ndjson";
}

/// <summary>Endpoint metadata: the body is NDJSON (application/x-ndjson) of at most <see cref="MaxBytes"/> bytes; the host reads it.</summary>
sealed class NdjsonBody(int maxBytes)
{
    public int MaxBytes { get; } = maxBytes;
}
