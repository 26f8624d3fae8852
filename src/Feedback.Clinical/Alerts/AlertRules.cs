using System.Globalization;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Trajectories;

namespace Feedback.Clinical.Alerts;

public enum AlertKind
{
    RiskItem, RiskItemUnanswered, SubstanceUse, OffTrack, AtRisk, NoChange, ReliableDeterioration, AllianceConcern, AllianceDiscrepancy,
    WellbeingLowItem, AllianceRupture, RuptureUnrepaired, EarlyAllianceRisk,
}

/// <summary>
/// The value is the alert's stored priority_rank, the worklist's order (migration 0002: 0 urgent, 1 high, 2 normal):
/// explicit, so that reordering or inserting a member cannot re-sort the rows already stored.
/// </summary>
public enum AlertPriority { Urgent = 0, High = 1, Normal = 2 }

/// <summary>
/// An alert to raise; Item is 1-based. Messages hold numbers only, never client data. OnCounterpart: the alert belongs
/// to the other rater's administration of the same session, because that one is the later of the two. RulesVersion: the
/// rules that raised it (alliance-v2.1 for the alliance instruments and section 9's kinds). Reasons: why (an at_risk alert
/// of a stagnant client: no_change; alliance alerts: the rating's reasons). Suggestions: support-v1 (section 11).
/// </summary>
public sealed record AlertDraft(AlertKind Kind, AlertPriority Priority, int? Item, string Message, bool OnCounterpart = false,
    string RulesVersion = AlertRules.Version)
{
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public IReadOnlyList<Support.Suggestion>? Suggestions { get; init; }
}

/// <summary>Alert rules alerts-v1.2 (clinical.md section 6).</summary>
public static class AlertRules
{
    public const string Version = "alerts-v1.2";

    /// <summary>The reason an at_risk alert carries when the no_change condition holds with it from t = 8 (section 6).</summary>
    public const string NoChangeReason = "no_change";

    /// <summary>
    /// Trajectory alerts form one family per client, episode, instrument and rater: the latest administration of the
    /// family resolves its current one, whatever it raises itself.
    /// </summary>
    public static bool IsTrajectory(AlertKind kind) => kind is AlertKind.OffTrack or AlertKind.AtRisk or AlertKind.NoChange;

    /// <summary>An alliance concern with this many reasons or more, well below the cut-off, is high priority.</summary>
    public const int HighPriorityReasonCount = 2;

    /// <param name="when">The administration as a clinician knows it: "clinic session 6" or "administration 4 of this measure".</param>
    public static IReadOnlyList<AlertDraft> Evaluate(Instrument instrument, Rater rater, IReadOnlyList<decimal?> items, OutcomeFeedback? outcome,
        AgeGroup ownAgeGroup, Discrepancy? discrepancy, string when)
    {
        var alerts = new List<AlertDraft>();
        AddItemAlerts(instrument, items, alerts);
        if (outcome is not null) AddTrajectoryAlerts(instrument, rater, outcome, ownAgeGroup, when, alerts);
        if (discrepancy is not null)
            alerts.Add(new(AlertKind.AllianceDiscrepancy, AlertPriority.Normal, null,
                $"{instrument.Code}: the therapist's rating {discrepancy.When} is {F(discrepancy.Gap * 100)}% of the scale above the {(instrument == Catalogue.TascR ? "youth" : "client")}'s.",
                OnCounterpart: discrepancy.OnCounterpart));
        return alerts;
    }

    static void AddTrajectoryAlerts(Instrument instrument, Rater rater, OutcomeFeedback o, AgeGroup ownAgeGroup, string when, List<AlertDraft> alerts)
    {
        var x = AlertText.Total(instrument, o.IntakeScore + o.ChangeFromIntake);
        var x0 = AlertText.Total(instrument, o.IntakeScore);
        var head = $"{AlertText.Rated(instrument, rater)} {x} at {when}";
        var against = $"{AlertText.OneDecimal(o.Deviation)} worse than expected ({AlertText.OneDecimal(o.Expected)})";
        var rci = instrument.ReliableChangeIndex!.Value;
        var late = o.Session >= NoChange.HighFromSession;
        var deteriorated = o.ReliableChange == ChangeCategory.Deteriorated;
        if (o.Status == ProgressStatus.OffTrack)
            alerts.Add(new(AlertKind.OffTrack, AlertPriority.High, null,
                $"{head} is off track: {against}{(deteriorated ? $" and reliably worse than at intake ({x0})" : "")}; one reliable change is {AlertText.Number(rci)}."));
        else if (o.Status == ProgressStatus.AtRisk)
            // An unchanged client whose deviation slowly grows crosses from no_change into at_risk: the alert stays high.
            alerts.Add(late && o.Stagnant
                ? new(AlertKind.AtRisk, AlertPriority.High, null, $"{head} is at risk of not benefiting: {against} and no meaningful improvement since intake ({x0}).")
                    { Reasons = [NoChangeReason] }
                : new(AlertKind.AtRisk, AlertPriority.Normal, null, $"{head} is at risk of not benefiting: {against}."));
        else if (o.Status == ProgressStatus.NoChange)
            alerts.Add(new(AlertKind.NoChange, late ? AlertPriority.High : AlertPriority.Normal, null,
                $"{head} is not improving: {x0} at intake, a change of {AlertText.Change(instrument, o.ChangeFromIntake)} (half a reliable change is {AlertText.Number(rci / 2)}), still in the clinical range ({AlertText.ClinicalRange(instrument, o.TrajectoryAgeGroup, ownAgeGroup)})."));
        if (deteriorated)
            alerts.Add(new(AlertKind.ReliableDeterioration, AlertPriority.High, null,
                $"{head} is reliably worse than at intake ({x0}); one reliable change is {AlertText.Number(rci)}."));
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

    internal static string Rated(Instrument instrument, Rater rater) => AlertText.Rated(instrument, rater);

    internal static string F(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
