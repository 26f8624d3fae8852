namespace Feedback.Api.Audit;

/// <summary>
/// What an answer held beyond its route and ids (an import's counts), recorded with its audit entry. Never client data:
/// counts, snapshot ids and cursors only.
/// </summary>
static class AuditDetail
{
    const string Key = "feedback.audit-detail";

    public static void Set(HttpContext ctx, string detail) => ctx.Items[Key] = detail;

    public static string? Of(HttpContext ctx) => ctx.Items.TryGetValue(Key, out var value) ? (string?)value : null;
}

/// <summary>Endpoint metadata: the answer is streamed, so the endpoint records its own audit entry before the first byte.</summary>
sealed class StreamedAnswer;
