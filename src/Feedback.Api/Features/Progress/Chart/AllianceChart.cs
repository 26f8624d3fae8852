using System.Globalization;
using System.Text;
using Feedback.Clinical.Alliance;

namespace Feedback.Api.Features.Progress.Chart;

/// <summary>
/// A self-contained SVG of one alliance instrument in an episode: each rater's line by session (the client's solid, the
/// therapist's or caregiver's dashed beside it), the concern cut-off, and every rupture as a shaded span from its onset
/// (a red triangle) to its repair (a green tick) or its unrepaired end (a red cross), with the total that repairs it.
/// It carries no client identifier, so an EHR can embed it as it is.
/// </summary>
static class AllianceChart
{
    const int Width = 720, Height = 410, Left = 64, Right = 676, Top = 88, Bottom = 350;
    const int MinSessions = 8;

    static readonly Dictionary<Rater, (string Colour, string Dash, string Label)> Style = new()
    {
        [Rater.Client] = ("#1f5fbf", "", "client"),
        [Rater.Therapist] = ("#c25e00", "7 4", "therapist"),
        [Rater.Caregiver] = ("#117a65", "7 4", "caregiver"),
    };

    const string RuptureFill = "#fbe3e1", Onset = "#c0392b", Repair = "#1a7f37", Cutoff = "#7a3db8";

    /// <summary>The x of a rating: the clinic's session number when it gave one, else its place in the series.</summary>
    static int SessionOf(AlliancePointView p) => p.SessionNumber ?? p.Session;

