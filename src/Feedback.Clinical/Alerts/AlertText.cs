using System.Globalization;
using Feedback.Clinical.Instruments;
using Feedback.Clinical.Trajectories;

namespace Feedback.Clinical.Alerts;

/// <summary>
/// The words of alert messages (clinical.md v1.2 section 6): the clinic's session, never the trajectory t; plain status
/// words, never enum spellings; totals to one decimal where the instrument's total has one.
/// </summary>
public static class AlertText
{
    /// <summary>"clinic session N" when the administration carries a session number, else "administration k of this measure".</summary>
    public static string When(int? sessionNumber, int administrationOrdinal) =>
        sessionNumber is { } n ? $"clinic session {n}" : $"administration {administrationOrdinal} of this measure";

    public static string StatusWord(ProgressStatus status) => status switch
    {
        ProgressStatus.OnTrack => "on track",
        ProgressStatus.AtRisk => "at risk of not benefiting",
        ProgressStatus.OffTrack => "off track",
        ProgressStatus.NoChange => "not improving",
        ProgressStatus.Recovered => "recovered",
        _ => "intake",
    };

    /// <summary>A total (or a change of totals) as the instrument shows it: "24.0" for ORS, "12" for PHQ-9.</summary>
    public static string Total(Instrument instrument, decimal value) =>
        value.ToString(instrument.Decimals > 0 ? "0.0" : "0", CultureInfo.InvariantCulture);

    /// <summary>A signed change: "+2.4", "-2", "0".</summary>
    public static string Change(Instrument instrument, decimal value) => (value > 0 ? "+" : "") + Total(instrument, value);

    /// <summary>A computed value (expected score, deviation) to one decimal, half away from zero.</summary>
    public static string OneDecimal(double value) => Rounding.OneDecimal(value).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A constant of the rules (RCI, RCI/2, a cut-off) without trailing zeros: "6", "2.5".</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"ORS" for the client's own rating, "ORS (caregiver's rating)" otherwise: the message names the rater.</summary>
    public static string Rated(Instrument instrument, Rater rater) =>
        rater == Rater.Client ? instrument.Code : $"{instrument.Code} ({rater.ToString().ToLowerInvariant()}'s rating)";

    /// <summary>
    /// "at or above 10", "at or below 25 (adult cut-off)"; with "the age group at intake" when this score's own stored age
    /// group differs from the intake's, by which it is judged (section 3).
    /// </summary>
    public static string ClinicalRange(Instrument instrument, AgeGroup intakeAgeGroup, AgeGroup ownAgeGroup)
    {
        var cutoff = instrument.ClinicalCutoff!;
        var side = cutoff.Comparison == CutoffComparison.AtOrAbove ? "at or above" : "at or below";
        var phrase = $"{side} {Number(cutoff.For(intakeAgeGroup))}";
        var ageSpecific = cutoff.Adult != cutoff.Child || cutoff.Adult != cutoff.Adolescent;
        if (!ageSpecific) return phrase;
        var group = intakeAgeGroup.ToString().ToLowerInvariant();
        return intakeAgeGroup == ownAgeGroup ? $"{phrase} ({group} cut-off)" : $"{phrase} ({group} cut-off, the age group at intake)";
    }
}
