using System.Text;
using static Feedback.Api.Features.Progress.Chart.ChartText;

namespace Feedback.Api.Features.Progress.Chart;

/// <summary>
/// What both charts share (clinical.md section 10 items 1-3 and 7): the title and summary an EHR and a screen reader
/// read, the clinic-session x axis, the footer naming the rules, and the marker shapes.
/// </summary>
static class ChartFrame
{
    public static StringBuilder Open(int width, int height, int left, string title, string subtitle, string desc)
    {
        var svg = new StringBuilder();
        svg.Append($"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title chart-desc" font-family="Helvetica, Arial, sans-serif" font-size="12">""");
        svg.Append($"""<title id="chart-title">{Esc(title)}</title><desc id="chart-desc">{Esc(desc)}</desc>""");
        svg.Append($"""<rect width="{width}" height="{height}" fill="#ffffff"/>""");
        svg.Append($"""<text x="{left}" y="26" font-size="17" font-weight="bold">{Esc(title)}</text>""");
        svg.Append($"""<text x="{left}" y="44" font-size="12" fill="#444444">{Esc(subtitle)}</text>""");
        return svg;
    }

    /// <summary>The x range: the first plotted session to at least <paramref name="minSessions"/> sessions on.</summary>
    public static (int First, int Last) Range(IReadOnlyCollection<int> sessions, int minSessions)
    {
        var first = sessions.Count == 0 ? 1 : sessions.Min();
        return (first, Math.Max(first + minSessions - 1, sessions.Count == 0 ? 0 : sessions.Max()));
    }

    /// <summary>A session's x, with half a session's room at both ends for side-by-side ratings and marks.</summary>
    public static Func<double, double> Scale(int first, int last, int left, int right) =>
        s => left + (s - first + 0.5) / (last - first + 1) * (right - left);

    /// <summary>
    /// A series' line: each clinic session's last rating joins the next session's first, so two ratings at one session
    /// (side by side) are not joined and the line breaks between them (item 6).
    /// </summary>
    public static List<List<T>> Segments<T>(IEnumerable<T> ratings, Func<T, int> session, Func<T, double> x)
    {
        var bySession = ratings.GroupBy(session).OrderBy(g => g.Key).Select(g => g.OrderBy(x).ToList()).ToList();
        var segments = new List<List<T>>();
        var current = new List<T>();
        for (var k = 0; k < bySession.Count; k++)
        {
            if (k > 0) current.Add(bySession[k][0]);
            if (bySession[k].Count > 1 && current.Count > 0) { segments.Add(current); current = []; }
            if (k == 0 || bySession[k].Count > 1) current.Add(bySession[k][^1]);
        }
        segments.Add(current);
        return [.. segments.Where(s => s.Count > 1)];
    }

    public static void XAxis(StringBuilder svg, int first, int last, Func<double, double> x, int left, int right, int bottom, bool numbered)
    {
        svg.Append($"""<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#444444"/>""");
        var step = Math.Max(1, (int)Math.Ceiling((last - first + 1) / 20.0));
        for (var s = first; s <= last; s += step)
            svg.Append($"""<line x1="{F(x(s))}" x2="{F(x(s))}" y1="{bottom}" y2="{bottom + 4}" stroke="#444444"/><text x="{F(x(s))}" y="{bottom + 17}" text-anchor="middle">{s}</text>""");
        svg.Append($"""<text x="{F((left + right) / 2.0)}" y="{bottom + 34}" text-anchor="middle" font-weight="bold">{AxisTitle(numbered)}</text>""");
    }

    public static void Footer(StringBuilder svg, int left, int y, string text) =>
        svg.Append($"""<text x="{left}" y="{y}" font-size="11" fill="#444444">{Esc(text)}</text>""");

    /// <summary>A marker centred on (x, y): circle, square, triangle, diamond, star or ring (hollow circle).</summary>
    public static string Marker(string shape, double x, double y, string fill, string stroke, double strokeWidth, double size = 5.5)
    {
        var paint = $"""fill="{fill}" stroke="{stroke}" stroke-width="{F(strokeWidth)}" """;
        return shape switch
        {
            "square" => $"""<rect x="{F(x - size * 0.85)}" y="{F(y - size * 0.85)}" width="{F(size * 1.7)}" height="{F(size * 1.7)}" {paint}/>""",
            "triangle" => $"""<path d="M {F(x)} {F(y - size * 1.15)} L {F(x + size * 1.05)} {F(y + size * 0.75)} L {F(x - size * 1.05)} {F(y + size * 0.75)} Z" {paint}/>""",
            "diamond" => $"""<path d="M {F(x)} {F(y - size * 1.2)} L {F(x + size * 1.1)} {F(y)} L {F(x)} {F(y + size * 1.2)} L {F(x - size * 1.1)} {F(y)} Z" {paint}/>""",
            "star" => $"""<path d="{Star(x, y, size * 1.35)}" {paint}/>""",
            _ => $"""<circle cx="{F(x)}" cy="{F(y)}" r="{F(size)}" {paint}/>""",
        };
    }

    static string Star(double x, double y, double r)
    {
        var points = Enumerable.Range(0, 10).Select(k =>
        {
            var angle = -Math.PI / 2 + k * Math.PI / 5;
            var radius = k % 2 == 0 ? r : r * 0.45;
            return $"{F(x + radius * Math.Cos(angle))} {F(y + radius * Math.Sin(angle))}";
        });
        return "M " + string.Join(" L ", points) + " Z";
    }

    /// <summary>A legend entry: the sample drawn at x, its words after it; the next entry's x.</summary>
    public static double LegendEntry(StringBuilder svg, double x, double y, string sample, string words)
    {
        svg.Append($"""<g transform="translate({F(x)},{F(y)})">{sample}<text x="20" y="4" font-size="{F(LabelSpace.FontSize)}">{Esc(words)}</text></g>""");
        return x + 30 + LabelSpace.WidthOf(words);
    }
}
