namespace Feedback.Clinical.Reports;

/// <summary>A count and its rate as shown; null when suppressed or not computable.</summary>
public sealed record ShownRate(int? Count, double? Rate);

/// <summary>
/// A report row as shown: every null is named in <see cref="Suppressed"/> ("recovered.rate", "prePostD", ...).
/// <see cref="ShowsSaes"/>: the row carries saesTenantReferenced at all; <see cref="Alliance"/> null: no alliance block.
/// </summary>
public sealed record ReportRow(
    string? Key, int? EndedEpisodes, int? CompletedEpisodes, int? CasesAtIntake,
    ShownRate Recovered, ShownRate ReliablyImproved, ShownRate ReliablyDeteriorated, ShownRate Unchanged, ShownRate ReliableRecovery,
    double? PrePostD, double? SaesTenantReferenced, bool ShowsSaes, IReadOnlyList<string> Suppressed, IReadOnlyList<AllianceRow>? Alliance = null);

/// <summary>
/// Small-number suppression of an outcome report (clinical.md section 8, algorithm v1.2): the count fields of the groups
/// and the total are one table (<see cref="TableSuppression"/>) under the row equations R1-R7; rates are hidden below a
/// denominator of 10 or over a hidden count, effect sizes below 10 cases. The alliance block is suppressed the same way,
/// one table per instrument and rater (<see cref="AllianceSuppression"/>).
/// </summary>
public static class Suppression
{
    public const int MinCellSize = TableSuppression.MinCellSize;

    // Column indices, in the row's field order (ties of rule 2 and 3 go by it).
    // The tables below are properties, not static fields: cheap, and a mutation test can switch their mutants.
    const int Ended = 0, Completed = 1, Cases = 2, Recovered = 3, Improved = 4, Deteriorated = 5, Unchanged = 6, ReliableRecovery = 7;

    static string[] CountNames =>
    [
        "endedEpisodes", "completedEpisodes", "casesAtIntake", "recovered.count", "reliablyImproved.count",
        "reliablyDeteriorated.count", "unchanged.count", "reliableRecovery.count",
    ];

    /// <summary>R1-R7 of clinical.md section 8; a never-shown term is the equation's bracketed one.</summary>
    static RowEquation[] Equations =>
    [
        new(Completed, [Improved, Deteriorated, Unchanged]),      // R1
        new(Ended, [Completed], NeverShownTerm: true),            // R2: + episodes with one administration
        new(Completed, [Cases], NeverShownTerm: true),            // R3: + not cases
        new(Cases, [Recovered], NeverShownTerm: true),            // R4: + not recovered
        new(Cases, [ReliableRecovery], NeverShownTerm: true),     // R5: + not reliably recovered
        new(Recovered, [ReliableRecovery], NeverShownTerm: true), // R6: + recovered without reliable improvement
        new(Improved, [ReliableRecovery], NeverShownTerm: true),  // R7: + improved, not reliably recovered
    ];

    static int[] Cells(OutcomeFigures f) =>
        [f.EndedEpisodes, f.CompletedEpisodes, f.CasesAtIntake, f.Recovered, f.ReliablyImproved, f.ReliablyDeteriorated, f.Unchanged, f.ReliableRecovery];

    /// <summary>
    /// The report as shown. The column equations hold when the total is the sum of the groups, which it is unless it has
    /// nothing to show (the total across instruments).
    /// </summary>
    public static (IReadOnlyList<ReportRow> Groups, ReportRow Total) Apply(IReadOnlyList<OutcomeFigures> groups, OutcomeFigures total)
    {
        var rows = groups.Append(total).ToList();
        var hidden = TableSuppression.Hide([.. rows.Select(Cells)], Equations, lastRowIsTotal: !total.IsNotApplicable);
        var alliance = AllianceSuppression.Apply(groups.Select(g => g.Alliance).ToList(), total.Alliance);
        var shown = rows.Select((row, r) => Show(row, hidden[r], r < groups.Count ? alliance.Groups[r] : alliance.Total)).ToList();
        return (shown.Take(groups.Count).ToList(), shown[^1]);
    }

