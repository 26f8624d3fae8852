using System.Text.Json;
using Feedback.Api.Json;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Support;
using Feedback.Data.Alerts;

namespace Feedback.Api.Shared.Views;

public enum AlertStatus { Open, Acknowledged, Resolved }

/// <summary>Why a resolved alert is no longer current (interop.md 4.3).</summary>
public enum ResolvedReason
{
    /// <summary>Resolved live: a later administration (or the episode's close) replaced, repaired or escalated it.</summary>
    Replaced,
    /// <summary>Stored by an import more than Import:LiveWindowHours (72) after its administration: history, never on the worklist.</summary>
    ImportedHistory,
}

/// <summary>An alert of the clinician's worklist (clinical.md section 6).</summary>
sealed class AlertView
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    public required string EpisodeId { get; init; }
    public required string AdministrationId { get; init; }
    public required string Instrument { get; init; }
    /// <summary>Who rated the administration that raised it; trajectory alerts form one family per episode, instrument and rater.</summary>
    public required Rater Rater { get; init; }
    public required AlertKind Kind { get; init; }
    public required AlertPriority Priority { get; init; }
    /// <summary>The 1-based item that raised it, for item alerts.</summary>
    public required int? Item { get; init; }
    public required string Message { get; init; }
    public required AlertStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset? AcknowledgedAt { get; init; }
    public required string? AcknowledgedBy { get; init; }
    public required string? Note { get; init; }
    /// <summary>When it stopped being current: a trajectory alert when the latest administration of its family (episode,
    /// instrument, rater) is back on track or raised a newer one; an alliance_rupture when the rupture was repaired, ended
    /// unrepaired or its episode closed (then no administration is named); a normal early_alliance_risk when it was
    /// escalated to high. An acknowledged alert may be resolved too.</summary>
    public required DateTimeOffset? ResolvedAt { get; init; }
    /// <summary>The administration that resolved it; null when an episode's close did.</summary>
    public required string? ResolvedByAdministrationId { get; init; }
    public required string RulesVersion { get; init; }
    /// <summary>Stored by an import (POST /v1/import/administrations), dated as of its administration.</summary>
    public required bool Imported { get; init; }
    /// <summary>replaced or imported_history once resolved; null while current.</summary>
    public required ResolvedReason? ResolvedReason { get; init; }
    /// <summary>The clinic's session number of the administration that raised it, if it carried one (clinical.md v1.2 section 6).</summary>
    public required int? SessionNumber { get; init; }
    /// <summary>
    /// That administration's place among the episode's administrations of its instrument by its rater (intake = 1); the
    /// message names it so ("administration 4 of this measure") when it carries no session number. Null only for alerts
    /// stored before v1.2 whose administration is gone from the record.
    /// </summary>
    public required int? AdministrationOrdinal { get; init; }
    /// <summary>Why: no_change on an at_risk alert of a client who has not improved since intake (from t = 8); the rating's reasons
    /// (below_cutoff, item_below_9, subscale_low, drop) on alliance alerts. Empty otherwise, and for alerts stored before v1.2.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }
    /// <summary>
    /// support-v1 (clinical.md section 11): what to consider, in order, chosen when the alert was raised. Present on
    /// off_track, at_risk, no_change, early_alliance_risk and rupture_unrepaired alerts raised under v1.2; null otherwise.
    /// </summary>
    public required IReadOnlyList<SuggestionView>? Suggestions { get; init; }
    /// <summary>support-v1 with suggestions; null without.</summary>
    public required string? SuggestionsVersion { get; init; }

    public static AlertView From(AlertRow a) => new()
    {
        Id = a.Id, ClientId = a.ClientId, EpisodeId = a.EpisodeId, AdministrationId = a.AdministrationId, Instrument = a.Instrument,
        Rater = Names.Parse<Rater>(a.Rater), Kind = Names.Parse<AlertKind>(a.Kind), Priority = Names.Parse<AlertPriority>(a.Priority), Item = a.Item, Message = a.Message,
        Status = Names.Parse<AlertStatus>(a.Status), CreatedAt = a.CreatedAt, AcknowledgedAt = a.AcknowledgedAt,
        AcknowledgedBy = a.AcknowledgedBy, Note = a.Note, ResolvedAt = a.ResolvedAt,
        ResolvedByAdministrationId = a.ResolvedByAdministrationId, RulesVersion = a.RulesVersion, Imported = a.Imported,
        ResolvedReason = a.ResolvedReason is null ? null : Names.Parse<ResolvedReason>(a.ResolvedReason),
        SessionNumber = a.SessionNumber, AdministrationOrdinal = a.AdministrationOrdinal,
        Reasons = a.ReasonsJson is null ? [] : JsonSerializer.Deserialize<List<string>>(a.ReasonsJson)!,
        Suggestions = a.SuggestionsJson is null ? null : JsonSerializer.Deserialize<List<SuggestionView>>(a.SuggestionsJson, JsonSetup.Options),
        SuggestionsVersion = a.SuggestionsVersion,
    };
}

/// <summary>One support-v1 prompt: a code an EHR can map, and a fixed sentence that holds no client data.</summary>
sealed record SuggestionView(SuggestionCode Code, string Text);
