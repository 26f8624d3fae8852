using System.Globalization;
using System.Security;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Trajectories;
using Feedback.Data.Alerts;

namespace Feedback.Api.Features.Progress.Chart;

/// <summary>
/// The words both charts show (clinical.md sections 6 and 10): plain status, reason and alert words, never an enum
/// spelling, and nothing that identifies the client.
/// </summary>
static class ChartText
{
    /// <summary>The status words of clinical.md section 6, as the alert messages use them.</summary>
    public static string Status(ProgressStatus s) => AlertText.StatusWord(s);

    /// <summary>TASC-R's client is the youth (its self-report form); every other instrument's is the client.</summary>
    public static string RaterWord(Instrument instrument, Rater rater) => rater switch
    {
        Clinical.Instruments.Rater.Client => instrument == Catalogue.TascR ? "youth" : "client",
        Clinical.Instruments.Rater.Caregiver => "caregiver",
        _ => "therapist",
    };

    /// <summary>"PHQ-9: client's rating", "WAI-SR: client's and therapist's ratings" (clinical.md section 10 item 1).</summary>
    public static string Title(Instrument instrument, IReadOnlyList<Rater> raters)
    {
        var names = raters.Select(r => RaterWord(instrument, r) + "'s").ToList();
        var who = names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
        return $"{instrument.Code}: {who} rating{(names.Count == 1 ? "" : "s")}";
    }

    public static string AxisTitle(bool numbered) => numbered ? "Clinic session" : "Visit (counted from dates)";

    /// <summary>How a tooltip names a point's x: the clinic session, or the visit when nothing plotted carries a number.</summary>
    public static string At(bool numbered, int session) => numbered ? $"Clinic session {session}" : $"Visit {session}";

    public static string Score(Instrument instrument, decimal total) =>
        total.ToString(instrument.Decimals == 0 ? "0.#" : "0.0", CultureInfo.InvariantCulture);

    public static string OneDecimal(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    static string AlertKind(string kind) => kind switch
    {
        "risk_item" => "risk item",
        "risk_item_unanswered" => "risk item not answered",
        "substance_use" => "substance use",
        "off_track" => "off track",
        "at_risk" => "at risk of not benefiting",
        "no_change" => "not improving",
        "reliable_deterioration" => "reliably worse",
        "alliance_concern" => "alliance concern",
        "alliance_rupture" => "rupture",
        "rupture_unrepaired" => "rupture not repaired",
        "alliance_discrepancy" => "alliance discrepancy",
        "early_alliance_risk" => "early alliance risk",
        "wellbeing_low_item" => "low wellbeing item",
        _ => kind.Replace('_', ' '),
    };

    /// <summary>"Open alerts: 1 risk item, 2 rupture." counted by kind (item 7); "Open alerts: none." when there are none.</summary>
    public static string OpenAlerts(IEnumerable<AlertRow> alerts)
    {
        var open = alerts.Where(a => a.Status == AlertStatuses.Open).GroupBy(a => AlertKind(a.Kind)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}").ToList();
        return open.Count == 0 ? "Open alerts: none." : $"Open alerts: {string.Join(", ", open)}.";
    }

    /// <summary>
    /// The reason words of clinical.md section 10 item 4, as the alert messages use them (AllianceRules.Words); a
    /// rating whose answers are not at hand names no subscale.
    /// </summary>
    public static string Reason(Instrument instrument, AllianceReason reason, IReadOnlyList<decimal?> items, decimal? fell)
    {
        if (items.Count != instrument.ItemCount)
            return reason == AllianceReason.SubscaleLow
                ? $"a subscale below {AllianceRules.WaiSrSubscaleMeanFloor.ToString("0.0", CultureInfo.InvariantCulture)}"
                : AllianceRules.Words(instrument, reason, NotScored, -fell);
        return AllianceRules.Words(instrument, reason, Clinical.Scoring.Scorer.Score(instrument, items), -fell);
    }

    // Words reads a score for subscale_low only, which a rating without its answers never gets here.
    static readonly Clinical.Scoring.Score NotScored = new(0, false, null, null, new Dictionary<string, decimal>());

    public static string Esc(string text) => SecurityElement.Escape(text);

    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