    /// <summary>
    /// <paramref name="row"/> with every figure hidden that <paramref name="reference"/> hides, its alliance rows too: a
    /// clinician's own report shows no more than their row of the report by clinician, so a second query cannot give
    /// back what the first hid.
    /// </summary>
    public static ReportRow HideAsIn(ReportRow row, ReportRow reference)
    {
        var hide = reference.Suppressed.ToHashSet();
        static ShownRate Rate(ShownRate r, string metric, HashSet<string> hide) =>
            new(hide.Contains(metric + ".count") ? null : r.Count, hide.Contains(metric + ".rate") ? null : r.Rate);
        var suppressed = row.Suppressed.Union(reference.Suppressed).ToHashSet();
        return row with
        {
            EndedEpisodes = hide.Contains("endedEpisodes") ? null : row.EndedEpisodes,
            CompletedEpisodes = hide.Contains("completedEpisodes") ? null : row.CompletedEpisodes,
            CasesAtIntake = hide.Contains("casesAtIntake") ? null : row.CasesAtIntake,
            Recovered = Rate(row.Recovered, "recovered", hide), ReliablyImproved = Rate(row.ReliablyImproved, "reliablyImproved", hide),
            ReliablyDeteriorated = Rate(row.ReliablyDeteriorated, "reliablyDeteriorated", hide), Unchanged = Rate(row.Unchanged, "unchanged", hide),
            ReliableRecovery = Rate(row.ReliableRecovery, "reliableRecovery", hide),
            PrePostD = hide.Contains("prePostD") ? null : row.PrePostD,
            SaesTenantReferenced = hide.Contains("saesTenantReferenced") ? null : row.SaesTenantReferenced,
            Suppressed = [.. FieldOrder.Where(f => suppressed.Contains(f) && (row.ShowsSaes || f != "saesTenantReferenced"))],
            Alliance = row.Alliance?.Select(a => reference.Alliance?.FirstOrDefault(r => (r.Instrument, r.Rater) == (a.Instrument, a.Rater)) is { } match
                ? AllianceSuppression.HideAsIn(a, match) : a).ToList(),
        };
    }

    /// <summary>Every field a row may hide, in the row's order: each count, then its rate.</summary>
    static string[] FieldOrder =>
    [
        "endedEpisodes", "completedEpisodes", "casesAtIntake", "recovered.count", "recovered.rate", "reliablyImproved.count",
        "reliablyImproved.rate", "reliablyDeteriorated.count", "reliablyDeteriorated.rate", "unchanged.count", "unchanged.rate", "reliableRecovery.count",
        "reliableRecovery.rate", "prePostD", "saesTenantReferenced",
    ];

    static ReportRow Show(OutcomeFigures f, bool[] hiddenCells, IReadOnlyList<AllianceRow>? alliance)
    {
        var cells = Cells(f);
        var hidden = new HashSet<string>();
        for (var c = 0; c < cells.Length; c++) if (hiddenCells[c]) hidden.Add(CountNames[c]);
        int? Count(int c) => hiddenCells[c] ? null : cells[c];
        ShownRate Rate(string metric, int numerator, int denominator)
        {
            var rate = TableSuppression.Rate(cells[numerator], cells[denominator], hiddenCells[numerator], hiddenCells[denominator]);
            if (rate is null) hidden.Add(metric + ".rate");
            return new ShownRate(Count(numerator), rate);
        }
        // Rule 5: effect sizes need 10 cases (a row with nothing to show has -1).
        double? Effect(string name, double? value)
        {
            var shownValue = f.CasesAtIntake < MinCellSize ? null : value;
            if (shownValue is null) hidden.Add(name);
            return shownValue;
        }
        var recovered = Rate("recovered", Recovered, Cases);
        var improved = Rate("reliablyImproved", Improved, Completed);
        var deteriorated = Rate("reliablyDeteriorated", Deteriorated, Completed);
        var unchanged = Rate("unchanged", Unchanged, Completed);
        var reliableRecovery = Rate("reliableRecovery", ReliableRecovery, Cases);
        var d = Effect("prePostD", f.PrePostD);
        var saes = f.ShowsSaes ? Effect("saesTenantReferenced", f.SaesTenantReferenced) : null;
        return new ReportRow(f.Key, Count(Ended), Count(Completed), Count(Cases), recovered, improved, deteriorated, unchanged, reliableRecovery,
            d, saes, f.ShowsSaes, [.. FieldOrder.Where(hidden.Contains)], alliance);
    }
}
