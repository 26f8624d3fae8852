using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
using Feedback.Data.Clients;
using Feedback.Data.Episodes;
using Feedback.Data.Recording;
using Feedback.Data.Webhooks;

namespace Feedback.Api.Recording;

/// <summary>
/// What one submission's decision writes, kept apart until the decision is known: a refusal's changes are dropped
/// whole, so a refusal writes nothing by structure; any other outcome's are applied to the group's state (the next
/// submission of the group decides on them) and to its <see cref="WritePlan"/>.
/// </summary>
sealed class Changes
{
    public ClientRow? NewClient { get; set; }
    public List<EpisodeRecord> NewEpisodes { get; } = [];
    public List<(EpisodeRecord Episode, EpisodeRow Row)> EpisodeChanges { get; } = [];
    public (EpisodeRecord Episode, AdministrationRow Row)? Administration { get; set; }
    public ImportLineWrite? ImportLine { get; set; }
    public List<AlertRow> Alerts { get; } = [];
    public List<AlertRow> Resolved { get; } = [];
    /// <summary>interop.md 2.4: built only when the tenant has a webhook endpoint.</summary>
    public List<Func<WebhookEvent>> Events { get; } = [];

    public void Resolve(AlertRow current, string reason, DateTimeOffset at, string? by) =>
        Resolved.Add(current with { Status = AlertStatuses.Resolved, ResolvedReason = reason, ResolvedAt = at, ResolvedByAdministrationId = by });
}
