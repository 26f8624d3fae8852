using System.Globalization;
using System.Text;
using Feedback.Clinical.Trajectories;

namespace Feedback.Api.Features.Progress.Chart;

/// <summary>
/// A self-contained SVG of one outcome series: scores by session, the expected curve, the at-risk and off-track band on
/// the worse side, and the clinical cut-off. It carries no client identifier, so an EHR can embed it as it is.
/// </summary>
static class ProgressChart
{
    const int Width = 720, Height = 380, Left = 64, Right = 700, Top = 64, Bottom = 330;
    const int MinSessions = 8;
    const double CurveStep = 0.1;

    static readonly Dictionary<ProgressStatus, string> StatusColour = new()
    {
        [ProgressStatus.Baseline] = "#555555", [ProgressStatus.OnTrack] = "#1a7f37", [ProgressStatus.AtRisk] = "#b7791f",
        [ProgressStatus.OffTrack] = "#c0392b", [ProgressStatus.Recovered] = "#1f5fbf",
    };

    public static string Render(Instrument instrument, AgeGroup ageGroup, ProgressView view)
    {
        var points = view.Points ?? [];
        var maxSession = Math.Max(MinSessions, points.Count == 0 ? 0 : points.Max(p => p.Session));
        double yMin = (double)instrument.TotalMin, yMax = (double)instrument.TotalMax;
        double X(double t) => Left + (t - 1) / (maxSession - 1) * (Right - Left);
        double Y(double v) => Bottom - (Math.Clamp(v, yMin, yMax) - yMin) / (yMax - yMin) * (Bottom - Top);
        var worseEdge = instrument.Direction == Direction.HigherIsWorse ? yMax : yMin;

        var svg = new StringBuilder();
        svg.Append($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" role="img" font-family="Helvetica, Arial, sans-serif" font-size="12">""");
        svg.Append($"<title>{instrument.Code} progress against the expected trajectory</title>");
        svg.Append($"""<rect width="{Width}" height="{Height}" fill="#ffffff"/>""");
        svg.Append($"""<text x="{Left}" y="24" font-size="16" font-weight="bold">{instrument.Code}: progress against the expected trajectory</text>""");
        Legend(svg);

        if (view.IntakeScore is { } intake)
        {
            var ts = Enumerable.Range(0, (int)((maxSession - 1) / CurveStep) + 1).Select(k => 1 + k * CurveStep).ToList();
            var expected = ts.Select(t => PowerDecay.Expected(instrument, ageGroup, (double)intake, t)).ToList();
            var atRisk = expected.Select(e => PowerDecay.AtRisk(instrument, e)).ToList();
            var offTrack = expected.Select(e => PowerDecay.OffTrack(instrument, e)).ToList();
            Band(svg, ts, offTrack, ts.Select(_ => worseEdge).ToList(), X, Y, "#f8d7d3");
            Band(svg, ts, atRisk, offTrack, X, Y, "#fbe7c0");
            svg.Append($"""<polyline fill="none" stroke="#333333" stroke-width="1.5" stroke-dasharray="6 4" points="{Line(ts, expected, X, Y)}"/>""");
        }

        Axes(svg, instrument, maxSession, yMin, yMax, X, Y);
        if (instrument.ClinicalCutoff is { } cutoff)
        {
            var c = (double)cutoff.For(ageGroup);
            svg.Append($"""<line x1="{F(Left)}" x2="{F(Right)}" y1="{F(Y(c))}" y2="{F(Y(c))}" stroke="#7a3db8" stroke-width="1.2" stroke-dasharray="2 3"/>""");
            svg.Append($"""<text x="{Left + 6}" y="{F(Y(c) - 4)}" fill="#7a3db8">clinical cut-off {F(c)}</text>""");
        }

        if (points.Count > 0)
        {
            svg.Append($"""<polyline fill="none" stroke="#222222" stroke-width="2" points="{string.Join(' ', points.Select(p => $"{F(X(p.Session))},{F(Y((double)p.Score))}"))}"/>""");
            foreach (var p in points)
                svg.Append($"""<circle cx="{F(X(p.Session))}" cy="{F(Y((double)p.Score))}" r="5" fill="{StatusColour[p.Status]}" stroke="#ffffff" stroke-width="1.5"><title>session {p.Session}: {F((double)p.Score)} ({Names.Of(p.Status)})</title></circle>""");
        }
        else
        {
            svg.Append($"""<text x="{F((Left + Right) / 2.0)}" y="{F((Top + Bottom) / 2.0)}" text-anchor="middle" fill="#777777">No administrations of {instrument.Code} in this episode yet</text>""");
        }
        return svg.Append("</svg>").ToString();
    }

