using Feedback.Data.Administrations;
using Feedback.Data.Alerts;
using Feedback.Data.Episodes;

namespace Feedback.Api.Recording;

/// <summary>Alert kinds the write path reads and resolves together.</summary>
static class AlertKinds
{
    /// <summary>One trajectory family per episode, instrument and rater (clinical.md section 6); v1.1's kinds included.</summary>
    public static readonly IReadOnlySet<string> Trajectory = new HashSet<string>(StringComparer.Ordinal) { "off_track", "at_risk", "no_change" };
    /// <summary>What alliance-v2.1 reads of one series (clinical.md v1.2 sections 6 and 9).</summary>
    public static readonly IReadOnlySet<string> Series = new HashSet<string>(StringComparer.Ordinal) { "alliance_rupture", "rupture_unrepaired", "alliance_concern" };

    /// <summary>Open or acknowledged: an acknowledged alert is still current (the clinician saw it, the client is still off track).</summary>
    public static bool IsCurrent(AlertRow a) => a.Status is AlertStatuses.Open or AlertStatuses.Acknowledged;
}

/// <summary>An episode as this decision knows it: its row and, once read, its administrations and alerts.</summary>
sealed class EpisodeRecord(EpisodeRow row, bool read)
{
    public EpisodeRow Row { get; set; } = row;
    /// <summary>False for an episode of which only the row was read: deciding on it is a mistake of the reader.</summary>
    public bool Read { get; } = read;
    public List<AdministrationRow> Administrations { get; } = [];
    public List<AlertRow> Alerts { get; } = [];

    /// <summary>
    /// The family's current alerts of these kinds; with <paramref name="historyAsCurrent"/>, also those an import stored as
    /// history (an import line older than the live window reads them as they were at its time).
    /// </summary>
    public IEnumerable<AlertRow> CurrentAlerts(string instrument, string rater, IReadOnlySet<string> kinds, bool historyAsCurrent = false) =>
        Alerts.Where(a => a.Instrument == instrument && a.Rater == rater && kinds.Contains(a.Kind)
                          && (AlertKinds.IsCurrent(a) || historyAsCurrent && a.ResolvedReason == ResolvedReasons.ImportedHistory));

    /// <summary>When the episode's latest administration of any instrument was completed; null for an empty episode.</summary>
    public DateTimeOffset? Latest => Administrations.Count == 0 ? null : Administrations.Max(a => a.AdministeredAt);

    public void Replace(AlertRow alert)
    {
        var i = Alerts.FindIndex(a => a.Id == alert.Id);
        Alerts[i] = alert;
    }
}
