using System.Globalization;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Trajectories;

namespace Feedback.Clinical.Alerts;

public enum AlertKind { RiskItem, RiskItemUnanswered, SubstanceUse, OffTrack, AtRisk, ReliableDeterioration, AllianceConcern, AllianceDiscrepancy }

public enum AlertPriority { Urgent, High, Normal }

/// <summary>
/// An alert to raise; Item is 1-based. Messages hold numbers only, never client data. OnCounterpart: the alert belongs
/// to the other rater's administration of the same session, because that one is the later of the two.
/// </summary>
public sealed record AlertDraft(AlertKind Kind, AlertPriority Priority, int? Item, string Message, bool OnCounterpart = false);

/// <summary>Alert rules alerts-v1 (clinical.md section 6).</summary>
public static class AlertRules
{
    public const string Version = "alerts-v1";

    /// <summary>Trajectory alerts replace the open alert of the same kind for the same client, episode and instrument.</summary>
    public static bool ReplacesOpenOfSameKind(AlertKind kind) => kind is AlertKind.OffTrack or AlertKind.AtRisk;

    /// <summary>A client-rated alliance concern with this many reasons or more is high priority.</summary>
    public const int HighPriorityReasonCount = 2;

    public static IReadOnlyList<AlertDraft> Evaluate(
        Instrument instrument, IReadOnlyList<decimal?> items, OutcomeFeedback? outcome, AllianceFeedback? alliance, Discrepancy? discrepancy)
    {
        var alerts = new List<AlertDraft>();
        AddRiskItems(instrument, items, alerts);
        if (outcome is not null)
        {
            if (outcome.Status == ProgressStatus.OffTrack)
                alerts.Add(new(AlertKind.OffTrack, AlertPriority.High, null,
                    $"{instrument.Code} total {F(outcome.IntakeScore + outcome.ChangeFromIntake)} at session {outcome.Session} is off track: {F(outcome.Deviation)} points worse than the expected {F(outcome.Expected)}."));
            else if (outcome.Status == ProgressStatus.AtRisk)
                alerts.Add(new(AlertKind.AtRisk, AlertPriority.Normal, null,
                    $"{instrument.Code} total {F(outcome.IntakeScore + outcome.ChangeFromIntake)} at session {outcome.Session} is at risk: {F(outcome.Deviation)} points worse than the expected {F(outcome.Expected)}."));
            if (outcome.ReliableChange == ChangeCategory.Deteriorated)
                alerts.Add(new(AlertKind.ReliableDeterioration, AlertPriority.High, null,
                    $"{instrument.Code} has reliably deteriorated: {F(outcome.IntakeScore)} at intake, {F(outcome.IntakeScore + outcome.ChangeFromIntake)} now (reliable change is {F(instrument.ReliableChangeIndex!.Value)})."));
        }
        if (alliance is { Concern: true })
            alerts.Add(new(AlertKind.AllianceConcern,
                alliance.Reasons.Count >= HighPriorityReasonCount ? AlertPriority.High : AlertPriority.Normal, null,
                $"{instrument.Code} alliance concern: {string.Join(", ", alliance.Reasons.Select(Describe))}."));
        if (discrepancy is not null)
            alerts.Add(new(AlertKind.AllianceDiscrepancy, AlertPriority.Normal, null,
                $"{instrument.Code}: the therapist's rating of this session's alliance is {F(discrepancy.Gap * 100)}% of the scale above the client's.",
                OnCounterpart: discrepancy.OnCounterpart));
        return alerts;
    }

    /// <summary>Risk alerts come from item answers alone, on any administration, and are never suppressed.</summary>
    public static IReadOnlyList<AlertDraft> RiskItems(Instrument instrument, IReadOnlyList<decimal?> items)
    {
        var alerts = new List<AlertDraft>();
        AddRiskItems(instrument, items, alerts);
        return alerts;
    }

    static void AddRiskItems(Instrument instrument, IReadOnlyList<decimal?> items, List<AlertDraft> alerts)
    {
        var middle = (instrument.ItemMin + instrument.ItemMax) / 2m;
        for (var r = 0; r < instrument.RiskItems.Count; r++)
        {
            var risk = instrument.RiskItems[r];
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
    }

    static string Label(Instrument instrument, RiskItem risk) => $"{instrument.Code} item {risk.Item} ({risk.Topic})";

    static string Describe(AllianceReason reason) => reason switch
    {
        AllianceReason.BelowCutoff => "total at or below the cut-off",
        AllianceReason.ItemBelow9 => "an item below 9",
        AllianceReason.SubscaleLow => "a subscale mean below 3",
        _ => "a drop since the previous rating",
    };

    static string F(double value) => Rounding.OneDecimal(value).ToString("0.#", CultureInfo.InvariantCulture);
    static string F(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
