using System.Text;
using Feedback.Clinical.Alerts;
using Feedback.Clinical.Alliance;
using Feedback.Data.Alerts;
using static Feedback.Api.Features.Progress.Chart.ChartFrame;
using static Feedback.Api.Features.Progress.Chart.ChartText;

namespace Feedback.Api.Features.Progress.Chart;

/// <summary>
/// A self-contained SVG of one alliance instrument in an episode (clinical.md section 10, items 1-7 and 14-18): each
/// rater's line by clinic session (the client's solid, the caregiver's and therapist's dashed), the concern cut-off
/// where one is published, concern ratings outlined in amber, every rupture shaded from its onset to its end with the
/// level that repairs it, and client-therapist discrepancies. It carries no client identifier and no date.
/// </summary>
static class AllianceChart
{
    const int Width = 720, Height = 470, Left = 64, Right = 696, Top = 128, Bottom = 398;
    const int MinSessions = 8;
    const double SideBySide = 6;

    static readonly Dictionary<Rater, (string Colour, string Dash, string Shape)> Style = new()
    {
        [Rater.Client] = ("#1f5fbf", "", "circle"),
        [Rater.Caregiver] = ("#117a65", "7 4", "triangle"),
        [Rater.Therapist] = ("#a14a00", "7 4", "square"),
    };

    const string RuptureFill = "#fbe3e1", Onset = "#c0392b", Repair = "#1a7f37", Concern = "#e08a00", Cutoff = "#7a3db8", Gap = "#8e24aa";

    sealed record Plotted(RaterSeriesView S, AlliancePointView P, int Index, double X, double Y, bool Second);

    sealed record Discrepancy(int Session, double X, double YClient, double YTherapist, decimal Gap);

