using System.Text.Json.Serialization;
using Feedback.Api.Json;
using Feedback.Clinical.Reports;

namespace Feedback.Api.Features.Reports.Outcomes;

/// <summary>An outcome report (report-v1.1): one row per group and the total, small numbers suppressed.</summary>
sealed class Response
{
    /// <summary>report-v1.1: the definitions of clinical.md section 8.</summary>
    public required string ReportVersion { get; init; }
    /// <summary>The first day of the range (UTC).</summary>
    public required string From { get; init; }
    /// <summary>The day after the range (exclusive).</summary>
    public required string To { get; init; }
    /// <summary>The instrument reported, PHQ-9+GAD-7, or null (every outcome instrument, grouped by instrument).</summary>
    public required string? Instrument { get; init; }
    /// <summary>clinician, instrument, month, or null (one group).</summary>
    public required string? GroupBy { get; init; }
    /// <summary>Counts 1 to minCellSize - 1 are not shown, nor rates or effect sizes over fewer episodes.</summary>
    public required int MinCellSize { get; init; }
    /// <summary>saes-v1: how saesTenantReferenced is computed.</summary>
    public required string SaesMethod { get; init; }
    /// <summary>tenant: saesTenantReferenced is adjusted against this service's own episodes in the period, so it compares
    /// clinicians or months within the service, not with other services (published SAES benchmarks do not apply).</summary>
    public required string SaesReference { get; init; }
    public required List<ReportGroupView> Groups { get; init; }
    /// <summary>All the groups together; with groupBy=instrument every outcome figure is null (episodes hold several
    /// instruments, so their figures do not add up) and the alliance block stands here alone.</summary>
    public required ReportGroupView Total { get; init; }
}

/// <summary>
/// One group. endedEpisodes: episodes that ended in the range holding the instrument; completedEpisodes: those with at
/// least two client-rated administrations of it; casesAtIntake: those whose intake was in the clinical range (both
/// scores judged by the age group stored with the first). Recovery rates are shares of the cases, reliable change rates
/// of the completed episodes. Every null is named in suppressed.
/// </summary>
sealed class ReportGroupView : IOmitsProperties
{
    /// <summary>The clinician id, instrument code or month (YYYY-MM); null for one group, the total, or episodes without a clinician.</summary>
    public required string? Key { get; init; }
    public required int? EndedEpisodes { get; init; }
    public required int? CompletedEpisodes { get; init; }
    public required int? CasesAtIntake { get; init; }
    public required RateView Recovered { get; init; }
    public required RateView ReliablyImproved { get; init; }
    public required RateView ReliablyDeteriorated { get; init; }
    /// <summary>Completed episodes with no reliable change either way (clinical.md section 8).</summary>
    public required RateView Unchanged { get; init; }
    public required RateView ReliableRecovery { get; init; }
    /// <summary>Pre-post effect size d over the cases (mean change / SD of intakes), 2 decimals.</summary>
    public required double? PrePostD { get; init; }
    /// <summary>
    /// Severity-adjusted effect size (saes-v1) over the cases, adjusted for intake score against this service's own cases
    /// of the instrument in the period. Only in group rows by clinician or month: over the whole service it equals prePostD.
    /// </summary>
    [Omittable] public double? SaesTenantReferenced { get; init; }
    /// <summary>The fields shown as null: suppressed, or not computable.</summary>
    public required List<string> Suppressed { get; init; }
    /// <summary>Alliance counts per alliance instrument and rater (clinical.md section 8); with groupBy=instrument only in the total.</summary>
    [Omittable] public List<AllianceRowView>? Alliance { get; init; }

    [JsonIgnore] public bool ShowsSaes { get; init; }

    public bool Writes(string jsonName) => jsonName switch
    {
        "saesTenantReferenced" => ShowsSaes,
        _ => Alliance is not null,
    };

    public static ReportGroupView From(ReportRow r) => new()
    {
        Key = r.Key, EndedEpisodes = r.EndedEpisodes, CompletedEpisodes = r.CompletedEpisodes, CasesAtIntake = r.CasesAtIntake,
        Recovered = RateView.From(r.Recovered), ReliablyImproved = RateView.From(r.ReliablyImproved),
        ReliablyDeteriorated = RateView.From(r.ReliablyDeteriorated), Unchanged = RateView.From(r.Unchanged), ReliableRecovery = RateView.From(r.ReliableRecovery),
        PrePostD = r.PrePostD, SaesTenantReferenced = r.SaesTenantReferenced, ShowsSaes = r.ShowsSaes, Suppressed = [.. r.Suppressed],
        Alliance = r.Alliance?.Select(AllianceRowView.From).ToList(),
    };
}

/// <summary>
/// One alliance instrument and rater: series (an ended episode's ratings, at least 3), ruptures (rupture-v1) =
/// repaired + unrepaired (one open at the episode's end is unrepaired); client rows also earlyAssessed (episodes with at
/// least 2 ratings at episode sessions 1-3) and earlyAllianceRisk among them (early-alliance-v2).
/// </summary>
sealed class AllianceRowView : IOmitsProperties
{
    public required string Instrument { get; init; }
    /// <summary>client or caregiver.</summary>
    public required Rater Rater { get; init; }
    public required int? Series { get; init; }
    public required int? Ruptures { get; init; }
    /// <summary>Repaired ruptures; the rate is a share of the ruptures.</summary>
    public required RateView Repaired { get; init; }
    public required int? Unrepaired { get; init; }
    /// <summary>Client rows only.</summary>
    [Omittable] public int? EarlyAssessed { get; init; }
    /// <summary>Client rows only; the rate is a share of earlyAssessed.</summary>
    [Omittable] public RateView? EarlyAllianceRisk { get; init; }
    public required List<string> Suppressed { get; init; }

    public bool Writes(string jsonName) => Rater == Rater.Client;

    public static AllianceRowView From(AllianceRow a) => new()
    {
        Instrument = a.Instrument, Rater = a.Rater, Series = a.Series, Ruptures = a.Ruptures, Repaired = RateView.From(a.Repaired),
        Unrepaired = a.Unrepaired, EarlyAssessed = a.EarlyAssessed, EarlyAllianceRisk = a.HasEarly ? RateView.From(a.EarlyAllianceRisk) : null,
        Suppressed = [.. a.Suppressed],
    };
}

/// <summary>A count and its rate (3 decimals); null when suppressed.</summary>
sealed class RateView
{
    public required int? Count { get; init; }
    public required double? Rate { get; init; }

    public static RateView From(ShownRate r) => new() { Count = r.Count, Rate = r.Rate };
}
