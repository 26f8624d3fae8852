using System.Globalization;
using System.Net;
using System.Text;
using Feedback.Api.Features.Reports.Outcomes;

namespace Feedback.Api.Features.Reports.Chart;

/// <summary>
/// A self-contained SVG of an outcome report: for each group and the total, four bars (recovered, reliable recovery,
/// reliably improved, reliably deteriorated) with their count over the denominator; a suppressed figure is a hatched
/// box that says so, never a bar of zero. No client identifier is in a report. The SAES is the tenant-referenced one
/// (clinical.md section 8, review defect 8): the legend says what it compares, and no published benchmark is drawn.
/// </summary>
static class ReportChart
{
    const int Width = 760, Left = 170, Right = 600, Top = 126, BarHeight = 14, BarGap = 3, GroupGap = 18;

    static readonly (string Label, string Colour, Func<ReportGroupView, RateView> Rate, Func<ReportGroupView, int?> Denominator)[] Bars =
    [
        ("recovered", "#1f5fbf", g => g.Recovered, g => g.CasesAtIntake),
        ("reliable recovery", "#1a7f37", g => g.ReliableRecovery, g => g.CasesAtIntake),
        ("reliably improved", "#6cae75", g => g.ReliablyImproved, g => g.CompletedEpisodes),
        ("reliably deteriorated", "#c0392b", g => g.ReliablyDeteriorated, g => g.CompletedEpisodes),
    ];

    public static string Render(Response report)
    {
        var rows = report.Groups.Count == 1 && report.GroupBy is null ? [report.Total] : report.Groups.Append(report.Total).ToList();
        var groupHeight = Bars.Length * (BarHeight + BarGap) + GroupGap;
        var height = Top + rows.Count * groupHeight + 40;
        var svg = new StringBuilder();
        svg.Append($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" viewBox="0 0 {Width} {height}" role="img" font-family="Helvetica, Arial, sans-serif" font-size="12">""");
        var what = report.Instrument ?? "outcome instruments";
        var by = report.GroupBy is null ? "" : $" by {report.GroupBy}";
        svg.Append($"<title>{E(what)} outcomes{E(by)}, {report.From} to {report.To}</title>");
        svg.Append($"""<defs><pattern id="hidden" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eeeeee"/><line x1="0" y1="0" x2="0" y2="6" stroke="#bbbbbb" stroke-width="2"/></pattern></defs>""");
        svg.Append($"""<rect width="{Width}" height="{height}" fill="#ffffff"/>""");
        svg.Append($"""<text x="16" y="26" font-size="16" font-weight="bold">{E(what)} outcomes{E(by)}, episodes ended {report.From} to {report.To} (exclusive)</text>""");
        svg.Append($"""<text x="16" y="44" fill="#555555">{report.ReportVersion}: recovery and reliable recovery are shares of the cases at intake, reliable change of the completed episodes.</text>""");
        svg.Append($"""<text x="16" y="60" fill="#555555">Suppressed: counts of 1-{report.MinCellSize - 1}, shares of fewer than {report.MinCellSize}, and what would let a total reveal them.</text>""");
        Legend(svg);
        svg.Append($"""<text x="16" y="108" fill="#555555">SAES (by clinician or month only): {SaesLegend}.</text>""");
        for (var x = 0; x <= 4; x++)
        {
            var at = Left + (Right - Left) * x / 4.0;
            svg.Append($"""<line x1="{F(at)}" x2="{F(at)}" y1="{Top - 6}" y2="{height - 34}" stroke="#e3e3e3"/>""");
            svg.Append($"""<text x="{F(at)}" y="{height - 20}" text-anchor="middle" fill="#555555">{x * 25} %</text>""");
        }

        var y = Top;
        foreach (var row in rows)
        {
            var label = ReferenceEquals(row, report.Total) ? "total" : row.Key ?? "(no clinician)";
            if (label.Length > 22) label = label[..21] + "…"; // ids are up to 64 characters; the column holds about 22
            svg.Append($"""<text x="{Left - 10}" y="{y + BarHeight - 2}" text-anchor="end" font-weight="bold">{E(label)}</text>""");
            svg.Append($"""<text x="{Left - 10}" y="{y + 2 * BarHeight + 2}" text-anchor="end" fill="#555555">{E(Episodes(row))}</text>""");
            svg.Append($"""<text x="{Left - 10}" y="{y + 3 * BarHeight + 5}" text-anchor="end" fill="#555555">{E(Effects(row))}</text>""");
            foreach (var (_, colour, rate, denominator) in Bars)
            {
                var shown = rate(row);
                if (shown.Rate is { } share)
                {
                    svg.Append($"""<rect x="{Left}" y="{y}" width="{F(Math.Max(1, (Right - Left) * share))}" height="{BarHeight}" fill="{colour}"/>""");
                    svg.Append($"""<text x="{F(Left + (Right - Left) * share + 6)}" y="{y + BarHeight - 3}">{F(share * 100)} % ({shown.Count}/{denominator(row)})</text>""");
                }
                else
                {
                    svg.Append($"""<rect x="{Left}" y="{y}" width="{(Right - Left) / 4}" height="{BarHeight}" fill="url(#hidden)" stroke="#bbbbbb"/>""");
                    svg.Append($"""<text x="{Left + (Right - Left) / 4 + 6}" y="{y + BarHeight - 3}" fill="#777777">suppressed{(shown.Count is { } c ? $" ({c}/{denominator(row)?.ToString(CultureInfo.InvariantCulture) ?? "hidden"})" : "")}</text>""");
                }
                y += BarHeight + BarGap;
            }
            y += GroupGap;
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    static string Episodes(ReportGroupView g) => g.CompletedEpisodes is null && g.CasesAtIntake is null
        ? "counts suppressed" : $"{Count(g.CompletedEpisodes)} completed, {Count(g.CasesAtIntake)} cases";

    /// <summary>What the tenant-referenced SAES compares (clinical.md section 8).</summary>
    public const string SaesLegend =
        "adjusted against this service's own episodes in the period; compares clinicians or months within the service, not with other services";

    static string Effects(ReportGroupView g) => !g.ShowsSaes
        ? g.PrePostD is null ? "effect size suppressed" : $"d {Effect(g.PrePostD)}"
        : g.PrePostD is null && g.SaesTenantReferenced is null ? "effect sizes suppressed" : $"d {Effect(g.PrePostD)}, SAES {Effect(g.SaesTenantReferenced)}";

    static string Count(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "hidden";

    static string Effect(double? v) => v?.ToString("0.00", CultureInfo.InvariantCulture) ?? "hidden";

    static void Legend(StringBuilder svg)
    {
        var x = 16;
        foreach (var (label, colour, _, _) in Bars)
        {
            svg.Append($"""<rect x="{x}" y="76" width="12" height="12" fill="{colour}"/><text x="{x + 17}" y="86">{label}</text>""");
            x += 30 + label.Length * 7;
        }
        svg.Append($"""<rect x="{x}" y="76" width="12" height="12" fill="url(#hidden)" stroke="#bbbbbb"/><text x="{x + 17}" y="86">suppressed</text>""");
    }

    static string F(double v) => Math.Round(v, 1).ToString(CultureInfo.InvariantCulture);

    static string E(string text) => WebUtility.HtmlEncode(text);
}