    public static string Render(Instrument instrument, ProgressView view, IReadOnlyDictionary<string, decimal?[]> answers, IReadOnlyList<AlertRow> alerts)
    {
        var series = (view.Series ?? []).OrderBy(s => s.Rater switch { Rater.Client => 0, Rater.Caregiver => 1, _ => 2 }).ToList();
        var points = series.SelectMany(s => s.Points).ToList();
        var numbered = points.Any(p => p.SessionNumber is not null);
        var (first, last) = Range([.. points.Select(p => p.ClinicSession)], MinSessions);
        // Item 14: a concern cut-off only where one is published (SRS 36, WAI-SR total 42); none for CSRS and TASC-R.
        double? cutoff = instrument == Catalogue.Srs || instrument == Catalogue.WaiSr ? (double)view.Cutoff!.Total : null;
        // Alliance scores cluster near the ceiling: the axis starts a little below the lowest score or the cut-off.
        var yMax = (double)instrument.TotalMax;
        var yStep = instrument == Catalogue.WaiSr ? 6.0 : instrument == Catalogue.TascR ? 4.0 : 2.0;
        var lowest = points.Count == 0 ? cutoff ?? yMax - 4 * yStep : Math.Min(cutoff ?? double.MaxValue, (double)points.Min(p => p.Score));
        var yMin = Math.Max((double)instrument.TotalMin, Math.Floor((lowest - yStep) / yStep) * yStep);
        var X = Scale(first, last, Left, Right);
        double Y(double v) => Bottom - (Math.Clamp(v, yMin, yMax) - yMin) / (yMax - yMin) * (Bottom - Top);

        var plotted = series.ToDictionary(s => s.Rater, s => s.Points.Select((p, k) => (p, k)).GroupBy(x => x.p.ClinicSession)
            .SelectMany(g => g.Select((x, j) => new Plotted(s, x.p, x.k, X(x.p.ClinicSession) + (j - (g.Count() - 1) / 2.0) * 2 * SideBySide, Y((double)x.p.Score), j > 0)))
            .OrderBy(x => x.Index).ToList());
        var raters = series.Where(s => s.Points.Count > 0 || s.Rater == Rater.Client).Select(s => s.Rater).ToList();
        var multi = raters.Count > 1;
        var gaps = Discrepancies(instrument, plotted, answers);

        var title = Title(instrument, raters);
        var svg = Open(Width, Height, Left, title, "The alliance session by session: concerns, ruptures and repairs",
            Summary(instrument, title, series, gaps, alerts, answers, numbered));
        Legend(svg, instrument, raters, cutoff is not null);

        foreach (var s in series)
            foreach (var u in s.Ruptures)
                RuptureBand(svg, instrument, plotted[s.Rater], u, Y, numbered);
        AxesY(svg, yMin, yMax, yStep, Y);
        XAxis(svg, first, last, X, Left, Right, Bottom, numbered);
        var labels = new LabelSpace(Left, Right, Top, Bottom);
        foreach (var line in plotted.Values.SelectMany(l => Segments(l, p => p.P.ClinicSession, p => p.X))) labels.Path(line.Select(p => (p.X, p.Y)).ToList());
        if (cutoff is { } c)
        {
            svg.Append($"""<line x1="{Left}" x2="{Right}" y1="{F(Y(c))}" y2="{F(Y(c))}" stroke="{Cutoff}" stroke-width="1.5" stroke-dasharray="2 3"/>""");
            var words = view.Cutoff!.Rule == CutoffRule.AtOrBelow ? $"discuss when at or below {F(c)}" : $"discuss when below {F(c)} (item mean {F((double)view.Cutoff.ItemMean!)})";
            var (lx, ly) = labels.Place(Y(c), words);
            svg.Append($"""<text x="{F(lx)}" y="{F(ly)}" font-size="{F(LabelSpace.FontSize)}" fill="{Cutoff}" stroke="#ffffff" stroke-width="3" paint-order="stroke">{Esc(words)}</text>""");
        }

        foreach (var (rater, list) in plotted)
        {
            var (colour, dash, _) = Style[rater];
            foreach (var line in Segments(list, p => p.P.ClinicSession, p => p.X))
                svg.Append($"""<polyline class="series-{Names.Of(rater)}" fill="none" stroke="{colour}" stroke-width="2"{(dash == "" ? "" : $" stroke-dasharray=\"{dash}\"")} points="{string.Join(' ', line.Select(p => $"{F(p.X)},{F(p.Y)}"))}"/>""");
        }
        foreach (var s in series)
            foreach (var u in s.Ruptures)
                RuptureMarks(svg, instrument, plotted[s.Rater], u, answers, numbered);
        foreach (var (_, list) in plotted)
            foreach (var p in list)
                Rating(svg, instrument, p, list, answers, numbered, multi);
        foreach (var g in gaps)
            DiscrepancyMark(svg, instrument, g, numbered);
        if (points.Count == 0)
            svg.Append($"""<text x="{F((Left + Right) / 2.0)}" y="{F((Top + Bottom) / 2.0)}" text-anchor="middle" fill="#555555">No {Esc(instrument.Code)} ratings in this episode yet</text>""");

        Footer(svg, Left, Height - 10, $"Model {RuptureRules.Version}; rules {AllianceAlertRules.Version}.");
        return svg.Append("</svg>").ToString();
    }

    static decimal RepairLevel(Instrument instrument, decimal baseline) => baseline - RuptureRules.Depth(instrument) / 2;

