using System.Text;
using Feedback.Clinical.Trajectories;
using Feedback.Data.Alerts;
using static Feedback.Api.Features.Progress.Chart.ChartFrame;
using static Feedback.Api.Features.Progress.Chart.ChartText;

namespace Feedback.Api.Features.Progress.Chart;

/// <summary>
/// A self-contained SVG of one outcome series (clinical.md section 10, items 1-13): scores by clinic session, coloured
/// and shaped by status, against the expected curve with its at-risk and off-track bands, the clinical cut-off of the
/// intake's age group and the reliable-change lines; risk items and reliable deterioration marked at their points. It
/// carries no client identifier and no date, so an EHR can embed it as it is.
/// </summary>
static class ProgressChart
{
    const int Width = 720, Height = 450, Left = 64, Right = 700, Top = 122, Bottom = 382;
    const int MinSessions = 8;
    const double CurveStep = 0.1, SideBySide = 6;

    const string Risk = "#c0392b", Substance = "#8e4a00", Cutoff = "#7a3db8", ReliableLine = "#2f5d7c";

    // Green only for on track and recovered; not improving is a hollow grey ring, never green (item 5).
    static readonly (ProgressStatus Status, string Colour, string Shape)[] Styles =
    [
        (ProgressStatus.Baseline, "#5f6368", "square"), (ProgressStatus.OnTrack, "#1a7f37", "circle"),
        (ProgressStatus.Recovered, "#1a7f37", "star"), (ProgressStatus.NoChange, "#6b6b6b", "ring"),
        (ProgressStatus.AtRisk, "#b7791f", "triangle"), (ProgressStatus.OffTrack, "#c0392b", "diamond"),
    ];

    static (string Colour, string Shape) StyleOf(ProgressStatus s) => Styles.Where(x => x.Status == s).Select(x => (x.Colour, x.Shape)).Single();

    static string Point(ProgressStatus status, double x, double y, double size = 5.5)
    {
        var (colour, shape) = StyleOf(status);
        return shape == "ring" ? Marker("circle", x, y, "#ffffff", colour, 2.5, size - 0.5) : Marker(shape, x, y, colour, "#ffffff", 1.2, size);
    }

    sealed record Plotted(ProgressPoint P, double X, double Y, bool Second);

    public static string Render(Instrument instrument, AgeGroup ageGroup, ProgressView view, IReadOnlyDictionary<string, decimal?[]> answers, IReadOnlyList<AlertRow> episodeAlerts)
    {
        var points = view.Points ?? [];
        var rater = view.Rater ?? Rater.Client;
        var alerts = episodeAlerts.Where(a => a.Rater == Names.Of(rater)).ToList();
        var numbered = points.Any(p => p.SessionNumber is not null);
        var (first, last) = Range([.. points.Select(p => p.ClinicSession)], MinSessions);
        double yMin = (double)instrument.TotalMin, yMax = (double)instrument.TotalMax;
        var X = Scale(first, last, Left, Right);
        double Y(double v) => Bottom - (Math.Clamp(v, yMin, yMax) - yMin) / (yMax - yMin) * (Bottom - Top);
        var cutoffAgeGroup = instrument == Catalogue.Cors ? AgeGroup.Child : ageGroup;

        // Two administrations at one clinic session stand side by side there (item 6).
        var plotted = points.GroupBy(p => p.ClinicSession).SelectMany(g => g.Select((p, k) =>
            new Plotted(p, X(p.ClinicSession) + (k - (g.Count() - 1) / 2.0) * 2 * SideBySide, Y((double)p.Score), k > 0))).ToList();
        var order = points.Select((p, k) => (p.AdministrationId, k)).ToDictionary(x => x.AdministrationId, x => x.k);
        plotted = [.. plotted.OrderBy(p => order[p.P.AdministrationId])];

        var title = Title(instrument, [rater]);
        var svg = Open(Width, Height, Left, title, "Progress against the expected trajectory", Summary(instrument, title, points, alerts, numbered));
        // The legend names the instrument and the rater too: a child's and a caregiver's CORS charts side by side differ.
        Legend(svg, $"{instrument.Code}: {RaterWord(instrument, rater)}'s ratings");

        var labels = new LabelSpace(Left, Right, Top, Bottom);
        var dataLine = Segments(plotted, p => p.P.ClinicSession, p => p.X).Select(l => l.Select(p => (p.X, p.Y)).ToList()).ToList();
        foreach (var segment in dataLine) labels.Path(segment);
        var marked = alerts.Where(a => a.Kind is "risk_item" or "risk_item_unanswered" or "substance_use").Select(a => a.AdministrationId).ToHashSet();
        foreach (var p in plotted) labels.Take(new LabelSpace.Box(p.X - 10, p.Y - (marked.Contains(p.P.AdministrationId) ? 30 : 8), p.X + 10, p.Y + 8));

        var notes = new List<string>();
        if (view.IntakeScore is { } intake && points.Count > 0)
            Expected(svg, labels, instrument, ageGroup, intake, points[0].ClinicSession, last, X, Y, yMin, yMax);
        AxesY(svg, instrument, yMin, yMax, Y);
        XAxis(svg, first, last, X, Left, Right, Bottom, numbered);
        if (instrument.ClinicalCutoff is { } cutoff)
        {
            var c = (double)cutoff.For(cutoffAgeGroup);
            svg.Append($"""<line x1="{Left}" x2="{Right}" y1="{F(Y(c))}" y2="{F(Y(c))}" stroke="{Cutoff}" stroke-width="1.5" stroke-dasharray="2 3"/>""");
            Label(svg, labels, Y(c), $"clinical cut-off {F(c)} ({Names.Of(cutoffAgeGroup)})", Cutoff);
        }
        if (view.IntakeScore is { } x0 && points.Count > 0)
            ReliableChangeLines(svg, labels, instrument, (double)x0, Y, yMin, yMax, notes);

        foreach (var segment in dataLine)
            svg.Append($"""<polyline class="data-line" fill="none" stroke="#222222" stroke-width="2" points="{string.Join(' ', segment.Select(p => $"{F(p.X)},{F(p.Y)}"))}"/>""");
        foreach (var p in plotted)
            PointMark(svg, instrument, p, view.IntakeScore ?? p.P.Score, numbered);
        foreach (var p in plotted)
            RiskMarks(svg, instrument, p, answers.GetValueOrDefault(p.P.AdministrationId), alerts.Where(a => a.AdministrationId == p.P.AdministrationId).ToList());
        if (points.Count == 0)
            svg.Append($"""<text x="{F((Left + Right) / 2.0)}" y="{F((Top + Bottom) / 2.0)}" text-anchor="middle" fill="#555555">No administrations of {Esc(instrument.Code)} by the {RaterWord(instrument, rater)} in this episode yet</text>""");

        Footer(svg, Left, Height - 10, $"Model {view.Model ?? PowerDecay.Model}; rules {Feedback.Clinical.Alerts.AlertRules.Version}.{(notes.Count == 0 ? "" : " " + string.Join(" ", notes))}");
        return svg.Append("</svg>").ToString();
    }

