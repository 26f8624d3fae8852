namespace Feedback.Clinical.Trajectories;

/// <summary>Responses show one decimal, half away from zero (clinical.md section 4); comparisons use unrounded doubles.</summary>
public static class Rounding
{
    public static decimal OneDecimal(double value) => Math.Round((decimal)value, 1, MidpointRounding.AwayFromZero);
}