    // Item 16: shaded from the onset to the rating that ended it; an open rupture to the latest rating, with an open edge.
    static void RuptureBand(StringBuilder svg, Instrument instrument, List<Plotted> list, RuptureSummaryView u, Func<double, double> y, bool numbered)
    {
        var onset = list.Single(p => p.P.AdministrationId == u.SinceAdministrationId);
        var end = u.EndedAdministrationId is { } e ? list.Single(p => p.P.AdministrationId == e) : list[^1];
        double x0 = onset.X - 11, x1 = Math.Max(end.X + 11, x0 + 22);
        var open = u.State == RuptureState.Open;
        svg.Append($"""<g class="rupture" data-state="{(open ? "open" : u.EndedBy == RuptureEnd.EpisodeClosed ? "episode_ended" : Names.Of(u.State))}">""");
        svg.Append($"""<rect x="{F(x0)}" y="{Top}" width="{F(x1 - x0)}" height="{Bottom - Top}" fill="{RuptureFill}"/>""");
        svg.Append($"""<line x1="{F(x0)}" x2="{F(x0)}" y1="{Top}" y2="{Bottom}" stroke="{Onset}" stroke-width="1"/>""");
        if (open)
        {
            // The open edge: the shading fades out past the latest rating, with no closing line.
            svg.Append($"""<defs><linearGradient id="open-edge-{F(x1)}" x1="0" x2="1" y1="0" y2="0"><stop offset="0" stop-color="{RuptureFill}"/><stop offset="1" stop-color="{RuptureFill}" stop-opacity="0"/></linearGradient></defs>""");
            svg.Append($"""<rect x="{F(x1)}" y="{Top}" width="26" height="{Bottom - Top}" fill="url(#open-edge-{F(x1)})"/>""");
        }
        else
            svg.Append($"""<line x1="{F(x1)}" x2="{F(x1)}" y1="{Top}" y2="{Bottom}" stroke="{Onset}" stroke-width="1"/>""");
        var repairAt = RepairLevel(instrument, u.Baseline);
        svg.Append($"""<line x1="{F(x0)}" x2="{F(x1 + (open ? 26 : 0))}" y1="{F(y((double)repairAt))}" y2="{F(y((double)repairAt))}" stroke="{Repair}" stroke-width="1.5" stroke-dasharray="4 2"><title>repair level {Score(instrument, repairAt)}: the earlier level {OneDecimal((double)u.Baseline)} less half the rupture depth</title></line>""");
        var who = onset.S.Rater == Rater.Client ? "" : $" ({RaterWord(instrument, onset.S.Rater)})";
        svg.Append($"""<text x="{F(x0 + 3)}" y="{Top + 13}" font-size="11" fill="{Onset}">rupture{who}</text>""");
        var endWords = open ? "open" : u.EndedBy switch
        {
            RuptureEnd.Repaired => "repaired",
            RuptureEnd.EpisodeClosed => "episode ended",
            _ => "not repaired",
        };
        var anchor = x1 > Right - 40 ? "end" : "middle";
        var ex = open ? x1 + 13 : end.X;
        svg.Append($"""<text x="{F(anchor == "end" ? Math.Min(ex + 10, Width - 4) : ex)}" y="{Bottom - 6}" text-anchor="{anchor}" font-size="11" font-weight="bold" fill="{(u.EndedBy == RuptureEnd.Repaired ? Repair : Onset)}">{endWords}</text>""");
        svg.Append("</g>");
    }

    // Items 16 and 17: the onset triangle, the repair tick (green only without a concern reason), the unrepaired cross.
    static void RuptureMarks(StringBuilder svg, Instrument instrument, List<Plotted> list, RuptureSummaryView u, IReadOnlyDictionary<string, decimal?[]> answers, bool numbered)
    {
        var onset = list.Single(p => p.P.AdministrationId == u.SinceAdministrationId);
        var repairAt = Score(instrument, RepairLevel(instrument, u.Baseline));
        var (ox, oy) = (onset.X, onset.Y + 11);
        svg.Append($"""<path class="rupture-onset" d="M {F(ox - 6)} {F(oy + 9)} L {F(ox + 6)} {F(oy + 9)} L {F(ox)} {F(oy)} Z" fill="{Onset}"><title>Rupture began at {At(numbered, onset.P.ClinicSession).ToLowerInvariant()}: recent level {OneDecimal((double)u.Baseline)}, repaired at {repairAt} or more</title></path>""");
        if (u.EndedAdministrationId is not { } e) return;
        var end = list.Single(p => p.P.AdministrationId == e);
        var (ex, ey) = (end.X, end.Y);
        if (u.EndedBy == RuptureEnd.Repaired)
        {
            var clean = end.P.Reasons.Count == 0;
            var words = clean
                ? $"Repaired at {At(numbered, end.P.ClinicSession).ToLowerInvariant()}: back near its earlier level (repair level {repairAt})"
                : $"back near its earlier level (repair level {repairAt}), still {string.Join(" and ", ReasonWords(instrument, end.P, Previous(end, list), answers))}: discuss";
            svg.Append($"""<path class="repair-mark" data-clean="{(clean ? "true" : "false")}" d="M {F(ex - 7)} {F(ey - 16)} l 4 5 l 9 -11" fill="none" stroke="{(clean ? Repair : Concern)}" stroke-width="3.5"><title>{Esc(words)}</title></path>""");
        }
        else
            svg.Append($"""<path class="unrepaired-mark" d="M {F(ex - 5)} {F(ey - 21)} l 10 10 M {F(ex + 5)} {F(ey - 21)} l -10 10" stroke="{Onset}" stroke-width="3"><title>Not repaired: three ratings without getting back to {repairAt}</title></path>""");
    }