    static void Label(StringBuilder svg, LabelSpace labels, double lineY, string text, string colour, bool? above = null)
    {
        var (x, baseline) = labels.Place(lineY, text, above);
        svg.Append($"""<text x="{F(x)}" y="{F(baseline)}" font-size="{F(LabelSpace.FontSize)}" fill="{colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">{Esc(text)}</text>""");
    }

    // Section 4: the curve from the intake's clinic session (t = 1 there), its at-risk and off-track bands on the worse side.
    static void Expected(StringBuilder svg, LabelSpace labels, Instrument instrument, AgeGroup ageGroup, decimal intake, int intakeSession, int last,
        Func<double, double> x, Func<double, double> y, double yMin, double yMax)
    {
        var worseEdge = instrument.Direction == Direction.HigherIsWorse ? yMax : yMin;
        var span = Math.Max(1, last - intakeSession + 1);
        var ts = Enumerable.Range(0, (int)Math.Round((span - 1) / CurveStep) + 1).Select(k => 1 + k * CurveStep).ToList();
        var cs = ts.Select(t => intakeSession + t - 1).ToList();
        var expected = ts.Select(t => PowerDecay.Expected(instrument, ageGroup, (double)intake, t)).ToList();
        var atRisk = expected.Select(e => PowerDecay.AtRisk(instrument, e)).ToList();
        var offTrack = expected.Select(e => PowerDecay.OffTrack(instrument, e)).ToList();
        Band(svg, cs, offTrack, [.. cs.Select(_ => worseEdge)], x, y, "#f8d7d3");
        Band(svg, cs, atRisk, offTrack, x, y, "#fbe7c0");
        var curve = cs.Select((c, k) => (x(c), y(expected[k]))).ToList();
        var flat = expected[^1] == expected[0];
        svg.Append($"""<polyline fill="none" stroke="#333333" stroke-width="1.5" stroke-dasharray="{(flat ? "none" : "6 4")}" points="{string.Join(' ', curve.Select(p => $"{F(p.Item1)},{F(p.Item2)}"))}"/>""");
        if (flat)
            Label(svg, labels, y(expected[0]), $"maintain: intake {Score(instrument, intake)} is already at the non-clinical level", "#333333");
        labels.Path(curve);
    }