    public static string Render(Instrument instrument, ProgressView view)
    {
        var series = view.Series ?? [];
        var points = series.SelectMany(s => s.Points).ToList();
        var cutoff = (double)view.Cutoff!.Total;
        var firstSession = points.Count == 0 ? 1 : Math.Min(1, points.Min(SessionOf));
        var lastSession = Math.Max(firstSession + MinSessions - 1, points.Count == 0 ? 0 : points.Max(SessionOf));
        // Alliance scores cluster near the ceiling: the axis starts a little below the lowest score or the cut-off.
        var yMax = (double)instrument.TotalMax;
        var lowest = Math.Min(cutoff, points.Count == 0 ? cutoff : (double)points.Min(p => p.Score));
        var yStep = instrument == Catalogue.WaiSr ? 6.0 : 2.0;
        var yMin = Math.Max((double)instrument.TotalMin, Math.Floor((lowest - yStep) / yStep) * yStep);
        double X(double s) => Left + (s - firstSession) / (lastSession - firstSession) * (Right - Left);
        double Y(double v) => Bottom - (Math.Clamp(v, yMin, yMax) - yMin) / (yMax - yMin) * (Bottom - Top);

        var svg = new StringBuilder();
        svg.Append($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" role="img" font-family="Helvetica, Arial, sans-serif" font-size="12">""");
        svg.Append($"<title>{instrument.Code} alliance by session, with ruptures and repairs</title>");
        svg.Append($"""<rect width="{Width}" height="{Height}" fill="#ffffff"/>""");
        svg.Append($"""<text x="{Left}" y="24" font-size="16" font-weight="bold">{instrument.Code}: the alliance session by session, ruptures and repairs</text>""");
        Legend(svg, series);

        foreach (var s in series)
            foreach (var u in s.Ruptures)
                RuptureSpan(svg, s, u, X, Y);
        Axes(svg, firstSession, lastSession, yMin, yMax, yStep, X, Y);
        svg.Append($"""<line x1="{Left}" x2="{Right}" y1="{F(Y(cutoff))}" y2="{F(Y(cutoff))}" stroke="{Cutoff}" stroke-width="1.2" stroke-dasharray="2 3"/>""");
        var rule = view.Cutoff.Rule == CutoffRule.AtOrBelow ? "at or below" : "below";
        var itemMean = view.Cutoff.ItemMean is { } m ? $" (item mean {F((double)m)})" : "";
        svg.Append($"""<text x="{Left + 6}" y="{F(Y(cutoff) + 14)}" fill="{Cutoff}">concern {rule} {F(cutoff)}{itemMean}</text>""");

        foreach (var s in series.Where(s => s.Points.Count > 0))
        {
            var (colour, dash, label) = Style[s.Rater];
            svg.Append($"""<polyline fill="none" stroke="{colour}" stroke-width="2"{(dash == "" ? "" : $" stroke-dasharray=\"{dash}\"")} points="{string.Join(' ', s.Points.Select(p => $"{F(X(SessionOf(p)))},{F(Y((double)p.Score))}"))}"/>""");
            foreach (var p in s.Points)
            {
                var reasons = p.Reasons.Count == 0 ? "" : $"; {string.Join(", ", p.Reasons.Select(r => Names.Of(r).Replace('_', ' ')))}";
                var shape = s.Rater == Rater.Client
                    ? $"""<circle cx="{F(X(SessionOf(p)))}" cy="{F(Y((double)p.Score))}" r="4.5" fill="{colour}" stroke="#ffffff" stroke-width="1.5">"""
                    : $"""<rect x="{F(X(SessionOf(p)) - 4)}" y="{F(Y((double)p.Score) - 4)}" width="8" height="8" fill="{colour}" stroke="#ffffff" stroke-width="1.5">""";
                svg.Append(shape).Append($"<title>{label}, session {SessionOf(p)}: {F((double)p.Score)}{reasons}</title>")
                    .Append(s.Rater == Rater.Client ? "</circle>" : "</rect>");
            }
        }
        if (points.Count == 0)
            svg.Append($"""<text x="{F((Left + Right) / 2.0)}" y="{F((Top + Bottom) / 2.0)}" text-anchor="middle" fill="#777777">No ratings of {instrument.Code} in this episode yet</text>""");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The span of one rupture: shaded from onset to end (or to the latest rating while open), the repair line across it, its marks.</summary>
    static void RuptureSpan(StringBuilder svg, RaterSeriesView s, RuptureSummaryView u, Func<double, double> x, Func<double, double> y)
    {
        var byId = s.Points.ToDictionary(p => p.AdministrationId);
        var onset = byId[u.SinceAdministrationId];
        var end = u.EndedAdministrationId is { } e ? byId[e] : s.Points[^1];
        double x0 = x(SessionOf(onset)) - 8, x1 = Math.Max(x(SessionOf(end)) + 8, x0 + 16);
        svg.Append($"""<rect x="{F(x0)}" y="{Top}" width="{F(x1 - x0)}" height="{Bottom - Top}" fill="{RuptureFill}" opacity="0.8"/>""");
        svg.Append($"""<line x1="{F(x0)}" x2="{F(x1)}" y1="{F(y((double)u.RepairAt))}" y2="{F(y((double)u.RepairAt))}" stroke="{Repair}" stroke-width="1" stroke-dasharray="3 2"/>""");
        var who = s.Rater == Rater.Client ? "" : $" ({Style[s.Rater].Label})";
        svg.Append($"""<text x="{F(x0 + 3)}" y="{Top + 12}" font-size="11" fill="{Onset}">rupture{who}</text>""");
        var (ox, oy) = (x(SessionOf(onset)), y((double)onset.Score) + 12);
        svg.Append($"""<path d="M {F(ox - 6)} {F(oy + 9)} L {F(ox + 6)} {F(oy + 9)} L {F(ox)} {F(oy)} Z" fill="{Onset}"><title>rupture at session {SessionOf(onset)}: baseline {F((double)u.Baseline)}, repair at {F((double)u.RepairAt)}</title></path>""");
        var (ex, ey) = (x(SessionOf(end)), y((double)end.Score));
        var anchor = ex > Right - 30 ? "end" : "middle";
        if (u.State == RuptureState.Repaired)
            svg.Append($"""<path d="M {F(ex - 6)} {F(ey - 14)} l 4 5 l 8 -10" fill="none" stroke="{Repair}" stroke-width="3"><title>repaired at session {SessionOf(end)}</title></path><text x="{F(ex)}" y="{Bottom - 6}" text-anchor="{anchor}" font-size="11" fill="{Repair}">repaired</text>""");
        else if (u.State == RuptureState.Unrepaired)
            svg.Append($"""<path d="M {F(ex - 5)} {F(ey - 19)} l 10 10 M {F(ex + 5)} {F(ey - 19)} l -10 10" stroke="{Onset}" stroke-width="3"><title>unrepaired{(u.EndedBy == RuptureEnd.EpisodeClosed ? " (the episode closed)" : $" at session {SessionOf(end)}")}</title></path><text x="{F(ex + (anchor == "end" ? 8 : 0))}" y="{Bottom - 6}" text-anchor="{anchor}" font-size="11" fill="{Onset}">unrepaired</text>""");
        else
            svg.Append($"""<text x="{F(ex + (anchor == "end" ? 8 : 0))}" y="{Bottom - 6}" text-anchor="{anchor}" font-size="11" fill="{Onset}">open</text>""");
    }

    static void Axes(StringBuilder svg, int first, int last, double yMin, double yMax, double yStep, Func<double, double> x, Func<double, double> y)
    {
        svg.Append($"""<line x1="{Left}" x2="{Right}" y1="{Bottom}" y2="{Bottom}" stroke="#444444"/><line x1="{Left}" x2="{Left}" y1="{Top}" y2="{Bottom}" stroke="#444444"/>""");
        var step = Math.Max(1, (int)Math.Ceiling((last - first + 1) / 20.0));
        for (var t = first; t <= last; t += step)
            svg.Append($"""<line x1="{F(x(t))}" x2="{F(x(t))}" y1="{Bottom}" y2="{Bottom + 4}" stroke="#444444"/><text x="{F(x(t))}" y="{Bottom + 17}" text-anchor="middle">{t}</text>""");
        svg.Append($"""<text x="{F((Left + Right) / 2.0)}" y="{Bottom + 36}" text-anchor="middle">session</text>""");
        for (var v = yMin; v <= yMax + 1e-9; v += yStep)
            svg.Append($"""<line x1="{Left - 4}" x2="{Right}" y1="{F(y(v))}" y2="{F(y(v))}" stroke="#e6e6e6"/><text x="{Left - 8}" y="{F(y(v) + 4)}" text-anchor="end">{F(v)}</text>""");
        svg.Append($"""<text x="{Left - 8}" y="{Top - 10}" text-anchor="end" font-weight="bold">▲ better</text>""");
    }

    static void Legend(StringBuilder svg, List<RaterSeriesView> series)
    {
        svg.Append($"""<g transform="translate({Left},46)">""");
        var x = 0;
        foreach (var s in series)
        {
            var (colour, dash, label) = Style[s.Rater];
            svg.Append($"""<line x1="{x}" x2="{x + 24}" y1="0" y2="0" stroke="{colour}" stroke-width="2"{(dash == "" ? "" : $" stroke-dasharray=\"{dash}\"")}/><text x="{x + 30}" y="4">{label}</text>""");
            x += 42 + label.Length * 7;
        }
        svg.Append($"""<line x1="{x}" x2="{x + 24}" y1="0" y2="0" stroke="{Cutoff}" stroke-width="1.2" stroke-dasharray="2 3"/><text x="{x + 30}" y="4">cut-off</text>""");
        // the rupture marks on a second row, so three raters' lines never push them off the chart
        svg.Append("</g>").Append($"""<g transform="translate({Left},64)">""");
        x = 0;
        svg.Append($"""<rect x="{x}" y="-7" width="14" height="14" fill="{RuptureFill}"/><path d="M {x + 1} 5 L {x + 13} 5 L {x + 7} -4 Z" fill="{Onset}"/><text x="{x + 20}" y="4">rupture</text>""");
        x += 82;
        svg.Append($"""<path d="M {x} 0 l 4 5 l 8 -10" fill="none" stroke="{Repair}" stroke-width="3"/><text x="{x + 18}" y="4">repaired</text>""");
        x += 84;
        svg.Append($"""<path d="M {x} -5 l 10 10 M {x + 10} -5 l -10 10" stroke="{Onset}" stroke-width="3"/><text x="{x + 16}" y="4">unrepaired</text>""");
        x += 92;
        svg.Append($"""<line x1="{x}" x2="{x + 18}" y1="0" y2="0" stroke="{Repair}" stroke-dasharray="3 2"/><text x="{x + 24}" y="4">repair at</text>""");
        svg.Append("</g>");
    }

    static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
