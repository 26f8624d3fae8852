using Feedback.Clinical.Instruments;
using Feedback.Clinical.Trajectories;

namespace Feedback.Clinical.Reports;

/// <summary>
/// A completed episode of one outcome instrument: its first and last client-rated totals and the age group stored with
/// the first, by which both are judged (clinical.md v1.2 section 8, review defect 2).
/// </summary>
public sealed record CompletedEpisode(decimal Intake, decimal Final, AgeGroup IntakeAgeGroup);

/// <summary>A completed episode with both PHQ-9 and GAD-7 at its first and last administration (the paired reading).</summary>
public sealed record PairedEpisode(decimal Phq9Intake, decimal Phq9Final, decimal Gad7Intake, decimal Gad7Final);

/// <summary>
/// What a report counts of one completed episode (clinical.md section 8, interop.md 4.1). <see cref="Change"/> is
/// intake - final signed so that improvement is positive; it and <see cref="Intake"/> feed the effect sizes, and are null
/// for the paired reading, which has none.
/// </summary>
public sealed record EpisodeReading(bool Case, bool Recovered, bool ReliablyImproved, bool ReliablyDeteriorated, decimal? Intake, decimal? Change)
{
    public bool ReliablyRecovered => Recovered && ReliablyImproved;

    /// <summary>
    /// One instrument (report-v1.1): a case when the intake was in the clinical range; recovered when a case whose final is
    /// not (no reliable change needed: that is reliable recovery), both by the intake's stored age group (an 18th birthday
    /// between them is not a recovery; CORS's cut-off is the child's whatever the age group); reliable change as
    /// clinical.md section 3, exact decimals.
    /// </summary>
    public static EpisodeReading Of(Instrument instrument, CompletedEpisode e)
    {
        var change = ReliableChange.Classify(instrument, e.Intake, e.Final);
        var intakeClinical = instrument.ClinicalCutoff!.IsClinical(e.Intake, e.IntakeAgeGroup);
        var finalClinical = instrument.ClinicalCutoff.IsClinical(e.Final, e.IntakeAgeGroup);
        return new EpisodeReading(intakeClinical, intakeClinical && !finalClinical, change == ChangeCategory.Improved,
            change == ChangeCategory.Deteriorated, e.Intake, instrument.Direction.Worse(e.Intake, e.Final));
    }

    // nhstt-v1 (clinical.md section 8, Feedback's reading of NHS Talking Therapies): caseness PHQ-9 >= 10 or GAD-7 >= 8,
    // reliable change PHQ-9 >= 6 and GAD-7 >= 4 (the catalogue's RCIs, section 3).
    const decimal Phq9Caseness = 10, Gad7Caseness = 8;

    /// <summary>
    /// PHQ-9 + GAD-7 (nhstt-v1): a case when PHQ-9 >= 10 or GAD-7 >= 8 at intake; recovered when a case and both below at
    /// the end; reliably improved when one improved reliably and neither deteriorated; reliably deteriorated when either did.
    /// </summary>
    public static EpisodeReading Of(PairedEpisode e)
    {
        var phq9 = ReliableChange.Classify(Catalogue.Get("PHQ-9"), e.Phq9Intake, e.Phq9Final);
        var gad7 = ReliableChange.Classify(Catalogue.Get("GAD-7"), e.Gad7Intake, e.Gad7Final);
        var isCase = e.Phq9Intake >= Phq9Caseness || e.Gad7Intake >= Gad7Caseness;
        var recovered = isCase && e.Phq9Final < Phq9Caseness && e.Gad7Final < Gad7Caseness;
        var deteriorated = phq9 == ChangeCategory.Deteriorated || gad7 == ChangeCategory.Deteriorated;
        var improved = !deteriorated && (phq9 == ChangeCategory.Improved || gad7 == ChangeCategory.Improved);
        return new EpisodeReading(isCase, recovered, improved, deteriorated, null, null);
    }
}
