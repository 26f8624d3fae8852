namespace Feedback.Clinical.Episodes;

/// <summary>One administration of an episode, any instrument and rater, as the session counts need it.</summary>
public readonly record struct EpisodeVisit(string Id, DateTimeOffset AdministeredAt, int? SessionNumber);

/// <summary>
/// The episode session e(a) and the clinic session c(a) of clinical.md v1.2 section 1. F is the episode's first
/// administration (earliest administeredAt of any instrument and rater, ties by id). e(a) = a.sessionNumber -
/// F.sessionNumber + 1 when both carry one and a's is not below F's; otherwise the ordinal of a's UTC date among the
/// distinct UTC dates of the episode's administrations. c(a) = a.sessionNumber, else e(a) + (s_F - 1).
/// </summary>
public sealed class EpisodeSessions
{
    readonly EpisodeVisit? first;
    readonly List<DateTime> dates;

    /// <param name="visits">Every administration of the episode (the one being evaluated included), in any order.</param>
    public EpisodeSessions(IEnumerable<EpisodeVisit> visits)
    {
        var all = visits.ToList();
        foreach (var v in all)
            if (first is not { } f || v.AdministeredAt < f.AdministeredAt || v.AdministeredAt == f.AdministeredAt && string.CompareOrdinal(v.Id, f.Id) < 0)
                first = v;
        dates = [.. all.Select(v => v.AdministeredAt.UtcDateTime.Date).Distinct().Order()];
    }

    /// <summary>F's session number, or 1 when F carries none (s_F).</summary>
    public int FirstSessionNumber => first?.SessionNumber ?? 1;

    /// <summary>e(a): counted from the episode's first administration.</summary>
    public int Episode(DateTimeOffset administeredAt, int? sessionNumber)
    {
        if (first?.SessionNumber is { } sF && sessionNumber is { } s && s >= sF) return s - sF + 1;
        var date = administeredAt.UtcDateTime.Date;
        var index = dates.BinarySearch(date);
        return index >= 0 ? index + 1 : ~index + 1;
    }

    /// <summary>c(a): what a clinician recognises as the session.</summary>
    public int Clinic(DateTimeOffset administeredAt, int? sessionNumber) =>
        sessionNumber ?? Episode(administeredAt, null) + (FirstSessionNumber - 1);
}
