using Feedback.Clinical.Alliance;
using Feedback.Clinical.Episodes;
using Feedback.Clinical.Instruments;

namespace Feedback.Clinical.Reports;

/// <summary>
/// One row of a report's alliance block (clinical.md section 8, "Alliance counts"): one alliance instrument and rater
/// over a group's ended episodes. Series: counted series (>= 3 ratings); Ruptures = Repaired + Unrepaired (rupture-v1);
/// EarlyAssessed and EarlyAllianceRisk (early-alliance-v2) are client rows' only, and zero for a caregiver.
/// </summary>
public sealed record AllianceFigures(string Instrument, Rater Rater, int Series, int Ruptures, int Repaired, int Unrepaired,
    int EarlyAssessed, int EarlyAllianceRisk)
{
    public static AllianceFigures Empty(string instrument, Rater rater) => new(instrument, rater, 0, 0, 0, 0, 0, 0);

    public AllianceFigures Add(AllianceSeriesTally s) => this with
    {
        Series = Series + (s.Counted ? 1 : 0), Ruptures = Ruptures + s.Ruptures, Repaired = Repaired + s.Repaired,
        Unrepaired = Unrepaired + s.Unrepaired, EarlyAssessed = EarlyAssessed + (s.EarlyAssessed ? 1 : 0),
        EarlyAllianceRisk = EarlyAllianceRisk + (s.EarlyAllianceRisk ? 1 : 0),
    };

    /// <summary>The count cells in field order, as the suppression table takes them.</summary>
    public int[] Cells => [Series, Ruptures, Repaired, Unrepaired, EarlyAssessed, EarlyAllianceRisk];
}

/// <summary>One episode's series of one alliance instrument by one rater, as the alliance block counts it.</summary>
public sealed record AllianceSeriesTally(string Instrument, Rater Rater, string? Clinician, bool Counted, int Ruptures, int Repaired,
    int Unrepaired, bool EarlyAssessed, bool EarlyAllianceRisk)
{
    /// <summary>A counted series needs two previous ratings before a rupture can be found (rupture-v1).</summary>
    public const int MinimumRatings = 3;

    /// <summary>
    /// The tally of one ended episode's ratings (<paramref name="ratings"/>, in time order) of <paramref name="instrument"/>
    /// by <paramref name="rater"/>. Ruptures are walked as GET progress reads them, the episode closed (one still open at
    /// the end is unrepaired). Early: the client's ratings at episode sessions 1-3 (section 1 e(a), counted from the
    /// episode's first administration of any instrument); at least 2, and their mean at or below the cut-off (section 9;
    /// TASC-R has none).
    /// </summary>
    public static AllianceSeriesTally Of(Instrument instrument, Rater rater, IReadOnlyList<ReportAdministration> ratings, EpisodeSessions sessions)
    {
        var counted = ratings.Count >= MinimumRatings;
        var (ruptures, repaired, unrepaired) = (0, 0, 0);
        if (counted)
        {
            var walk = RuptureRules.Walk(instrument, [.. ratings.Select(r => new AllianceRating(r.Id, r.Total))], episodeClosed: true);
            ruptures = walk.Ruptures.Count;
            repaired = walk.Ruptures.Count(r => r.State == RuptureState.Repaired);
            unrepaired = walk.Ruptures.Count(r => r.State == RuptureState.Unrepaired);
        }
        var (assessed, risk) = (false, false);
        if (rater == Rater.Client)
        {
            var early = ratings.Where(r => sessions.Episode(r.AdministeredAt, r.SessionNumber) <= EarlyAllianceRules.LastEarlySession)
                .Select(r => r.Total).ToList();
            assessed = early.Count >= EarlyAllianceRules.MinimumRatings;
            risk = assessed && instrument != Catalogue.TascR && EarlyAllianceRules.MeanAtOrBelowCutoff(instrument, early);
        }
        var last = ratings[^1];
        return new AllianceSeriesTally(instrument.Code, rater, last.ClinicianId ?? last.ClientClinicianId, counted, ruptures, repaired,
            unrepaired, assessed, risk);
    }
}