    /// <summary>The rating's concern reasons in words (item 4); "fell n" against the rater's previous rating.</summary>
    static List<string> ReasonWords(Instrument instrument, AlliancePointView p, decimal? previous, IReadOnlyDictionary<string, decimal?[]> answers) =>
        [.. p.Reasons.Select(r => Reason(instrument, r, answers.GetValueOrDefault(p.AdministrationId) ?? [], previous - p.Score))];

    static decimal? Previous(Plotted p, List<Plotted> list) => p.Index > 0 ? list.Single(x => x.Index == p.Index - 1).P.Score : null;

    // Items 4, 6 and 15: plain words, the rupture's state, the reasons; concern ratings outlined in amber.
    static void Rating(StringBuilder svg, Instrument instrument, Plotted p, List<Plotted> list, IReadOnlyDictionary<string, decimal?[]> answers, bool numbered, bool multi)
    {
        var rater = p.S.Rater;
        var concern = rater != Rater.Therapist && p.P.Reasons.Count > 0;
        var parts = new List<string>();
        var repairedWithConcern = false;
        if (rater != Rater.Therapist && p.P.Rupture is { } r)
        {
            var repairAt = Score(instrument, RepairLevel(instrument, r.Baseline));
            var onset = list.FirstOrDefault(x => x.P.AdministrationId == r.SinceAdministrationId);
            parts.Add(r.State switch
            {
                RuptureState.Open when r.RatingsSince == 0 => $"rupture began (recent level {OneDecimal((double)r.Baseline)})",
                RuptureState.Open => $"rupture open since {At(numbered, onset?.P.ClinicSession ?? 0).ToLowerInvariant()} (recent level {OneDecimal((double)r.Baseline)})",
                RuptureState.Repaired when concern => $"back near its earlier level (repair level {repairAt}), still {string.Join(" and ", ReasonWords(instrument, p.P, Previous(p, list), answers))}: discuss",
                RuptureState.Repaired => $"repaired: back near its earlier level (repair level {repairAt})",
                _ => $"not repaired: three ratings without getting back to {repairAt}",
            });
            repairedWithConcern = r.State == RuptureState.Repaired && concern;
        }
        if (concern && !repairedWithConcern) parts.Add(string.Join("; ", ReasonWords(instrument, p.P, Previous(p, list), answers)));
        if (parts.Count == 0 && rater != Rater.Therapist) parts.Add("no concern");
        if (p.Second) parts.Add("second rating at this session");
        var head = $"{At(numbered, p.P.ClinicSession)}{(multi ? $", {RaterWord(instrument, rater)}" : "")}: {Score(instrument, p.P.Score)}";
        var words = parts.Count == 0 ? head : $"{head} - {string.Join("; ", parts)}";
        var (colour, _, shape) = Style[rater];
        svg.Append($"""<g class="rating" data-rater="{Names.Of(rater)}" data-session="{p.P.ClinicSession}" data-concern="{(concern ? "true" : "false")}"><title>{Esc(words)}</title>""");
        svg.Append(concern ? Marker(shape, p.X, p.Y, colour, Concern, 3, 5.5) : Marker(shape, p.X, p.Y, colour, "#ffffff", 1.5, 5));
        svg.Append("</g>");
    }

