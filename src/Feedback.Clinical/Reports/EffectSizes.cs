namespace Feedback.Clinical.Reports;

/// <summary>
/// Pre-post d and the severity-adjusted effect size (clinical.md section 8, interop.md 4.1), over completed episodes
/// whose intake was in the clinical range. Sample SDs (n - 1).
/// </summary>
public static class EffectSizes
{
    /// <summary>mean(intake - final, improvement positive) / SD(intake); null below 2 episodes or without spread.</summary>
    public static double? PrePostD(IReadOnlyList<EpisodeReading> cases)
    {
        var withScores = cases.Where(c => c.Change is not null).ToList();
        if (withScores.Count < 2 || !Spread(withScores.Select(c => c.Intake!.Value))) return null;
        var sd = SampleSd(withScores.Select(c => (double)c.Intake!.Value).ToList());
        return withScores.Average(c => (double)c.Change!.Value) / sd;
    }

    /// <summary>
    /// The intakes differ, compared as exact decimals: ten ORS intakes of 20.1 have no spread, though their binary mean
    /// and deviations leave one of about 1e-15 (an effect size of 1e15 before this check).
    /// </summary>
    internal static bool Spread(IEnumerable<decimal> intakes) => intakes.Distinct().Skip(1).Any();

    internal static double SampleSd(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}

/// <summary>
/// saes-v1: ordinary least squares of change on intake over the reference sample (all the tenant's case episodes of the
/// instrument in the range, whatever the group); an episode's adjusted change is the reference mean change plus its own
/// residual, divided by the reference SD of intakes; a group's SAES is the mean over its episodes.
/// </summary>
public sealed class SaesReference
{
    readonly double meanIntake, meanChange, slope, sdIntake;

    SaesReference(double meanIntake, double meanChange, double slope, double sdIntake) =>
        (this.meanIntake, this.meanChange, this.slope, this.sdIntake) = (meanIntake, meanChange, slope, sdIntake);

    /// <summary>The reference from every case episode of the tenant; null below 2 episodes or without spread of intakes.</summary>
    public static SaesReference? From(IEnumerable<EpisodeReading> readings)
    {
        var cases = readings.Where(r => r.Case && r.Change is not null).ToList();
        if (cases.Count < 2 || !EffectSizes.Spread(cases.Select(c => c.Intake!.Value))) return null;
        var sample = cases.Select(r => (X: (double)r.Intake!.Value, Y: (double)r.Change!.Value)).ToList();
        var (mx, my) = (sample.Average(p => p.X), sample.Average(p => p.Y));
        var sxx = sample.Sum(p => (p.X - mx) * (p.X - mx));
        var slope = sample.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
        return new SaesReference(mx, my, slope, Math.Sqrt(sxx / (sample.Count - 1)));
    }

    /// <summary>One episode's severity-adjusted effect: (reference mean change + its residual) / reference SD(intake).</summary>
    public double Adjusted(decimal intake, decimal change)
    {
        var residual = (double)change - (meanChange + slope * ((double)intake - meanIntake));
        return (meanChange + residual) / sdIntake;
    }

    /// <summary>The mean adjusted effect over a group's case episodes; null when it has none.</summary>
    public double? Saes(IReadOnlyList<EpisodeReading> cases)
    {
        var withScores = cases.Where(c => c.Change is not null).ToList();
        return withScores.Count == 0 ? null : withScores.Average(c => Adjusted(c.Intake!.Value, c.Change!.Value));
    }
}
