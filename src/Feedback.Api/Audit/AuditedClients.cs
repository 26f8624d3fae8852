namespace Feedback.Api.Audit;

/// <summary>
/// The clients whose data an answer about several clients holds (the worklist): the audit records one entry for each,
/// so "who saw this client's alerts" has an answer.
/// </summary>
static class AuditedClients
{
    const string Key = "feedback.audited-clients";

    public static void Set(HttpContext ctx, IEnumerable<string> clientIds) =>
        ctx.Items[Key] = clientIds.Distinct(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string>? Of(HttpContext ctx) => ctx.Items.TryGetValue(Key, out var value) ? (IReadOnlyList<string>?)value : null;
}
