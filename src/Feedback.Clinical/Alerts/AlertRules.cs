using System.Globalization;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Trajectories;

namespace Feedback.Clinical.Alerts;

public enum AlertKind
{
    RiskItem, RiskItemUnanswered, SubstanceUse, OffTrack, AtRisk, ReliableDeterioration, AllianceConcern, AllianceDiscrepancy,
    WellbeingLowItem, AllianceRupture, RuptureUnrepaired, EarlyAllianceRisk,
}

public enum AlertPriority { Urgent, High, Normal }

/// <summary>
/// An alert to raise; Item is 1-based. Messages hold numbers only, never client data. OnCounterpart: the alert belongs
/// to the other rater's administration of the same session, because that one is the later of the two. RulesVersion: the
/// rules that raised it (alliance-v2 for the alliance instruments and section 9's kinds).
/// </summary>
public sealed record AlertDraft(AlertKind Kind, AlertPriority Priority, int? Item, string Message, bool OnCounterpart = false,
    string RulesVersion = AlertRules.Version);

/// <summary>Alert rules alerts-v1.1 (clinical.md section 6).</summary>
public static class AlertRules
{
    public const string Version = "alerts-v1.1";

    /// <summary>
    /// Trajectory alerts form one family per client, episode, instrument and rater: the latest administration of the
    /// family resolves its open one, whatever it raises itself.
    /// </summary>
    public static bool IsTrajectory(AlertKind kind) => kind is AlertKind.OffTrack or AlertKind.AtRisk;

    /// <summary>An alliance concern with this many reasons or more, well below the cut-off, is high priority.</summary>
    public const int HighPriorityReasonCount = 2;

    public static IReadOnlyList<AlertDraft> Evaluate(
        Instrument instrument, Rater rater, IReadOnlyList<decimal?> items, OutcomeFeedback? outcome, AllianceFeedback? alliance, Discrepancy? discrepancy)
    {
        var alerts = new List<AlertDraft>();
        AddItemAlerts(instrument, items, alerts);
        if (outcome is not null)
        {
            var score = outcome.IntakeScore + outcome.ChangeFromIntake;
            if (outcome.Status == ProgressStatus.OffTrack)
                alerts.Add(new(AlertKind.OffTrack, AlertPriority.High, null,
                    $"{Rated(instrument, rater)} total {F(score)} at session {outcome.Session} is off track: {F(outcome.Deviation)} points worse than the expected {F(outcome.Expected)}."));
            else if (outcome.Status == ProgressStatus.AtRisk)
                alerts.Add(new(AlertKind.AtRisk, AlertPriority.Normal, null,
                    $"{Rated(instrument, rater)} total {F(score)} at session {outcome.Session} is at risk: {F(outcome.Deviation)} points worse than the expected {F(outcome.Expected)}."));
            if (outcome.ReliableChange == ChangeCategory.Deteriorated)
                alerts.Add(new(AlertKind.ReliableDeterioration, AlertPriority.High, null,
                    $"{Rated(instrument, rater)} has reliably deteriorated: {F(outcome.IntakeScore)} at intake, {F(score)} now (reliable change is {F(instrument.ReliableChangeIndex!.Value)})."));
        }
        // Concerns come from the client's and the caregiver's ratings; the therapist's feeds the dual-perspective rule only.
        if (alliance is { Concern: true } && rater != Rater.Therapist)
            alerts.Add(new(AlertKind.AllianceConcern,
                alliance.Reasons.Count >= HighPriorityReasonCount && alliance.WellBelowCutoff ? AlertPriority.High : AlertPriority.Normal, null,
                $"{Rated(instrument, rater)} alliance concern: {string.Join(", ", alliance.Reasons.Select(Describe))}."));
        if (discrepancy is not null)
            alerts.Add(new(AlertKind.AllianceDiscrepancy, AlertPriority.Normal, null,
                $"{instrument.Code}: the therapist's rating of this session's alliance is {F(discrepancy.Gap * 100)}% of the scale above the client's.",
                OnCounterpart: discrepancy.OnCounterpart));
        return alerts;
    }

    /// <summary>Alerts from item answers alone (risk items, WHO-5 low items): on any administration, never suppressed.</summary>
    public static IReadOnlyList<AlertDraft> ItemAlerts(Instrument instrument, IReadOnlyList<decimal?> items)
    {
        var alerts = new List<AlertDraft>();
        AddItemAlerts(instrument, items, alerts);
        return alerts;
    }

    static void AddItemAlerts(Instrument instrument, IReadOnlyList<decimal?> items, List<AlertDraft> alerts)
    {
        var middle = (instrument.ItemMin + instrument.ItemMax) / 2m;
        foreach (var risk in instrument.RiskItems)
        {
            var answer = items[risk.Item - 1];
            if (answer is null && risk.Kind == RiskItemKind.SelfHarm)
                alerts.Add(new(AlertKind.RiskItemUnanswered, AlertPriority.High, risk.Item, $"{Label(instrument, risk)} was left unanswered: ask about it."));
            else if (answer >= 1)
                alerts.Add(new(risk.Kind == RiskItemKind.Substance ? AlertKind.SubstanceUse : AlertKind.RiskItem,
                    risk.Kind switch
                    {
                        RiskItemKind.SelfHarm => answer > middle ? AlertPriority.Urgent : AlertPriority.High,
                        RiskItemKind.Violence => AlertPriority.High,
                        _ => AlertPriority.Normal,
                    },
                    risk.Item, $"{Label(instrument, risk)} answered {F(answer.Value)} of {instrument.ItemMax}."));
        }
        if (instrument.LowItemAlertAtOrBelow is { } low && LowestItem(items) is { } lowest && items[lowest - 1] <= low)
            alerts.Add(new(AlertKind.WellbeingLowItem, AlertPriority.Normal, lowest,
                $"{instrument.Code} item {lowest} answered {F(items[lowest - 1]!.Value)} of {instrument.ItemMax}: assess for depression (WHO guidance: any item at 0 or 1)."));
    }

    /// <summary>The 1-based item with the lowest answer; the first of them on a tie.</summary>
    static int? LowestItem(IReadOnlyList<decimal?> items)
    {
        int? lowest = null;
        for (var i = 0; i < items.Count; i++)
            if (items[i] is { } a && (lowest is null || a < items[lowest.Value - 1])) lowest = i + 1;
        return lowest;
    }

    static string Label(Instrument instrument, RiskItem risk) => $"{instrument.Code} item {risk.Item} ({risk.Topic})";

    /// <summary>"ORS" for the client's own rating, "ORS (caregiver's rating)" otherwise: the message names the rater.</summary>
    internal static string Rated(Instrument instrument, Rater rater) =>
        rater == Rater.Client ? instrument.Code : $"{instrument.Code} ({rater.ToString().ToLowerInvariant()}'s rating)";

    static string Describe(AllianceReason reason) => reason switch
    {
        AllianceReason.BelowCutoff => "total at or below the cut-off",
        AllianceReason.ItemBelow9 => "an item below 9",
        AllianceReason.SubscaleLow => "a subscale mean below 3",
        _ => "a drop since the previous rating",
    };

    internal static string F(double value) => Rounding.OneDecimal(value).ToString("0.#", CultureInfo.InvariantCulture);
    internal static string F(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
