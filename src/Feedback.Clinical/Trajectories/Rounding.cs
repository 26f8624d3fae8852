namespace Feedback.Clinical.Trajectories;

/// <summary>Rounding of clinical.md section 4, always half away from zero.</summary>
public static class Rounding
{
    /// <summary>Responses show expected, thresholds and deviation to one decimal.</summary>
    public static decimal OneDecimal(double value) => Math.Round((decimal)value, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// A deviation is rounded to 6 places before it is compared with w and w/2, so that a deviation of exactly one RCI
    /// is not missed by a binary rounding error (4.9999999999999964 is 5).
    /// </summary>
    public static double SixPlaces(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);
}
