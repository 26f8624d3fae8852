namespace Feedback.Data.Alerts;

/// <summary>
/// An alert's status as stored and as the API spells it (clinical.md section 6): the one vocabulary that the SQL, the rows,
/// the worklist filter and the API's AlertStatus enum share. Open and acknowledged alerts are current; resolved ones are not.
/// </summary>
public static class AlertStatuses
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";

    public static readonly IReadOnlyList<string> All = [Open, Acknowledged, Resolved];
}

/// <summary>
/// The rank an alert priority is stored with (alerts.priority_rank, and the minimum a webhook endpoint asks for): the
/// Clinical AlertPriority's value, which this layer cannot see; AlertVocabularyTests holds the two equal.
/// </summary>
public static class PriorityRanks
{
    public static int Of(string priority) => priority switch { "urgent" => 0, "high" => 1, "normal" => 2, _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "not a priority") };
}
