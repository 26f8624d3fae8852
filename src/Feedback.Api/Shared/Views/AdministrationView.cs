using System.Text.Json;
using System.Text.Json.Serialization;
using Feedback.Api.Json;
using Feedback.Data.Administrations;
using Feedback.Data.Alerts;

namespace Feedback.Api.Shared.Views;

/// <summary>An administration as stored, with its score; feedback and alerts only for keys with the read scope.</summary>
sealed class AdministrationView
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    public required string EpisodeId { get; init; }
    /// <summary>The episode and whether this administration opened it.</summary>
    public required EpisodeRef Episode { get; init; }
    public required string Instrument { get; init; }
    public required Rater Rater { get; init; }
    public required int? SessionNumber { get; init; }
    /// <summary>The clinician stored with it; for a submit-only key, only the one its request sent (see Submit).</summary>
    public required string? ClinicianId { get; set; }
    public required DateTimeOffset AdministeredAt { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>Response positions (clinical.md section 1), whatever itemConvention they were sent in.</summary>
    public required IReadOnlyList<decimal?> Items { get; init; }
    /// <summary>The client's age group when this administration was submitted: its severity and clinical range use it.</summary>
    public required AgeGroup AgeGroup { get; init; }
    public required ScoreView Score { get; init; }
    /// <summary>Progress or alliance feedback as it was answered at the time; omitted for submit-only keys.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FeedbackView? Feedback { get; init; }
    /// <summary>The alerts this administration raised, as they stand now; omitted for submit-only keys and in lists.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AlertView>? Alerts { get; init; }
    /// <summary>The trajectory model its feedback was computed with (stored with it); null for alliance instruments.</summary>
    public required string? Model { get; init; }
    /// <summary>The alert rules version it was evaluated with (stored with it, never the current one).</summary>
    public required string RulesVersion { get; init; }
    /// <summary>Where it came from: api (POST /v1), fhir (a QuestionnaireResponse) or import (POST /v1/import/administrations).</summary>
    public required AdministrationSource Source { get; init; }

    /// <summary>The administration; feedback when <paramref name="withFeedback"/>, alerts when given.</summary>
    public static AdministrationView From(AdministrationRow a, bool withFeedback, IEnumerable<AlertRow>? alerts = null) => new()
    {
        Id = a.Id, ClientId = a.ClientId, EpisodeId = a.EpisodeId, Instrument = a.Instrument,
        Episode = new EpisodeRef
        {
            Id = a.EpisodeId, Opened = a.EpisodeOpened is not null,
            Reason = a.EpisodeOpened is null ? null : Names.Parse<EpisodeOpened>(a.EpisodeOpened),
        },
        AgeGroup = Names.Parse<AgeGroup>(a.AgeGroup), Model = a.Model,
        Rater = Names.Parse<Rater>(a.Rater), SessionNumber = a.SessionNumber, ClinicianId = a.ClinicianId,
        AdministeredAt = a.AdministeredAt, ReceivedAt = a.ReceivedAt,
        Items = JsonSerializer.Deserialize<decimal?[]>(a.ItemsJson)!,
        Score = new ScoreView
        {
            Total = Canonical(a.Total), Prorated = a.Prorated, Severity = a.Severity, ClinicalRange = a.ClinicalRange,
            Subscales = JsonSerializer.Deserialize<Dictionary<string, decimal>>(a.SubscalesJson)!.ToDictionary(s => s.Key, s => Canonical(s.Value)),
        },
        Feedback = withFeedback ? FeedbackView.From(Recording.StoredFeedback.Parse(a.FeedbackJson)) : null,
        Alerts = withFeedback ? alerts?.Select(AlertView.From).ToList() : null,
        RulesVersion = a.RulesVersion, Source = Names.Parse<AdministrationSource>(a.Source),
    };

    /// <summary>30.0 and 30 are one total: answered the same way whether it was just computed or read back from storage.</summary>
    internal static decimal Canonical(decimal value) => value / 1.000000000000000000000000000000000m;
}

/// <summary>Where an administration came from (interop.md 4.2).</summary>
public enum AdministrationSource { Api, Fhir, Import }

/// <summary>Why an administration opened a new episode (clinical.md section 1).</summary>
public enum EpisodeOpened
{
    /// <summary>The client had no open episode.</summary>
    First,
    /// <summary>The open episode's latest administration was more than staleEpisodeDays earlier: it was closed then.</summary>
    Stale,
}

sealed class EpisodeRef
{
    public required string Id { get; init; }
    /// <summary>True when this administration opened the episode.</summary>
    public required bool Opened { get; init; }
    /// <summary>first (the client had no open episode) or stale (the open one had been idle longer than the tenant's
    /// staleEpisodeDays and was closed at its latest administration); null when it did not open the episode.</summary>
    public required EpisodeOpened? Reason { get; init; }
}

sealed class ScoreView
{
    public required decimal Total { get; init; }
    public required bool Prorated { get; init; }
    /// <summary>Severity band (minimal, mild, moderate, moderately_severe, severe, ...); null for alliance measures.</summary>
    public required string? Severity { get; init; }
    /// <summary>In the clinical range by the instrument's cut-off; null for alliance measures.</summary>
    public required bool? ClinicalRange { get; init; }
    public required Dictionary<string, decimal> Subscales { get; init; }
}
