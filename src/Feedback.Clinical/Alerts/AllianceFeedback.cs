using static System.FormattableString;
using Feedback.Clinical.Alliance;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Scoring;

namespace Feedback.Clinical.Alerts;

public enum AllianceReason
{
    BelowCutoff,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("item_below_9")] ItemBelow9,
    SubscaleLow,
    Drop,
}

/// <param name="WellBelowCutoff">SRS/CSRS total below 34, WAI-SR item mean below 3.0: with two reasons or more, high priority.</param>
/// <param name="Rupture">alliance-v2 (clinical.md section 9): the rupture open at this rating or ended at it; null otherwise.</param>
public sealed record AllianceFeedback(decimal? PreviousScore, decimal? ChangeFromPrevious, IReadOnlyList<AllianceReason> Reasons, bool WellBelowCutoff,
    RuptureAtRating? Rupture = null)
{
    public bool Concern => Reasons.Count > 0;
}

/// <summary>
/// Alliance rules (clinical.md section 6). The alliance explains about 7.5% of outcome variance whoever rates it (r =
/// .275, Horvath et al. 2011; r = .278, Fluckiger et al. 2018); the client's rating raises concerns because it is the one
/// a clinician can act on in the next session. The caregiver's predicts attendance and change in child work (Kazdin et
/// al. 2005), and scores cluster at the ceiling, so a small fall matters. Changes are exact decimals.
/// </summary>
public static class AllianceRules
{
    // SRS: PCOMS guidance puts the cut-off at 36; "<= 36" because a missed rupture costs more than a conversation.
    public const decimal SrsCutoff = 36m;
    public const decimal SrsItemFloor = 9.0m;
    public const decimal SrsDrop = 1.0m;
    /// <summary>SRS/CSRS: "well below the cut-off" for a high-priority concern (Feedback default, clinical.md section 6).</summary>
    public const decimal SrsWellBelow = 34m;

    // WAI-SR (Feedback default): an item mean below 3.5 (total < 42), a subscale item mean below 3.0, a fall of 5.
    public const decimal WaiSrItemMeanFloor = 3.5m;
    public const decimal WaiSrSubscaleMeanFloor = 3.0m;
    public const decimal WaiSrDrop = 5m;
    /// <summary>WAI-SR: "well below the cut-off" for a high-priority concern (Feedback default).</summary>
    public const decimal WaiSrWellBelowItemMean = 3.0m;

    /// <summary>Dual perspective (Feedback default): the therapist's normalised item mean exceeds the client's by this much.</summary>
    public const decimal DiscrepancyThreshold = 0.15m;

    /// <summary>
    /// The reasons of clinical.md section 6 for an alliance instrument: WAI-SR, or SRS and its child form CSRS.
    /// <paramref name="dropApplies"/>: false where alliance-v2's rupture rule replaces <c>drop</c> (a series with a baseline).
    /// </summary>
    public static AllianceFeedback Evaluate(Instrument instrument, IReadOnlyList<decimal?> items, Score score, decimal? previousTotal, bool dropApplies = true)
    {
        var change = score.Total - previousTotal;
        if (instrument == Catalogue.TascR) return TascR(previousTotal, change, dropApplies);
        return instrument == Catalogue.WaiSr
            ? WaiSr(instrument, score, previousTotal, change, dropApplies)
            : Srs(instrument, items, score, previousTotal, change, dropApplies);
    }

    // TASC-R (clinical.md v1.2 section 6): drop only, by D of section 9; no published cut-off and no item reason.
    static AllianceFeedback TascR(decimal? previousTotal, decimal? change, bool dropApplies)
    {
        List<AllianceReason> reasons = dropApplies && change <= -RuptureRules.TascRDepth ? [AllianceReason.Drop] : [];
        return new AllianceFeedback(previousTotal, change, reasons, WellBelowCutoff: false);
    }

    static AllianceFeedback Srs(Instrument instrument, IReadOnlyList<decimal?> items, Score score, decimal? previousTotal, decimal? change, bool dropApplies)
    {
        var reasons = new List<AllianceReason>();
        // CSRS has no below_cutoff reason: its cut-off is not verified.
        if (instrument == Catalogue.Srs && score.Total <= SrsCutoff) reasons.Add(AllianceReason.BelowCutoff);
        if (items.Any(i => i < SrsItemFloor)) reasons.Add(AllianceReason.ItemBelow9);
        if (dropApplies && change <= -SrsDrop) reasons.Add(AllianceReason.Drop);
        // CSRS has no cut-off, so its concerns are never high (v1.2 section 6).
        return new AllianceFeedback(previousTotal, change, reasons, WellBelowCutoff: instrument == Catalogue.Srs && score.Total < SrsWellBelow);
    }

    static AllianceFeedback WaiSr(Instrument instrument, Score score, decimal? previousTotal, decimal? change, bool dropApplies)
    {
        var reasons = new List<AllianceReason>();
        var itemMean = score.Total / instrument.ItemCount;
        if (itemMean < WaiSrItemMeanFloor) reasons.Add(AllianceReason.BelowCutoff);
        if (instrument.Subscales.Any(s => score.Subscales[s.Code] / s.Items.Count < WaiSrSubscaleMeanFloor)) reasons.Add(AllianceReason.SubscaleLow);
        if (dropApplies && change <= -WaiSrDrop) reasons.Add(AllianceReason.Drop);
        return new AllianceFeedback(previousTotal, change, reasons, WellBelowCutoff: itemMean < WaiSrWellBelowItemMean);
    }

    /// <summary>
    /// A reason in plain words (clinical.md section 10 item 4): "at or below 36" (WAI-SR "item mean below 3.5"), "an item
    /// below 9", "Goal below 3.0", "fell 1.5 since last time".
    /// </summary>
    public static string Words(Instrument instrument, AllianceReason reason, Score score, decimal? change) => reason switch
    {
        AllianceReason.BelowCutoff => instrument == Catalogue.WaiSr ? Invariant($"item mean below {WaiSrItemMeanFloor:0.0}") : Invariant($"at or below {SrsCutoff:0}"),
        AllianceReason.ItemBelow9 => "an item below 9",
        AllianceReason.SubscaleLow => string.Join(", ", instrument.Subscales
            .Where(s => score.Subscales[s.Code] / s.Items.Count < WaiSrSubscaleMeanFloor).Select(s => Invariant($"{s.Name} below {WaiSrSubscaleMeanFloor:0.0}"))),
        _ => $"fell {AlertText.Total(instrument, -(change ?? 0))} since last time",
    };

    /// <summary>
    /// (item mean - item min) / (item max - item min) over the answered items' scored values (TASC-R's reverse items
    /// reversed), as an exact decimal: for TASC-R (total - 12) / 36 when every item is answered.
    /// </summary>
    public static decimal NormalisedMean(Instrument instrument, IReadOnlyList<decimal?> items)
    {
        var mean = items.Select((answer, i) => answer is { } a ? instrument.Scored(i + 1, a) : (decimal?)null).OfType<decimal>().Average();
        return (mean - instrument.ItemMin) / (instrument.ItemMax - instrument.ItemMin);
    }

    /// <summary>The therapist's normalised mean minus the client's, rounded to 6 places like deviations (section 4).</summary>
    public static decimal Gap(Instrument instrument, IReadOnlyList<decimal?> client, IReadOnlyList<decimal?> therapist) =>
        decimal.Round(NormalisedMean(instrument, therapist) - NormalisedMean(instrument, client), 6, MidpointRounding.AwayFromZero);
}
