using Feedback.Clinical.Instruments;

namespace Feedback.Clinical.Reports;

/// <summary>
/// An alliance row as shown (clinical.md section 8): null counts and rates are named in <see cref="Suppressed"/>.
/// <see cref="HasEarly"/>: a client row, which carries earlyAssessed and earlyAllianceRisk; a caregiver row has neither.
/// </summary>
public sealed record AllianceRow(string Instrument, Rater Rater, int? Series, int? Ruptures, ShownRate Repaired, int? Unrepaired,
    int? EarlyAssessed, ShownRate EarlyAllianceRisk, IReadOnlyList<string> Suppressed)
{
    public bool HasEarly => Rater == Rater.Client;
}

/// <summary>
/// The alliance block's suppression: for each instrument and rater, the groups' rows and the total's are one table of
/// series, ruptures, repaired, unrepaired, earlyAssessed and earlyAllianceRisk under A1 (ruptures = repaired +
/// unrepaired) and A2 (earlyAssessed = earlyAllianceRisk + [no early risk]), with the algorithm of section 8.
/// </summary>
public static class AllianceSuppression
{
    const int Series = 0, Ruptures = 1, Repaired = 2, Unrepaired = 3, EarlyAssessed = 4, EarlyRisk = 5;

    static string[] CountNames => ["series", "ruptures", "repaired.count", "unrepaired", "earlyAssessed", "earlyAllianceRisk.count"];

    static RowEquation[] Equations =>
    [
        new(Ruptures, [Repaired, Unrepaired]),                   // A1
        new(EarlyAssessed, [EarlyRisk], NeverShownTerm: true),   // A2: + no early risk
    ];

    static string[] FieldOrder =>
        ["series", "ruptures", "repaired.count", "repaired.rate", "unrepaired", "earlyAssessed", "earlyAllianceRisk.count", "earlyAllianceRisk.rate"];

    /// <summary>
    /// The groups' blocks (null where a group has none) and the total's, as shown. Every block lists the same instruments
    /// and raters; with no block in the groups, the total is a table of one row.
    /// </summary>
    public static (IReadOnlyList<IReadOnlyList<AllianceRow>?> Groups, IReadOnlyList<AllianceRow>? Total) Apply(
        IReadOnlyList<IReadOnlyList<AllianceFigures>?> groups, IReadOnlyList<AllianceFigures>? total)
    {
        var shownGroups = groups.Select(g => g is null ? null : new List<AllianceRow>()).ToList();
        var shownTotal = total is null ? null : new List<AllianceRow>();
        if (total is null) return ([.. shownGroups], shownTotal);
        for (var p = 0; p < total.Count; p++)
        {
            var withBlock = groups.Select((g, i) => (g, i)).Where(x => x.g is not null).ToList();
            var rows = withBlock.Select(x => x.g![p]).Append(total[p]).ToList();
            var hidden = TableSuppression.Hide([.. rows.Select(r => r.Cells)], Equations, lastRowIsTotal: true);
            for (var k = 0; k < withBlock.Count; k++) shownGroups[withBlock[k].i]!.Add(Show(rows[k], hidden[k]));
            shownTotal!.Add(Show(total[p], hidden[^1]));
        }
        return ([.. shownGroups], shownTotal);
    }

    static AllianceRow Show(AllianceFigures f, bool[] hiddenCells)
    {
        var cells = f.Cells;
        var early = f.Rater == Rater.Client;
        var hidden = new HashSet<string>();
        for (var c = 0; c < cells.Length; c++)
            if (hiddenCells[c]) hidden.Add(CountNames[c]); // a caregiver's early cells are 0: never hidden
        int? Count(int c) => hiddenCells[c] || !early && c >= EarlyAssessed ? null : cells[c];
        ShownRate Rate(string metric, int numerator, int denominator)
        {
            var rate = TableSuppression.Rate(cells[numerator], cells[denominator], hiddenCells[numerator], hiddenCells[denominator]);
            if (rate is null) hidden.Add(metric + ".rate");
            return new ShownRate(Count(numerator), rate);
        }
        var repaired = Rate("repaired", Repaired, Ruptures);
        var risk = early ? Rate("earlyAllianceRisk", EarlyRisk, EarlyAssessed) : new ShownRate(null, null);
        return new AllianceRow(f.Instrument, f.Rater, Count(Series), Count(Ruptures), repaired, Count(Unrepaired), Count(EarlyAssessed), risk,
            [.. FieldOrder.Where(hidden.Contains)]);
    }

    /// <summary><paramref name="row"/> with every figure hidden that <paramref name="reference"/> (the same instrument and rater) hides.</summary>
    public static AllianceRow HideAsIn(AllianceRow row, AllianceRow reference)
    {
        var hide = reference.Suppressed.ToHashSet();
        var suppressed = row.Suppressed.Union(reference.Suppressed).ToHashSet();
        return row with
        {
            Series = hide.Contains("series") ? null : row.Series,
            Ruptures = hide.Contains("ruptures") ? null : row.Ruptures,
            Repaired = new(hide.Contains("repaired.count") ? null : row.Repaired.Count, hide.Contains("repaired.rate") ? null : row.Repaired.Rate),
            Unrepaired = hide.Contains("unrepaired") ? null : row.Unrepaired,
            EarlyAssessed = hide.Contains("earlyAssessed") ? null : row.EarlyAssessed,
            EarlyAllianceRisk = new(hide.Contains("earlyAllianceRisk.count") ? null : row.EarlyAllianceRisk.Count,
                hide.Contains("earlyAllianceRisk.rate") ? null : row.EarlyAllianceRisk.Rate),
            Suppressed = [.. FieldOrder.Where(suppressed.Contains)],
        };
    }
}
