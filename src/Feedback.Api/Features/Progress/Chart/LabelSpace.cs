namespace Feedback.Api.Features.Progress.Chart;

/// <summary>
/// Where a horizontal line's label goes so that it does not sit on the data (clinical.md section 10 item 8: "clinical
/// cut-off 10" overlapped sessions 1-2): of a few spots along the line, above and below it, the one whose box covers the
/// fewest plotted marks and earlier labels (a spot further from the line costs a little more); the first on a tie. Pure geometry.
/// </summary>
sealed class LabelSpace(double left, double right, double top, double bottom)
{
    public readonly record struct Box(double X0, double Y0, double X1, double Y1)
    {
        public bool Holds(double x, double y, double pad) => x >= X0 - pad && x <= X1 + pad && y >= Y0 - pad && y <= Y1 + pad;
        public bool Meets(Box b) => X0 < b.X1 && b.X0 < X1 && Y0 < b.Y1 && b.Y0 < Y1;
    }

    readonly List<(double X, double Y)> marks = [];
    readonly List<Box> taken = [];

    public const double FontSize = 11;

    public static double WidthOf(string text) => text.Length * FontSize * 0.56;

    public void Mark(double x, double y) => marks.Add((x, y));

    /// <summary>A drawn line, sampled every few pixels.</summary>
    public void Path(IReadOnlyList<(double X, double Y)> points)
    {
        for (var k = 0; k < points.Count; k++)
        {
            Mark(points[k].X, points[k].Y);
            if (k == 0) continue;
            var (a, b) = (points[k - 1], points[k]);
            var steps = (int)Math.Ceiling(Math.Max(Math.Abs(b.X - a.X), Math.Abs(b.Y - a.Y)) / 4);
            for (var s = 1; s < steps; s++)
                Mark(a.X + (b.X - a.X) * s / steps, a.Y + (b.Y - a.Y) * s / steps);
        }
    }

    public void Take(Box box) => taken.Add(box);

    /// <summary>
    /// The label's start x and text baseline for a line at <paramref name="lineY"/>; the spot is then taken.
    /// <paramref name="above"/>: the side the label belongs on (a reliable-change line's label on its own side of the intake).
    /// </summary>
    public (double X, double Baseline) Place(double lineY, string text, bool? above = null)
    {
        var width = WidthOf(text);
        double[] xs = [left + 6, right - width - 6, (left + right - width) / 2, left + (right - left) / 4, left + 3 * (right - left) / 4 - width];
        var best = (Cost: double.MaxValue, X: 0.0, Baseline: 0.0, Box: default(Box));
        // Next to the line first; a line height or two away when every spot next to it is taken by the data.
        foreach (var step in new[] { 0, 1, 2 })
            foreach (var up in new[] { true, false })
                foreach (var x in xs)
                {
                    var baseline = up ? lineY - 4 - step * (FontSize + 2) : lineY + FontSize + 2 + step * (FontSize + 2);
                    var box = new Box(x - 2, baseline - FontSize, x + width + 2, baseline + 3);
                    if (box.Y0 < top - FontSize || box.Y1 > bottom + 2) continue;
                    var cost = marks.Count(m => box.Holds(m.X, m.Y, 3)) + 100.0 * taken.Count(t => t.Meets(box)) + 0.5 * step + (above is { } side && side != up ? 0.75 : 0);
                    if (cost < best.Cost) best = (cost, x, baseline, box);
                }
        if (best.Cost == double.MaxValue) best = (0, left + 6, lineY - 4, new Box(left + 4, lineY - 4 - FontSize, left + 8 + width, lineY - 1));
        taken.Add(best.Box);
        return (best.X, best.Baseline);
    }
}