    static void Band(StringBuilder svg, List<double> cs, List<double> from, List<double> to, Func<double, double> x, Func<double, double> y, string fill)
    {
        var forward = cs.Select((c, k) => $"{F(x(c))},{F(y(from[k]))}");
        var back = cs.Select((c, k) => $"{F(x(c))},{F(y(to[k]))}").Reverse();
        svg.Append($"""<polygon fill="{fill}" stroke="none" points="{string.Join(' ', forward.Concat(back))}"/>""");
    }

    // Section 3: intake +/- RCI, "reliably better" on the better side for the direction (item 10).
    static void ReliableChangeLines(StringBuilder svg, LabelSpace labels, Instrument instrument, double intake, Func<double, double> y, double yMin, double yMax, List<string> notes)
    {
        var rci = (double)instrument.ReliableChangeIndex!.Value;
        var d = instrument.Direction == Direction.HigherIsWorse ? 1 : -1;
        foreach (var (value, words) in new[] { (intake - d * rci, "reliably better"), (intake + d * rci, "reliably worse") })
        {
            if (value < yMin || value > yMax)
            {
                notes.Add($"No \"{words}\" line: {F(value)} lies beyond the scale.");
                continue;
            }
            svg.Append($"""<line x1="{Left}" x2="{Right}" y1="{F(y(value))}" y2="{F(y(value))}" stroke="{ReliableLine}" stroke-width="1.2" stroke-dasharray="9 3 2 3"/>""");
            Label(svg, labels, y(value), $"{words} ({F(value)})", ReliableLine, above: value > intake);
        }
    }

    static void PointMark(StringBuilder svg, Instrument instrument, Plotted p, decimal intake, bool numbered)
    {
        var s = p.P;
        var words = new StringBuilder($"{At(numbered, s.ClinicSession)}: {Score(instrument, s.Score)} - {Status(s.Status)}");
        if (s.Status != ProgressStatus.Baseline) words.Append($" (expected about {OneDecimal((double)s.Expected)})");
        if (s.ReliableChange == ChangeCategory.Deteriorated) words.Append($"; reliably worse than at intake ({Score(instrument, intake)})");
        if (p.Second) words.Append("; second rating at this session");
        svg.Append($"""<g class="point" data-status="{Names.Of(s.Status)}" data-session="{s.ClinicSession}"><title>{Esc(words.ToString())}</title>""");
        if (s.ReliableChange == ChangeCategory.Deteriorated)
            svg.Append($"""<circle class="reliably-worse" cx="{F(p.X)}" cy="{F(p.Y)}" r="10" fill="none" stroke="{Risk}" stroke-width="1.5"/>""");
        svg.Append(Point(s.Status, p.X, p.Y)).Append("</g>");
    }

    // Item 12: a red "!" above every administration that raised risk_item or risk_item_unanswered, whatever its status;
    // substance_use (OQ-45.2 critical items) a separate brown mark beside it.
    static void RiskMarks(StringBuilder svg, Instrument instrument, Plotted p, decimal?[]? items, List<AlertRow> alerts)
    {
        var risk = alerts.Where(a => a.Kind is "risk_item" or "risk_item_unanswered").OrderBy(a => a.Item).Select(a => RiskWords(instrument, a, items)).ToList();
        var substance = alerts.Where(a => a.Kind == "substance_use").OrderBy(a => a.Item)
            .Select(a => $"critical item {a.Item} answered {Answer(items, a.Item)} (substance use)").ToList();
        var y = Math.Max(Top - 4, p.Y - 22);
        if (risk.Count > 0)
            svg.Append($"""<g class="risk-mark"><title>{Esc(string.Join("; ", risk))}</title><circle cx="{F(p.X)}" cy="{F(y)}" r="8" fill="{Risk}"/><text x="{F(p.X)}" y="{F(y + 4.5)}" text-anchor="middle" font-size="13" font-weight="bold" fill="#ffffff">!</text></g>""");
        if (substance.Count > 0)
        {
            var x = p.X + (risk.Count > 0 ? 18 : 0);
            svg.Append($"""<g class="substance-mark"><title>{Esc(string.Join("; ", substance))}</title><rect x="{F(x - 7)}" y="{F(y - 7)}" width="14" height="14" rx="2" fill="{Substance}"/><text x="{F(x)}" y="{F(y + 4.5)}" text-anchor="middle" font-size="12" font-weight="bold" fill="#ffffff">!</text></g>""");
        }
    }

