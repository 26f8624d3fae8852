namespace Feedback.Clinical.Reports;

/// <summary>The calibration report as shown: every null count, rate or AUC is named in <see cref="Suppressed"/>.</summary>
public sealed record CalibrationRow(int? Episodes, int? EarlyAssessed, int? Poor, int? NotPoor, int? TruePositives, int? FalsePositives,
    int? FalseNegatives, int? TrueNegatives, int? PostIntakeAssessments, int? FlaggedAssessments,
    double? FlagRate, double? Sensitivity, double? Specificity, double? Ppv, double? Auc, IReadOnlyList<string> Suppressed);

/// <summary>
/// clinical.md section 12 "Suppression": the counts are one row of a table under the section-8 algorithm, with the
/// equations earlyAssessed = TP + FP + FN + TN, poor = TP + FN, notPoor = FP + TN, episodes = earlyAssessed +
/// [notEarlyAssessed], postIntakeAssessments = flaggedAssessments + [unflagged].
/// </summary>
public static class CalibrationSuppression
{
    const int Episodes = 0, Early = 1, Poor = 2, NotPoor = 3, Tp = 4, Fp = 5, Fn = 6, Tn = 7, PostIntake = 8, Flagged = 9;

    /// <summary>The field names, counts in cell order, then the rates and the AUC.</summary>
    public static string[] FieldOrder =>
    [
        "episodes", "earlyAssessed", "poor", "notPoor", "TP", "FP", "FN", "TN", "postIntakeAssessments", "flaggedAssessments",
        "flagRate", "sensitivity", "specificity", "ppv", "auc",
    ];

    static RowEquation[] Equations =>
    [
        new(Early, [Tp, Fp, Fn, Tn]),
        new(Poor, [Tp, Fn]),
        new(NotPoor, [Fp, Tn]),
        new(Episodes, [Early], NeverShownTerm: true),
        new(PostIntake, [Flagged], NeverShownTerm: true),
    ];

    /// <summary>The report as shown; with <paramref name="suppress"/> false (the section-12 vector) every figure shows.</summary>
    public static CalibrationRow Apply(CalibrationFigures f, bool suppress = true)
    {
        var cells = f.Cells;
        var hidden = suppress ? TableSuppression.Hide([cells], Equations, lastRowIsTotal: false)[0] : new bool[cells.Length];
        var minimum = suppress ? TableSuppression.MinCellSize : 1;
        int? Count(int c) => hidden[c] ? null : cells[c];
        // A rate over a denominator below 10, or over a hidden count, is hidden (rule 5).
        double? Rate(int numerator, int[] denominator)
        {
            var d = denominator.Sum(c => cells[c]);
            return d < minimum || hidden[numerator] || denominator.Any(c => hidden[c])
                ? null : TableSuppression.Share(cells[numerator], d);
        }
        var auc = f.Auc is { } a && !hidden[Poor] && !hidden[NotPoor] && cells[Poor] >= minimum && cells[NotPoor] >= minimum ? a : (double?)null;
        var row = new CalibrationRow(Count(Episodes), Count(Early), Count(Poor), Count(NotPoor), Count(Tp), Count(Fp), Count(Fn), Count(Tn),
            Count(PostIntake), Count(Flagged), Rate(Flagged, [PostIntake]), Rate(Tp, [Tp, Fn]), Rate(Tn, [Fp, Tn]), Rate(Tp, [Tp, Fp]), auc, []);
        object?[] values = [row.Episodes, row.EarlyAssessed, row.Poor, row.NotPoor, row.TruePositives, row.FalsePositives, row.FalseNegatives,
            row.TrueNegatives, row.PostIntakeAssessments, row.FlaggedAssessments, row.FlagRate, row.Sensitivity, row.Specificity, row.Ppv, row.Auc];
        return row with { Suppressed = [.. FieldOrder.Where((_, i) => values[i] is null)] };
    }
}
