namespace Feedback.Clinical.Reports;

/// <summary>A count and its rate as shown; null when suppressed or not computable.</summary>
public sealed record ShownRate(int? Count, double? Rate);

/// <summary>A report row as shown: every null is named in <see cref="Suppressed"/> ("recovered.rate", "prePostD", ...).</summary>
public sealed record ReportRow(
    string? Key, int? EndedEpisodes, int? CompletedEpisodes, int? CasesAtIntake,
    ShownRate Recovered, ShownRate ReliablyImproved, ShownRate ReliablyDeteriorated, ShownRate Unchanged, ShownRate ReliableRecovery,
    double? PrePostD, double? Saes, IReadOnlyList<string> Suppressed);

/// <summary>
/// Small-number suppression (clinical.md section 8, interop.md 4.1; Feedback default, the conservative end of NHS
/// practice): a count 1-9 is hidden; a rate or effect size whose denominator is below 10 is hidden; a rate is also hidden
/// when its numerator or its complement is 1-9, or when its numerator or denominator count is hidden; when exactly one
/// group's count of a metric is hidden and the total shows it, the next-smallest non-zero count of that metric in another
/// group is hidden too, so that no hidden count is the total minus the shown ones. Zero is never hidden.
/// </summary>
public static class Suppression
{
    public const int MinCellSize = 10;

    static readonly (string Name, Func<OutcomeFigures, int> Value)[] Counts =
    [
        ("endedEpisodes", f => f.EndedEpisodes), ("completedEpisodes", f => f.CompletedEpisodes), ("casesAtIntake", f => f.CasesAtIntake),
        ("recovered.count", f => f.Recovered), ("reliablyImproved.count", f => f.ReliablyImproved),
        ("reliablyDeteriorated.count", f => f.ReliablyDeteriorated), ("unchanged.count", f => f.Unchanged),
        ("reliableRecovery.count", f => f.ReliableRecovery),
    ];

    // Each rate: its count and the count it is a share of (recovery rates are shares of the cases, clinical.md section 8).
    static readonly (string Metric, string Numerator, string Denominator)[] Rates =
    [
        ("recovered", "recovered.count", "casesAtIntake"), ("reliablyImproved", "reliablyImproved.count", "completedEpisodes"),
        ("reliablyDeteriorated", "reliablyDeteriorated.count", "completedEpisodes"), ("unchanged", "unchanged.count", "completedEpisodes"),
        ("reliableRecovery", "reliableRecovery.count", "casesAtIntake"),
    ];

    // A not-applicable row's -1s are hidden like small counts.
    static bool Small(int n) => n is >= 1 and < MinCellSize || n < 0;

    public static (IReadOnlyList<ReportRow> Groups, ReportRow Total) Apply(IReadOnlyList<OutcomeFigures> groups, OutcomeFigures total)
    {
        var rows = groups.Append(total).ToList();
        var hidden = rows.Select(_ => new HashSet<string>()).ToList();
        var totalIndex = rows.Count - 1;

        foreach (var (name, value) in Counts)
        {
            for (var r = 0; r < rows.Count; r++)
                if (Small(value(rows[r]))) hidden[r].Add(name);
            var hiddenGroups = Enumerable.Range(0, groups.Count).Count(g => hidden[g].Contains(name));
            if (hiddenGroups != 1 || hidden[totalIndex].Contains(name)) continue;
            var next = Enumerable.Range(0, groups.Count).Where(g => !hidden[g].Contains(name) && value(groups[g]) > 0)
                .OrderBy(g => value(groups[g])).ThenBy(g => g).Cast<int?>().FirstOrDefault();
            if (next is { } g2) hidden[g2].Add(name);
        }
        var shown = rows.Select((row, r) => Show(row, hidden[r])).ToList();
        return (shown.Take(groups.Count).ToList(), shown[totalIndex]);
    }

    /// <summary>
    /// <paramref name="row"/> with every figure hidden that <paramref name="reference"/> hides: a clinician's own report
    /// shows no more than their row of the report by clinician, so a second query cannot give back what the first hid.
    /// </summary>
    public static ReportRow HideAsIn(ReportRow row, ReportRow reference)
    {
        var hide = reference.Suppressed.ToHashSet();
        static ShownRate Rate(ShownRate r, string metric, HashSet<string> hide) =>
            new(hide.Contains(metric + ".count") ? null : r.Count, hide.Contains(metric + ".rate") ? null : r.Rate);
        var suppressed = row.Suppressed.Union(reference.Suppressed).ToList();
        var order = reference.Suppressed.Concat(row.Suppressed).ToList();
        return row with
        {
            EndedEpisodes = hide.Contains("endedEpisodes") ? null : row.EndedEpisodes,
            CompletedEpisodes = hide.Contains("completedEpisodes") ? null : row.CompletedEpisodes,
            CasesAtIntake = hide.Contains("casesAtIntake") ? null : row.CasesAtIntake,
            Recovered = Rate(row.Recovered, "recovered", hide), ReliablyImproved = Rate(row.ReliablyImproved, "reliablyImproved", hide),
            ReliablyDeteriorated = Rate(row.ReliablyDeteriorated, "reliablyDeteriorated", hide), Unchanged = Rate(row.Unchanged, "unchanged", hide),
            ReliableRecovery = Rate(row.ReliableRecovery, "reliableRecovery", hide),
            PrePostD = hide.Contains("prePostD") ? null : row.PrePostD, Saes = hide.Contains("saes") ? null : row.Saes,
            Suppressed = FieldOrder.Where(suppressed.Contains).ToList(),
        };
    }

    /// <summary>Every field a row may hide, in the row's order: each count, then its rate.</summary>
    static readonly string[] FieldOrder =
    [
        "endedEpisodes", "completedEpisodes", "casesAtIntake", "recovered.count", "recovered.rate", "reliablyImproved.count",
        "reliablyImproved.rate", "reliablyDeteriorated.count", "reliablyDeteriorated.rate", "unchanged.count", "unchanged.rate", "reliableRecovery.count",
        "reliableRecovery.rate", "prePostD", "saes",
    ];

    static ReportRow Show(OutcomeFigures f, HashSet<string> hidden)
    {
        var count = Counts.ToDictionary(c => c.Name, c => c.Value(f));
        int? Count(string name) => hidden.Contains(name) ? null : count[name];
        ShownRate Rate(string metric, string numerator, string denominator)
        {
            var (n, d) = (count[numerator], count[denominator]);
            var rate = d < MinCellSize || Small(n) || Small(d - n) || hidden.Contains(numerator) || hidden.Contains(denominator)
                ? (double?)null : OutcomeFigures.Rate(n, d);
            if (rate is null) hidden.Add(metric + ".rate");
            return new ShownRate(Count(numerator), rate);
        }
        var rates = Rates.ToDictionary(r => r.Metric, r => Rate(r.Metric, r.Numerator, r.Denominator));
        double? Effect(string name, double? value)
        {
            var shownValue = f.CasesAtIntake < MinCellSize ? null : value;
            if (shownValue is null) hidden.Add(name);
            return shownValue;
        }
        var d = Effect("prePostD", f.PrePostD);
        var saes = Effect("saes", f.Saes);
        return new ReportRow(f.Key, Count("endedEpisodes"), Count("completedEpisodes"), Count("casesAtIntake"),
            rates["recovered"], rates["reliablyImproved"], rates["reliablyDeteriorated"], rates["unchanged"], rates["reliableRecovery"], d, saes,
            FieldOrder.Where(hidden.Contains).ToList());
    }
}
