namespace Feedback.Clinical.Reports;

/// <summary>
/// A report group's figures before suppression (clinical.md section 8). Rates are rounded to 3 decimals, effect sizes to
/// 2; an effect size is null when it cannot be computed (fewer than 2 cases, no spread of intakes).
/// <see cref="ShowsSaes"/>: the row carries saesTenantReferenced (group rows of groupBy clinician or month only; over
/// the whole reference it equals prePostD by construction). <see cref="Alliance"/>: the alliance block, null where the
/// report leaves it out (the groups of groupBy=instrument).
/// </summary>
public sealed record OutcomeFigures(
    string? Key, int EndedEpisodes, int CompletedEpisodes, int CasesAtIntake,
    int Recovered, int ReliablyImproved, int ReliablyDeteriorated, int ReliableRecovery,
    double? PrePostD, double? SaesTenantReferenced, bool ShowsSaes = false, IReadOnlyList<AllianceFigures>? Alliance = null)
{
    /// <summary>Completed episodes with no reliable change either way (clinical.md section 8).</summary>
    public int Unchanged => CompletedEpisodes - ReliablyImproved - ReliablyDeteriorated;

    /// <summary>The figures of a group: its ended episodes, the readings of those completed, and the tenant's SAES reference.</summary>
    public static OutcomeFigures Of(string? key, int endedEpisodes, IReadOnlyList<EpisodeReading> completed, SaesReference? reference)
    {
        var cases = completed.Where(e => e.Case).ToList();
        return new OutcomeFigures(key, endedEpisodes, completed.Count, cases.Count,
            cases.Count(e => e.Recovered), completed.Count(e => e.ReliablyImproved), completed.Count(e => e.ReliablyDeteriorated),
            cases.Count(e => e.ReliablyRecovered), Round2(EffectSizes.PrePostD(cases)), Round2(reference?.Saes(cases)));
    }

    /// <summary>A row with nothing to show (the total across instruments): suppression hides every figure of it.</summary>
    public static OutcomeFigures NotApplicable => new(null, Nothing, Nothing, Nothing, Nothing, Nothing, Nothing, Nothing, null, null);

    const int Nothing = -1;

    public bool IsNotApplicable => EndedEpisodes < 0;

    static double? Round2(double? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}
