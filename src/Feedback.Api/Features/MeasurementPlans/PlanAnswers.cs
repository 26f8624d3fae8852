using Feedback.Clinical.Plans;
using Feedback.Data.Tenants;

namespace Feedback.Api.Features.MeasurementPlans;

/// <summary>What every plan route answers alike: the ETag, refused preconditions, disabled instruments, write outcomes.</summary>
static class PlanAnswers
{
    public static void SetETag(this HttpContext ctx, EffectivePlan plan) => ctx.Response.Headers.ETag = plan.ETag();

    /// <summary>The request's If-Match / If-None-Match; null after answering 400 when one is not an entity-tag list.</summary>
    public static async Task<Preconditions?> PreconditionsAsync(this HttpContext ctx)
    {
        if (Preconditions.Read(ctx.Request, out var malformed) is { } conditions) return conditions;
        await ctx.WriteProblemAsync(400, $"Invalid input: {malformed}.",
            new() { [malformed!] = ["Must be * or entity tags from this API's ETag header, e.g. \"client-3\"."] });
        return null;
    }

    /// <summary>Rules with their defaults filled in, and the tenant's staleEpisodeDays that the plan's warnings are judged by.</summary>
    public sealed record CheckedRules(IReadOnlyList<PlanRule> Rules, int StaleEpisodeDays);

    /// <summary>The rules with their defaults filled in, or null after answering 400 naming each instrument the tenant has not enabled.</summary>
    public static async Task<CheckedRules?> EnabledRulesAsync(this HttpContext ctx, PlanBody body, Database database,
        TenantRepository tenants, CancellationToken ct)
    {
        TenantSettingsRow settings;
        await using (var session = await database.ReadAsync(ct))
            settings = await tenants.SettingsAsync(session, ctx.User.TenantId(), ct);
        var enabled = settings.EnabledInstruments;
        var errors = body.Rules!.Select((rule, i) => (rule!.Instrument!, i)).Where(r => !enabled.Contains(r.Item1))
            .ToDictionary(r => $"rules[{r.i}].instrument",
                r => new[] { $"{r.Item1} is not enabled for this tenant; an admin key can enable it in /v1/tenant/settings." });
        if (errors.Count > 0)
        {
            await ctx.WriteProblemAsync(400, $"Invalid input: {string.Join(", ", errors.Keys)}.", errors);
            return null;
        }
        return new CheckedRules(
            body.Rules!.Select(r => new PlanRule(r!.Instrument!, r.Rater ?? Rater.Client, r.Timing ?? Timing.Start, r.Cadence!.ToCadence())).ToList(),
            settings.StaleEpisodeDays);
    }

    /// <summary>Answers a write that did not happen; false when it did.</summary>
    public static async Task<bool> RefusedAsync(this HttpContext ctx, PlanWrites.Result result)
    {
        var (status, detail) = result.Outcome switch
        {
            PlanWrites.Outcome.NoClient => (404, "No such client (PUT /v1/clients/{clientId} creates one)."),
            PlanWrites.Outcome.NoEpisode => (404, "No such episode for this client."),
            PlanWrites.Outcome.EpisodeClosed => (409, "This episode is closed: an override applies only to an open episode."),
            PlanWrites.Outcome.NoOverride => (404, "There is no such plan to delete: nothing was written at this level, or it was deleted already."),
            PlanWrites.Outcome.PreconditionFailed => (412, result.Refusal!),
            _ => (0, ""),
        };
        if (status == 0) return false;
        await ctx.WriteProblemAsync(status, detail);
        return true;
    }
}
