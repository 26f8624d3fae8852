using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Feedback.Api.Json;
using Feedback.Clinical;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Trajectories;

namespace Feedback.Api.Recording;

/// <summary>
/// The feedback stored with an administration (administrations.feedback_json): what the clinician saw when it arrived,
/// numbers rounded to one decimal. A storage format of its own, with its names written out here, so that renaming a field
/// of the API's FeedbackView cannot change what is stored or what a later clinical decision reads back from it;
/// StoredFeedbackTests holds rows written before this type existed to read back and write out unchanged.
/// </summary>
sealed record StoredFeedback
{
    [JsonPropertyName("kind")] public required InstrumentKind Kind { get; init; }

    [JsonPropertyName("intakeScore")] public decimal? IntakeScore { get; init; }
    [JsonPropertyName("intakeProrated")] public bool? IntakeProrated { get; init; }
    [JsonPropertyName("changeFromIntake")] public decimal? ChangeFromIntake { get; init; }
    [JsonPropertyName("reliableChange")] public ChangeCategory? ReliableChange { get; init; }
    [JsonPropertyName("recovered")] public bool? Recovered { get; init; }
    [JsonPropertyName("expected")] public StoredExpected? Expected { get; init; }
    [JsonPropertyName("deviation")] public decimal? Deviation { get; init; }
    [JsonPropertyName("status")] public ProgressStatus? Status { get; init; }
    [JsonPropertyName("trajectoryAgeGroup")] public AgeGroup? TrajectoryAgeGroup { get; init; }
    [JsonPropertyName("trajectoryClinicalRange")] public bool? TrajectoryClinicalRange { get; init; }

    [JsonPropertyName("previousScore")] public decimal? PreviousScore { get; init; }
    [JsonPropertyName("changeFromPrevious")] public decimal? ChangeFromPrevious { get; init; }
    [JsonPropertyName("concern")] public bool? Concern { get; init; }
    [JsonPropertyName("reasons")] public IReadOnlyList<AllianceReason>? Reasons { get; init; }
    /// <summary>Alliance only, and written there even when null; absent in feedback stored before alliance-v2.</summary>
    [JsonPropertyName("rupture"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public StoredRupture? Rupture { get; init; }

    /// <param name="e">The engine's evaluation of the administration.</param>
    /// <param name="ownAgeGroup">The age group stored with this administration.</param>
    public static StoredFeedback? From(Evaluation e, AgeGroup ownAgeGroup) =>
        e.Outcome is { } o ? Outcome(o, ownAgeGroup) : e.Alliance is { } a ? Alliance(a) : null;

    static StoredFeedback Outcome(OutcomeFeedback f, AgeGroup ownAgeGroup) => new()
    {
        Kind = InstrumentKind.Outcome,
        IntakeScore = f.IntakeScore, IntakeProrated = f.IntakeProrated, ChangeFromIntake = f.ChangeFromIntake, ReliableChange = f.ReliableChange, Recovered = f.Recovered,
        Expected = new StoredExpected
        {
            Model = f.Model, Session = f.Session, Score = Rounding.OneDecimal(f.Expected),
            AtRisk = Rounding.OneDecimal(f.AtRisk), OffTrack = Rounding.OneDecimal(f.OffTrack),
        },
        Deviation = Rounding.OneDecimal(f.Deviation), Status = f.Status,
        TrajectoryAgeGroup = f.TrajectoryAgeGroup == ownAgeGroup ? null : f.TrajectoryAgeGroup,
        TrajectoryClinicalRange = f.TrajectoryAgeGroup == ownAgeGroup ? null : f.TrajectoryClinicalRange,
    };

    static StoredFeedback Alliance(AllianceFeedback f) => new()
    {
        Kind = InstrumentKind.Alliance,
        PreviousScore = f.PreviousScore, ChangeFromPrevious = f.ChangeFromPrevious, Concern = f.Concern, Reasons = f.Reasons,
        Rupture = f.Rupture is { } r ? new StoredRupture
        {
            State = r.State, Baseline = r.Baseline, SinceAdministrationId = r.SinceAdministrationId, RatingsSince = r.RatingsSince,
        } : null,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static StoredFeedback? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<StoredFeedback>(json, Options);

    static readonly JsonSerializerOptions Options = CreateOptions();

    // Names from the attributes only (no naming policy); nulls left out but for an alliance rating's rupture.
    static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RuptureOnlyForAlliance } },
        };
        o.Converters.Add(new StrictEnumConverter());
        return o;
    }

    static void RuptureOnlyForAlliance(JsonTypeInfo type)
    {
        if (type.Type != typeof(StoredFeedback)) return;
        foreach (var property in type.Properties.Where(p => p.Name == "rupture"))
            property.ShouldSerialize = (feedback, _) => ((StoredFeedback)feedback).Kind == InstrumentKind.Alliance;
    }
}

sealed record StoredExpected
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("session")] public required int Session { get; init; }
    [JsonPropertyName("score")] public required decimal Score { get; init; }
    [JsonPropertyName("atRisk")] public required decimal AtRisk { get; init; }
    [JsonPropertyName("offTrack")] public required decimal OffTrack { get; init; }
}

sealed record StoredRupture
{
    [JsonPropertyName("state")] public required RuptureState State { get; init; }
    [JsonPropertyName("baseline")] public required decimal Baseline { get; init; }
    [JsonPropertyName("sinceAdministrationId")] public required string SinceAdministrationId { get; init; }
    [JsonPropertyName("ratingsSince")] public required int RatingsSince { get; init; }
}