    // Item 18 (clinical.md section 6, dual perspective): the same session (the same sessionNumber; both without one, the
    // same UTC date), the therapist's normalised item mean at least 0.15 above the client's; marked at the later rating.
    static List<Discrepancy> Discrepancies(Instrument instrument, Dictionary<Rater, List<Plotted>> plotted, IReadOnlyDictionary<string, decimal?[]> answers)
    {
        if (instrument != Catalogue.WaiSr && instrument != Catalogue.TascR) return [];
        if (!plotted.TryGetValue(Rater.Client, out var clients) || !plotted.TryGetValue(Rater.Therapist, out var therapists)) return [];
        var found = new List<Discrepancy>();
        foreach (var c in clients)
            foreach (var t in therapists)
            {
                var same = c.P.SessionNumber is { } a && t.P.SessionNumber is { } b ? a == b
                    : c.P.SessionNumber is null && t.P.SessionNumber is null && c.P.AdministeredAt.UtcDateTime.Date == t.P.AdministeredAt.UtcDateTime.Date;
                if (!same || !answers.TryGetValue(c.P.AdministrationId, out var ci) || !answers.TryGetValue(t.P.AdministrationId, out var ti)) continue;
                var gap = AllianceRules.Gap(instrument, ci, ti);
                if (gap < AllianceRules.DiscrepancyThreshold) continue;
                var later = t.P.AdministeredAt >= c.P.AdministeredAt ? t : c;
                found.Add(new Discrepancy(later.P.ClinicSession, later.X, c.Y, t.Y, gap));
            }
        return found;
    }

    static void DiscrepancyMark(StringBuilder svg, Instrument instrument, Discrepancy g, bool numbered)
    {
        var words = $"{At(numbered, g.Session)}: the therapist rated the alliance higher than the {RaterWord(instrument, Rater.Client)} by {g.Gap:0.00} " +
                    $"on a 0-1 scale of item means ({AllianceRules.DiscrepancyThreshold:0.00} or more): alliance discrepancy, worth discussing";
        svg.Append($"""<g class="discrepancy-mark" data-session="{g.Session}"><title>{Esc(words)}</title>""");
        svg.Append($"""<line x1="{F(g.X + 9)}" x2="{F(g.X + 9)}" y1="{F(g.YClient)}" y2="{F(g.YTherapist)}" stroke="{Gap}" stroke-width="2.5" stroke-dasharray="2 2"/>""");
        var mid = (g.YClient + g.YTherapist) / 2;
        svg.Append($"""<circle cx="{F(g.X + 9)}" cy="{F(mid)}" r="8" fill="{Gap}" stroke="#ffffff" stroke-width="1.5"/><text x="{F(g.X + 9)}" y="{F(mid + 4)}" text-anchor="middle" font-size="12" font-weight="bold" fill="#ffffff">≠</text></g>""");
    }

    static string Summary(Instrument instrument, string title, List<RaterSeriesView> series, List<Discrepancy> gaps, IReadOnlyList<AlertRow> alerts,
        IReadOnlyDictionary<string, decimal?[]> answers, bool numbered)
    {
        var text = new StringBuilder($"{title}.");
        foreach (var s in series.Where(s => s.Points.Count > 0))
        {
            var (a, z) = (s.Points[0], s.Points[^1]);
            var state = s.Rater == Rater.Therapist ? ""
                : z.Rupture is { State: RuptureState.Open } ? " (rupture open)"
                : z.Reasons.Count > 0 ? $" (concern: {string.Join(", ", ReasonWords(instrument, z, s.Points.Count > 1 ? s.Points[^2].Score : null, answers))})"
                : " (no concern)";
            text.Append($" {char.ToUpperInvariant(RaterWord(instrument, s.Rater)[0])}{RaterWord(instrument, s.Rater)[1..]}: {s.Points.Count} rating{(s.Points.Count == 1 ? "" : "s")}, " +
                        $"{At(numbered, a.ClinicSession).ToLowerInvariant()} to {z.ClinicSession}, first {Score(instrument, a.Score)}, last {Score(instrument, z.Score)}{state}.");
            if (s.Ruptures.Count > 0)
                text.Append($" Ruptures: {string.Join("; ", s.Ruptures.Select(u => RuptureWords(u, s, numbered)))}.");
        }
        if (series.All(s => s.Points.Count == 0)) text.Append(" No ratings in this episode yet.");
        foreach (var g in gaps)
            text.Append($" Alliance discrepancy at {At(numbered, g.Session).ToLowerInvariant()}: the therapist's rating {g.Gap:0.00} above the {RaterWord(instrument, Rater.Client)}'s.");
        return text.Append(' ').Append(OpenAlerts(alerts)).ToString();
    }

