using System.Globalization;
using System.Text.Json;
using Feedback.Data.Alerts;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Webhooks;

/// <summary>
/// The thin events of interop.md 2.2: ids, kinds and priorities, never a client id, clinician, episode, score, item,
/// message text or date of care. `{ type, timestamp, data }`, compact JSON.
/// </summary>
static class WebhookEvents
{
    public const string AlertCreated = "alert.created";
    public const string AlertAcknowledged = "alert.acknowledged";
    public const string AlertResolved = "alert.resolved";
    public const string AdministrationCreated = "administration.created";
    public const string Test = "webhook.test";
    public static readonly string[] Types = [AlertCreated, AlertAcknowledged, AlertResolved, AdministrationCreated, Test];

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string NewMessageId() => "msg_" + Ulid.NewUlid();

    static WebhookEvent Event(string type, DateTimeOffset at, object data, int? priorityRank) =>
        new(NewMessageId(), type, JsonSerializer.Serialize(new { type, timestamp = Timestamp(at), data }, Json), priorityRank);

    public static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// alert.created; with support-v1 (clinical.md section 11) the suggestion codes in their order and the version: fixed
    /// prompts that identify nobody, so a receiver can route and label without a read. Their texts stay behind href.
    /// Alerts of the other kinds carry neither field.
    /// </summary>
    public static WebhookEvent Created(AlertRow a, DateTimeOffset at) => Event(AlertCreated, at, a.SuggestionsJson is null
        ? new
        {
            alertId = a.Id, kind = a.Kind, priority = a.Priority, instrument = a.Instrument, rulesVersion = a.RulesVersion, imported = a.Imported,
            href = $"/v1/alerts/{a.Id}",
        }
        : (object)new
        {
            alertId = a.Id, kind = a.Kind, priority = a.Priority, instrument = a.Instrument, rulesVersion = a.RulesVersion, imported = a.Imported,
            suggestions = SuggestionCodes(a.SuggestionsJson), suggestionsVersion = a.SuggestionsVersion, href = $"/v1/alerts/{a.Id}",
        }, a.PriorityRank);

    static string[] SuggestionCodes(string suggestionsJson) =>
        [.. JsonDocument.Parse(suggestionsJson).RootElement.EnumerateArray().Select(s => s.GetProperty("code").GetString()!)];

    public static WebhookEvent Acknowledged(AlertRow a, DateTimeOffset at) => Event(AlertAcknowledged, at, new
    {
        alertId = a.Id, kind = a.Kind, priority = a.Priority, acknowledgedAt = Timestamp(a.AcknowledgedAt ?? at), href = $"/v1/alerts/{a.Id}",
    }, a.PriorityRank);

    public static WebhookEvent Resolved(AlertRow a, string? replacedBy, DateTimeOffset at) => Event(AlertResolved, at, new
    {
        alertId = a.Id, kind = a.Kind, priority = a.Priority, resolvedAt = Timestamp(at), replacedBy, href = $"/v1/alerts/{a.Id}",
    }, a.PriorityRank);

    public static WebhookEvent AdministrationStored(string administrationId, string instrument, string source, DateTimeOffset at) => Event(AdministrationCreated, at, new
    {
        administrationId, instrument, source, href = $"/v1/administrations/{administrationId}",
    }, null);

    public static WebhookEvent TestOf(string endpointId, DateTimeOffset at) => Event(Test, at, new { endpointId, test = true }, null);
}
