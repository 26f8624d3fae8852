using Feedback.Clinical.Instruments;

namespace Feedback.Clinical.Alliance;

public enum RuptureState { Open, Repaired, Unrepaired }

/// <summary>How a rupture ended: a rating back near its baseline, three ratings without that, or the episode's close.</summary>
public enum RuptureEnd { Repaired, ThreeRatingsWithoutRepair, EpisodeClosed }

/// <summary>One rating of an alliance series (one instrument, one rater, one episode); a walk takes them in administeredAt order.</summary>
public readonly record struct AllianceRating(string AdministrationId, decimal Total);

/// <summary>
/// A rupture as seen at one rating (the feedback's <c>rupture</c>): open (RatingsSince 0 at its onset), or repaired or
/// unrepaired at this very rating. Baseline is the rupture's, frozen at its onset.
/// </summary>
public sealed record RuptureAtRating(RuptureState State, decimal Baseline, string SinceAdministrationId, int RatingsSince)
{
    public bool IsOnset => State == RuptureState.Open && RatingsSince == 0;
}

/// <summary>A rupture of the series: where it began and, once ended, where and how (EndIndex null when open or ended by the close).</summary>
public sealed record Rupture(decimal Baseline, int OnsetIndex, string OnsetAdministrationId, int? EndIndex, RuptureEnd? End)
{
    public RuptureState State => End switch
    {
        null => RuptureState.Open,
        RuptureEnd.Repaired => RuptureState.Repaired,
        _ => RuptureState.Unrepaired,
    };

    /// <summary>Whether the rating at <paramref name="index"/> lies within this rupture (onset to end, both included).</summary>
    public bool Spans(int index) => index >= OnsetIndex && (EndIndex is not { } end ? End is null or RuptureEnd.EpisodeClosed : index <= end);
}

/// <summary>
/// One rating's reading: Baseline (null with fewer than 2 earlier ratings, so v1's <c>drop</c> still applies) and the
/// rupture as seen at it (null when none is open or just ended at it).
/// </summary>
public sealed record RupturePoint(decimal? Baseline, RuptureAtRating? Rupture);

public sealed record RuptureWalk(IReadOnlyList<RupturePoint> Points, IReadOnlyList<Rupture> Ruptures);

/// <summary>
/// Rupture and repair, rules <c>rupture-v1</c> (clinical.md section 9, Feedback defaults sized above one point of VAS
/// noise). Research operationalises rupture-repair from session-by-session alliance scores as a high-low-high (V-shaped)
/// pattern; unrepaired ruptures predict worse outcome (McLaughlin et al. 2014), repaired ones better (Eubanks et al. 2018,
/// r = .29). Pure: the state of every rating comes from the series alone, so a back-dated rating takes its place.
/// </summary>
public static class RuptureRules
{
    public const string Version = "rupture-v1";

    /// <summary>The baseline is the median of the same rater's previous ratings, at most this many...</summary>
    public const int BaselineWindow = 3;
    /// <summary>...and at least this many (with fewer, v1's <c>drop</c> reason applies instead).</summary>
    public const int MinimumPreviousRatings = 2;
    /// <summary>A rupture open through this many later ratings without repair is unrepaired at the last of them.</summary>
    public const int RatingsToRepair = 3;

    /// <summary>
    /// D: a rupture is a total at or below baseline - D (SRS/CSRS 2.0, WAI-SR 5, TASC-R 4); repaired at baseline - D/2.
    /// TASC-R's 4 (clinical.md v1.2 section 9, Feedback default) is 11.1% of its 36-point range, as WAI-SR's 5 is 10.4% of
    /// 48, and needs two items to move (one moves at most 3).
    /// </summary>
    public static decimal Depth(Instrument instrument) =>
        instrument == Catalogue.WaiSr ? 5m : instrument == Catalogue.TascR ? TascRDepth : 2.0m;

    public const decimal TascRDepth = 4m;

    /// <summary>Raters with a rupture series: the client and the caregiver, each its own (the therapist's feeds the dual-perspective rule).</summary>
    public static bool AppliesTo(Rater rater) => rater != Rater.Therapist;

    /// <summary>The median of the last up to 3 of <paramref name="previous"/>; null with fewer than 2. Exact decimals.</summary>
    public static decimal? Baseline(IReadOnlyList<decimal> previous)
    {
        if (previous.Count < MinimumPreviousRatings) return null;
        var window = previous.Skip(Math.Max(0, previous.Count - BaselineWindow)).Order().ToList();
        return window.Count % 2 == 1 ? window[window.Count / 2] : (window[window.Count / 2 - 1] + window[window.Count / 2]) / 2;
    }

    /// <summary>
    /// Walks a series in order. While a rupture is open each later rating is checked for repair first, then counted; a
    /// rating that ends a rupture does not start one. In a closed episode a rupture still open at the end is unrepaired.
    /// </summary>
    public static RuptureWalk Walk(Instrument instrument, IReadOnlyList<AllianceRating> series, bool episodeClosed = false)
    {
        var depth = Depth(instrument);
        var points = new List<RupturePoint>(series.Count);
        var ruptures = new List<Rupture>();
        Rupture? open = null;
        for (var k = 0; k < series.Count; k++)
        {
            var total = series[k].Total;
            var baseline = Baseline([.. series.Take(k).Select(r => r.Total)]);
            if (open is not null)
            {
                var since = k - open.OnsetIndex;
                RuptureEnd? end = total >= open.Baseline - depth / 2 ? RuptureEnd.Repaired
                    : since >= RatingsToRepair ? RuptureEnd.ThreeRatingsWithoutRepair
                    : null;
                var state = end is null ? RuptureState.Open : end == RuptureEnd.Repaired ? RuptureState.Repaired : RuptureState.Unrepaired;
                points.Add(new(baseline, new RuptureAtRating(state, open.Baseline, open.OnsetAdministrationId, since)));
                if (end is not null)
                {
                    ruptures.Add(open with { EndIndex = k, End = end });
                    open = null;
                }
                continue;
            }
            if (baseline is { } b && total <= b - depth)
            {
                open = new Rupture(b, k, series[k].AdministrationId, null, null);
                points.Add(new(baseline, new RuptureAtRating(RuptureState.Open, b, series[k].AdministrationId, 0)));
            }
            else points.Add(new(baseline, null));
        }
        if (open is not null) ruptures.Add(episodeClosed ? open with { End = RuptureEnd.EpisodeClosed } : open);
        return new RuptureWalk(points, ruptures);
    }
}