    static string Line(List<double> ts, List<double> values, Func<double, double> x, Func<double, double> y) =>
        string.Join(' ', ts.Select((t, k) => $"{F(x(t))},{F(y(values[k]))}"));

    static void Band(StringBuilder svg, List<double> ts, List<double> from, List<double> to, Func<double, double> x, Func<double, double> y, string fill)
    {
        var forward = ts.Select((t, k) => $"{F(x(t))},{F(y(from[k]))}");
        var back = ts.Select((t, k) => $"{F(x(t))},{F(y(to[k]))}").Reverse();
        svg.Append($"""<polygon fill="{fill}" stroke="none" points="{string.Join(' ', forward.Concat(back))}"/>""");
    }

    static void Axes(StringBuilder svg, Instrument instrument, int maxSession, double yMin, double yMax, Func<double, double> x, Func<double, double> y)
    {
        svg.Append($"""<line x1="{Left}" x2="{Right}" y1="{Bottom}" y2="{Bottom}" stroke="#444444"/><line x1="{Left}" x2="{Left}" y1="{Top}" y2="{Bottom}" stroke="#444444"/>""");
        var step = Math.Max(1, (int)Math.Ceiling(maxSession / 20.0));
        for (var t = 1; t <= maxSession; t += step)
            svg.Append($"""<line x1="{F(x(t))}" x2="{F(x(t))}" y1="{Bottom}" y2="{Bottom + 4}" stroke="#444444"/><text x="{F(x(t))}" y="{Bottom + 17}" text-anchor="middle">{t}</text>""");
        svg.Append($"""<text x="{F((Left + Right) / 2.0)}" y="{Bottom + 36}" text-anchor="middle">session</text>""");
        var yStep = NiceStep((yMax - yMin) / 6);
        for (var v = yMin; v <= yMax + 1e-9; v += yStep)
            svg.Append($"""<line x1="{Left - 4}" x2="{Right}" y1="{F(y(v))}" y2="{F(y(v))}" stroke="#e6e6e6"/><text x="{Left - 8}" y="{F(y(v) + 4)}" text-anchor="end">{F(v)}</text>""");
        var (up, down) = instrument.Direction == Direction.HigherIsWorse ? ("worse", "better") : ("better", "worse");
        svg.Append($"""<text x="{Left - 8}" y="{Top - 10}" text-anchor="end" font-weight="bold">▲ {up}</text><text x="{Left - 8}" y="{Bottom + 36}" text-anchor="end" font-weight="bold">▼ {down}</text>""");
    }

    static void Legend(StringBuilder svg)
    {
        svg.Append($"""<g transform="translate({Left},40)">""");
        svg.Append("""<line x1="0" x2="24" y1="0" y2="0" stroke="#333333" stroke-width="1.5" stroke-dasharray="6 4"/><text x="30" y="4">expected</text>""");
        svg.Append("""<rect x="100" y="-6" width="14" height="12" fill="#fbe7c0"/><text x="120" y="4">at-risk band</text>""");
        svg.Append("""<rect x="205" y="-6" width="14" height="12" fill="#f8d7d3"/><text x="225" y="4">off-track band</text>""");
        var x = 318;
        foreach (var (status, colour) in StatusColour)
        {
            svg.Append($"""<circle cx="{x}" cy="0" r="5" fill="{colour}"/><text x="{x + 9}" y="4">{Names.Of(status).Replace('_', ' ')}</text>""");
            x += 17 + Names.Of(status).Length * 6;
        }
        svg.Append("</g>");
    }

    static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
    }

    static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
