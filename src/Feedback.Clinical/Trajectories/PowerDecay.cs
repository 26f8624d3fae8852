using Feedback.Clinical.Instruments;

namespace Feedback.Clinical.Trajectories;

/// <summary>
/// Expected trajectory model power-decay-v1.1 (clinical.md section 4, Feedback default): the distance to the target mu_f
/// shrinks as t^(-lambda), linear in ln(session) like the OQ-45 expected-recovery curves of Finch, Lambert &amp;
/// Schaalje 2001. v1.1: mu_f by the age group stored with the intake; deviations rounded to 6 places before comparison.
/// </summary>
public static class PowerDecay
{
    public const string Model = "power-decay-v1.1";

    /// <summary>Howard et al. 1986 (dose-effect): about half of clients have improved measurably by session 8.</summary>
    public const int HalfwaySession = 8;

    /// <summary>lambda = ln 2 / ln 8 = 1/3: half of the distance to mu_f is expected to be gone by session 8.</summary>
    public static double Lambda => Math.Log(2) / Math.Log(HalfwaySession);

    /// <summary>The at-risk threshold lies this fraction of the band half-width w on the worse side of the curve.</summary>
    public const double AtRiskFractionOfBand = 0.5;

    /// <summary>
    /// expected(t) for an intake scored with <paramref name="intakeAgeGroup"/>; flat at the intake when the intake is
    /// already at or better than mu_f (the goal is to maintain). Defined at whole sessions; the chart draws it between.
    /// </summary>
    public static double Expected(Instrument instrument, AgeGroup intakeAgeGroup, double intake, double session)
    {
        var muF = (double)instrument.NonClinicalMean!.For(intakeAgeGroup);
        if (instrument.Direction.Worse(intake, muF) <= 0) return intake;
        return muF + (intake - muF) * Math.Pow(session, -Lambda);
    }

    /// <summary>Band half-width w: the instrument's reliable change index.</summary>
    public static double BandHalfWidth(Instrument instrument) => (double)instrument.ReliableChangeIndex!.Value;

    public static double AtRisk(Instrument instrument, double expected) =>
        expected + instrument.Direction.Sign() * BandHalfWidth(instrument) * AtRiskFractionOfBand;

    public static double OffTrack(Instrument instrument, double expected) =>
        expected + instrument.Direction.Sign() * BandHalfWidth(instrument);
}