    static string Answer(decimal?[]? items, int? item) =>
        items is not null && item is { } i && i >= 1 && i <= items.Length && items[i - 1] is { } v ? v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) : "?";

    /// <summary>"Self-harm item (item 9) answered 2 of 3: urgent alert", "Self-harm item (item 9) not answered"; no item wording.</summary>
    static string RiskWords(Instrument instrument, AlertRow a, decimal?[]? items)
    {
        var kind = instrument.RiskItems.FirstOrDefault(r => r.Item == a.Item)?.Kind;
        var name = kind == RiskItemKind.Violence ? "Violence item" : "Self-harm item";
        return a.Kind == "risk_item_unanswered"
            ? $"{name} (item {a.Item}) not answered"
            : $"{name} (item {a.Item}) answered {Answer(items, a.Item)} of {instrument.ItemMax}: {a.Priority} alert";
    }

    static string Summary(Instrument instrument, string title, List<ProgressPoint> points, List<AlertRow> alerts, bool numbered)
    {
        if (points.Count == 0) return $"{title}: no administrations in this episode yet. {OpenAlerts(alerts)}";
        var (a, z) = (points[0], points[^1]);
        return $"{title}: {points.Count} administration{(points.Count == 1 ? "" : "s")}, {At(numbered, a.ClinicSession).ToLowerInvariant()} to {z.ClinicSession}. " +
               $"First score {Score(instrument, a.Score)}, last score {Score(instrument, z.Score)}; current status: {Status(z.Status)}" +
               $"{(z.ReliableChange == ChangeCategory.Deteriorated ? ", reliably worse than at intake" : z.ReliableChange == ChangeCategory.Improved ? ", reliably better than at intake" : "")}. {OpenAlerts(alerts)}";
    }

    static void AxesY(StringBuilder svg, Instrument instrument, double yMin, double yMax, Func<double, double> y)
    {
        svg.Append($"""<line x1="{Left}" x2="{Left}" y1="{Top}" y2="{Bottom}" stroke="#444444"/>""");
        var yStep = NiceStep((yMax - yMin) / 6);
        for (var v = yMin; v <= yMax + 1e-9; v += yStep)
            svg.Append($"""<line x1="{Left - 4}" x2="{Right}" y1="{F(y(v))}" y2="{F(y(v))}" stroke="#e6e6e6"/><text x="{Left - 8}" y="{F(y(v) + 4)}" text-anchor="end">{F(v)}</text>""");
        var (up, down) = instrument.Direction == Direction.HigherIsWorse ? ("worse", "better") : ("better", "worse");
        svg.Append($"""<text x="{Left - 8}" y="{Top - 8}" text-anchor="end" font-weight="bold">▲ {up}</text><text x="{Left - 8}" y="{Bottom + 34}" text-anchor="end" font-weight="bold">▼ {down}</text>""");
    }

    static void Legend(StringBuilder svg, string series)
    {
        double x = Left, y1 = 64, y2 = 82, y3 = 100;
        x = LegendEntry(svg, x, y1, """<line x1="-2" x2="17" y1="0" y2="0" stroke="#222222" stroke-width="2"/>""", series);
        x = LegendEntry(svg, x, y1, """<line x1="0" x2="16" y1="0" y2="0" stroke="#333333" stroke-width="1.5" stroke-dasharray="5 3"/>""", "expected");
        x = LegendEntry(svg, x, y1, """<rect x="1" y="-6" width="14" height="12" fill="#fbe7c0"/>""", "at-risk band");
        x = LegendEntry(svg, x, y1, """<rect x="1" y="-6" width="14" height="12" fill="#f8d7d3"/>""", "off-track band");
        LegendEntry(svg, x, y1, $"""<line x1="0" x2="16" y1="0" y2="0" stroke="{Cutoff}" stroke-width="1.5" stroke-dasharray="2 3"/>""", "clinical cut-off");
        x = Left;
        foreach (var (status, _, _) in Styles)
            x = LegendEntry(svg, x, y2, Point(status, 8, 0, 5), Status(status));
        x = Left;
        x = LegendEntry(svg, x, y3, $"""<line x1="0" x2="16" y1="0" y2="0" stroke="{ReliableLine}" stroke-width="1.2" stroke-dasharray="9 3 2 3"/>""", "reliable change from intake");
        x = LegendEntry(svg, x, y3, $"""<circle cx="8" cy="0" r="7" fill="{Risk}"/><text x="8" y="4.5" text-anchor="middle" font-size="12" font-weight="bold" fill="#ffffff">!</text>""", "risk item");
        x = LegendEntry(svg, x, y3, $"""<rect x="1" y="-7" width="14" height="14" rx="2" fill="{Substance}"/><text x="8" y="4.5" text-anchor="middle" font-size="12" font-weight="bold" fill="#ffffff">!</text>""", "substance use item");
        LegendEntry(svg, x, y3, $"""<circle cx="8" cy="0" r="7" fill="none" stroke="{Risk}" stroke-width="1.5"/>""", "reliably worse than intake");
    }

    static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
    }
}