    static string RuptureWords(RuptureSummaryView u, RaterSeriesView s, bool numbered)
    {
        var at = (string? id) => At(numbered, s.Points.Single(p => p.AdministrationId == id).ClinicSession).ToLowerInvariant();
        var since = $"from {at(u.SinceAdministrationId)}";
        return u.State == RuptureState.Open ? $"open {since}"
            : u.EndedBy == RuptureEnd.Repaired ? $"{since}, repaired at {at(u.EndedAdministrationId)}"
            : u.EndedBy == RuptureEnd.EpisodeClosed ? $"{since}, not repaired when the episode ended"
            : $"{since}, not repaired by {at(u.EndedAdministrationId)}";
    }

    static void AxesY(StringBuilder svg, double yMin, double yMax, double yStep, Func<double, double> y)
    {
        svg.Append($"""<line x1="{Left}" x2="{Left}" y1="{Top}" y2="{Bottom}" stroke="#444444"/>""");
        for (var v = yMin; v <= yMax + 1e-9; v += yStep)
            svg.Append($"""<line x1="{Left - 4}" x2="{Right}" y1="{F(y(v))}" y2="{F(y(v))}" stroke="#e6e6e6"/><text x="{Left - 8}" y="{F(y(v) + 4)}" text-anchor="end">{F(v)}</text>""");
        svg.Append($"""<text x="{Left - 8}" y="{Top - 8}" text-anchor="end" font-weight="bold">▲ better</text>""");
    }

    static void Legend(StringBuilder svg, Instrument instrument, List<Rater> raters, bool hasCutoff)
    {
        double x = Left, y1 = 64, y2 = 84, y3 = 104;
        foreach (var rater in raters)
        {
            var (colour, dash, shape) = Style[rater];
            var label = rater switch
            {
                Rater.Therapist when instrument == Catalogue.TascR => "therapist (TASC-T)",
                Rater.Therapist when instrument == Catalogue.WaiSr => "therapist (WAI-SR-T)",
                _ => RaterWord(instrument, rater),
            };
            x = LegendEntry(svg, x, y1, $"""<line x1="-2" x2="17" y1="0" y2="0" stroke="{colour}" stroke-width="2"{(dash == "" ? "" : $" stroke-dasharray=\"{dash}\"")}/>{Marker(shape, 8, 0, colour, "#ffffff", 1.5, 4.5)}""", label);
        }
        LegendEntry(svg, x + 10, y1, hasCutoff ? $"""<line x1="0" x2="16" y1="0" y2="0" stroke="{Cutoff}" stroke-width="1.5" stroke-dasharray="2 3"/>""" : "",
            hasCutoff ? "concern cut-off" : "no published cut-off");
        x = Left;
        x = LegendEntry(svg, x, y2, Marker("circle", 8, 0, "#8a8a8a", Concern, 3, 5), "concern (reasons in the tooltip)");
        x = LegendEntry(svg, x, y2, $"""<rect x="0" y="-7" width="16" height="14" fill="{RuptureFill}"/><path d="M 2 5 L 14 5 L 8 -4 Z" fill="{Onset}"/>""", "rupture");
        x = LegendEntry(svg, x, y2, $"""<path d="M 1 0 l 4 5 l 9 -11" fill="none" stroke="{Repair}" stroke-width="3"/>""", "repaired");
        LegendEntry(svg, x, y2, $"""<path d="M 1 0 l 4 5 l 9 -11" fill="none" stroke="{Concern}" stroke-width="3"/>""", "repaired, still a concern");
        x = Left;
        x = LegendEntry(svg, x, y3, $"""<path d="M 3 -5 l 10 10 M 13 -5 l -10 10" stroke="{Onset}" stroke-width="3"/>""", "not repaired");
        x = LegendEntry(svg, x, y3, $"""<line x1="0" x2="16" y1="0" y2="0" stroke="{Repair}" stroke-width="1.5" stroke-dasharray="4 2"/>""", "repair level");
        if (instrument == Catalogue.WaiSr || instrument == Catalogue.TascR)
            LegendEntry(svg, x, y3, $"""<circle cx="8" cy="0" r="7" fill="{Gap}"/><text x="8" y="4" text-anchor="middle" font-size="11" font-weight="bold" fill="#ffffff">≠</text>""", "therapist rates it clearly higher");
    }
}
