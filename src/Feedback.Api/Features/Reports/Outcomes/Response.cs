using Feedback.Clinical.Reports;

namespace Feedback.Api.Features.Reports.Outcomes;

/// <summary>An outcome report (report-v1): one row per group and the total, small numbers suppressed.</summary>
sealed class Response
{
    /// <summary>report-v1: the definitions of clinical.md section 8.</summary>
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
    public required List<ReportGroupView> Groups { get; init; }
    /// <summary>All the groups together; with groupBy=instrument every figure is null (episodes hold several instruments,
    /// so their figures do not add up).</summary>
    public required ReportGroupView Total { get; init; }
}

/// <summary>
/// One group. endedEpisodes: episodes that ended in the range holding the instrument; completedEpisodes: those with at
/// least two client-rated administrations of it; casesAtIntake: those whose intake was in the clinical range. Recovery
/// rates are shares of the cases, reliable change rates of the completed episodes. Every null is named in suppressed.
/// </summary>
sealed class ReportGroupView
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
    /// <summary>Severity-adjusted effect size (saes-v1) over the cases, against all the tenant's cases of the instrument in the range.</summary>
    public required double? Saes { get; init; }
    /// <summary>The fields shown as null: suppressed, or not computable.</summary>
    public required List<string> Suppressed { get; init; }

    public static ReportGroupView From(ReportRow r) => new()
    {
        Key = r.Key, EndedEpisodes = r.EndedEpisodes, CompletedEpisodes = r.CompletedEpisodes, CasesAtIntake = r.CasesAtIntake,
        Recovered = RateView.From(r.Recovered), ReliablyImproved = RateView.From(r.ReliablyImproved),
        ReliablyDeteriorated = RateView.From(r.ReliablyDeteriorated), Unchanged = RateView.From(r.Unchanged), ReliableRecovery = RateView.From(r.ReliableRecovery),
        PrePostD = r.PrePostD, Saes = r.Saes, Suppressed = [.. r.Suppressed],
    };
}

/// <summary>A count and its rate (3 decimals); null when suppressed.</summary>
sealed class RateView
{
    public required int? Count { get; init; }
    public required double? Rate { get; init; }

    public static RateView From(ShownRate r) => new() { Count = r.Count, Rate = r.Rate };
}
