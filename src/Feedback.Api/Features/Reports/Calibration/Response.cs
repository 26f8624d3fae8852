using System.Text.Json.Serialization;
using Feedback.Clinical.Reports;

namespace Feedback.Api.Features.Reports.Calibration;

/// <summary>
/// The signal calibration report (calibration-v1, clinical.md section 12): how often the trajectory signal flags, and
/// how well an early flag and the largest early deviation foretell a poor outcome, in this service. Counts of 1-9, and
/// any count a sum would give back, are null; so are rates over fewer than 10 or over a hidden count; every null is
/// named in suppressed.
/// </summary>
sealed class Response
{
    /// <summary>calibration-v1.</summary>
    public required string CalibrationVersion { get; init; }
    /// <summary>The trajectory model every deviation was recomputed with (power-decay-v1.1).</summary>
    public required string Model { get; init; }
    /// <summary>The status rules every status was recomputed with (alerts-v1.2).</summary>
    public required string RulesVersion { get; init; }
    public required string From { get; init; }
    /// <summary>The day after the range (exclusive).</summary>
    public required string To { get; init; }
    public required string Instrument { get; init; }
    public required string? ClinicianId { get; init; }
    public required int MinCellSize { get; init; }
    /// <summary>The sample: ended episodes with at least 4 client administrations of the instrument.</summary>
    public required int? Episodes { get; init; }
    /// <summary>Episodes with an administration at trajectory sessions 2-4.</summary>
    public required int? EarlyAssessed { get; init; }
    /// <summary>Early-assessed episodes whose last score is not reliably improved on the first.</summary>
    public required int? Poor { get; init; }
    public required int? NotPoor { get; init; }
    /// <summary>Flagged early (at_risk, off_track or no_change at t 2-4) and poor.</summary>
    [JsonPropertyName("TP")] public required int? TruePositives { get; init; }
    /// <summary>Flagged early, not poor.</summary>
    [JsonPropertyName("FP")] public required int? FalsePositives { get; init; }
    /// <summary>Not flagged early, poor.</summary>
    [JsonPropertyName("FN")] public required int? FalseNegatives { get; init; }
    /// <summary>Neither.</summary>
    [JsonPropertyName("TN")] public required int? TrueNegatives { get; init; }
    /// <summary>The sample's administrations whose status is not baseline.</summary>
    public required int? PostIntakeAssessments { get; init; }
    /// <summary>Those at_risk, off_track or no_change.</summary>
    public required int? FlaggedAssessments { get; init; }
    /// <summary>flagged / post-intake assessments, 3 decimals. Far above 0.25 means alert fatigue.</summary>
    public required double? FlagRate { get; init; }
    /// <summary>TP / (TP + FN): the share of poor outcomes flagged early.</summary>
    public required double? Sensitivity { get; init; }
    /// <summary>TN / (TN + FP).</summary>
    public required double? Specificity { get; init; }
    /// <summary>TP / (TP + FP): the share of early flags that ended poorly.</summary>
    public required double? Ppv { get; init; }
    /// <summary>Mann-Whitney AUC of the largest deviation at t 2-4 for poor outcome (ties 1/2), 3 decimals; 0.5 is chance.
    /// Shown when poor and notPoor are both at least 10.</summary>
    public required double? Auc { get; init; }
    public required List<string> Suppressed { get; init; }

    public static Response Of(Request r, DateTimeOffset from, DateTimeOffset to, CalibrationRow c) => new()
    {
        CalibrationVersion = CalibrationReport.Version, Model = CalibrationReport.Model, RulesVersion = CalibrationReport.RulesVersion,
        From = ReportRange.Day(from), To = ReportRange.Day(to), Instrument = r.Instrument!, ClinicianId = r.ClinicianId,
        MinCellSize = TableSuppression.MinCellSize, Episodes = c.Episodes, EarlyAssessed = c.EarlyAssessed, Poor = c.Poor, NotPoor = c.NotPoor,
        TruePositives = c.TruePositives, FalsePositives = c.FalsePositives, FalseNegatives = c.FalseNegatives, TrueNegatives = c.TrueNegatives,
        PostIntakeAssessments = c.PostIntakeAssessments, FlaggedAssessments = c.FlaggedAssessments, FlagRate = c.FlagRate,
        Sensitivity = c.Sensitivity, Specificity = c.Specificity, Ppv = c.Ppv, Auc = c.Auc, Suppressed = [.. c.Suppressed],
    };
}
