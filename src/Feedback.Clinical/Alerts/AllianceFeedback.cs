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

public sealed record AllianceFeedback(decimal? PreviousScore, decimal? ChangeFromPrevious, IReadOnlyList<AllianceReason> Reasons)
{
    public bool Concern => Reasons.Count > 0;
}

/// <summary>
/// Alliance rules for the client's rating (clinical.md section 6). The client's view predicts outcome best
/// (Fluckiger et al. 2018, r = .278) and scores cluster at the ceiling, so a small fall matters.
/// </summary>
public static class AllianceRules
{
    // SRS: PCOMS guidance puts the cut-off at 36; "<= 36" because a missed rupture costs more than a conversation.
    public const decimal SrsCutoff = 36m;
    public const decimal SrsItemFloor = 9.0m;
    public const decimal SrsDrop = 1.0m;

    // WAI-SR (Feedback default): an item mean below 3.5 (total < 42), a subscale item mean below 3.0, a fall of 5.
    public const decimal WaiSrItemMeanFloor = 3.5m;
    public const decimal WaiSrSubscaleMeanFloor = 3.0m;
    public const decimal WaiSrDrop = 5m;

    /// <summary>Dual perspective (Feedback default): the therapist's normalised item mean exceeds the client's by this much.</summary>
    public const double DiscrepancyThreshold = 0.15;

    public static AllianceFeedback Evaluate(Instrument instrument, IReadOnlyList<decimal?> items, Score score, decimal? previousTotal)
    {
        var reasons = new List<AllianceReason>();
        var change = score.Total - previousTotal;
        if (instrument == Catalogue.Srs)
        {
            if (score.Total <= SrsCutoff) reasons.Add(AllianceReason.BelowCutoff);
            if (items.Any(i => i < SrsItemFloor)) reasons.Add(AllianceReason.ItemBelow9);
            if (change <= -SrsDrop) reasons.Add(AllianceReason.Drop);
        }
        else if (instrument == Catalogue.WaiSr)
        {
            if (score.Total / instrument.ItemCount < WaiSrItemMeanFloor) reasons.Add(AllianceReason.BelowCutoff);
            if (instrument.Subscales.Any(s => score.Subscales[s.Code] / s.Items.Count < WaiSrSubscaleMeanFloor)) reasons.Add(AllianceReason.SubscaleLow);
            if (change <= -WaiSrDrop) reasons.Add(AllianceReason.Drop);
        }
        return new AllianceFeedback(previousTotal, change, reasons);
    }

    /// <summary>(item mean - item min) / (item max - item min), over the answered items.</summary>
    public static double NormalisedMean(Instrument instrument, IReadOnlyList<decimal?> items)
    {
        var mean = (double)items.OfType<decimal>().Average();
        return (mean - instrument.ItemMin) / (instrument.ItemMax - instrument.ItemMin);
    }
}
