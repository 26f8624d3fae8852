namespace Feedback.Clinical.Reports;

/// <summary>
/// A row equation of a count table: <c>Left = sum(Right)</c>, or, when <see cref="NeverShownTerm"/>, <c>Left = Right[0] +
/// [a term never shown]</c> (e.g. "episodes with one administration", Left minus Right[0]). Cells are column indices.
/// </summary>
public sealed record RowEquation(int Left, int[] Right, bool NeverShownTerm = false);

/// <summary>
/// Small-number suppression of a count table, algorithm v1.2 (clinical.md section 8, review defect 7; Feedback
/// default). Rows are the groups, then the total; columns are count fields in the row's order. Used by the outcome
/// report (R1-R7), its alliance block (A1, A2) and the calibration report (section 12).
/// </summary>
public static class TableSuppression
{
    /// <summary>Counts 1 to MinCellSize - 1 are hidden; so are rates over fewer and effect sizes over fewer cases.</summary>
    public const int MinCellSize = 10;

    /// <summary>
    /// 1-9 (and the -1 of a row with nothing to show) is hidden on its own; zero never is.
    /// </summary>
    public static bool IsSmall(int count) => count is >= 1 and < MinCellSize || count < 0;

    /// <summary>
    /// Which cells are hidden. <paramref name="cells"/>: one array per row, groups first; when
    /// <paramref name="lastRowIsTotal"/> the last row is the sum of the others and, with two or more groups, the column
    /// equations apply.
    /// </summary>
    public static bool[][] Hide(IReadOnlyList<int[]> cells, IReadOnlyList<RowEquation> equations, bool lastRowIsTotal)
    {
        var hidden = cells.Select(row => row.Select(IsSmall).ToArray()).ToArray();
        var groups = cells.Count - 1;
        var columns = lastRowIsTotal && groups >= 2;
        bool changed;
        do
        {
            changed = false;
            for (var r = 0; r < cells.Count; r++)
                foreach (var equation in equations)
                    changed |= HideInRow(cells[r], hidden[r], equation);
            if (columns)
                for (var c = 0; c < cells[0].Length; c++)
                    changed |= HideInColumn(cells, hidden, groups, c);
        }
        while (changed); // ends: a pass that changes something hides at least one more cell of a finite table
        return hidden;
    }

    // clinical.md section 8 rule 2.
    static bool HideInRow(int[] row, bool[] hidden, RowEquation e)
    {
        if (!e.NeverShownTerm)
        {
            var hiddenCells = (hidden[e.Left] ? 1 : 0) + e.Right.Count(c => hidden[c]);
            if (hiddenCells != 1) return false;
            var smallest = -1;
            foreach (var c in e.Right)
                if (!hidden[c] && row[c] > 0 && (smallest < 0 || row[c] < row[smallest])) smallest = c;
            return Mark(hidden, smallest >= 0 ? smallest : e.Left);
        }
        var shownRight = e.Right[0];
        var neverShown = row[e.Left] - row[shownRight];
        if (neverShown is < 1 or >= MinCellSize || hidden[e.Left] || hidden[shownRight]) return false;
        // "Else its left-hand cell" cannot happen here: with the right-hand cell 0, the left equals the never-shown term,
        // 1-9, and is hidden already (primary).
        return Mark(hidden, shownRight);
    }

    // Rule 3: total = sum of the groups, for one field.
    static bool HideInColumn(IReadOnlyList<int[]> cells, bool[][] hidden, int groups, int c)
    {
        var hiddenCells = 0;
        for (var r = 0; r <= groups; r++) if (hidden[r][c]) hiddenCells++;
        if (hiddenCells != 1) return false;
        var smallest = -1;
        for (var g = 0; g < groups; g++)
            if (!hidden[g][c] && cells[g][c] > 0 && (smallest < 0 || cells[g][c] < cells[smallest][c])) smallest = g;
        return Mark(hidden[smallest >= 0 ? smallest : groups], c);
    }

    static bool Mark(bool[] hidden, int cell)
    {
        if (hidden[cell]) return false;
        hidden[cell] = true;
        return true;
    }

    /// <summary>A rate is shown only when its denominator is at least 10 and neither count it is made of is hidden (rule 5).</summary>
    public static double? Rate(int numerator, int denominator, bool numeratorHidden, bool denominatorHidden) =>
        denominator < MinCellSize || numeratorHidden || denominatorHidden ? null : Share(numerator, denominator);

    /// <summary>numerator / denominator to 3 decimals, half away from zero (rates and the AUC, sections 8 and 12).</summary>
    public static double Share(double numerator, double denominator) => Math.Round(numerator / denominator, 3, MidpointRounding.AwayFromZero);
}
