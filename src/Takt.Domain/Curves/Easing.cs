namespace Takt.Domain.Curves;

/// <summary>
/// The named easings (Penner's quad, cubic and sine; the same family as CSS, Blender and
/// Advanced-ControlNet): segment time u ∈ [0, 1] → fraction of the value change. Every easing is
/// exactly 0 at u = 0 and exactly 1 at u = 1, so keys are hit exactly.
/// </summary>
public static class Easing
{
    public static bool IsEasing(CurveInterpolation interpolation) =>
        interpolation is >= CurveInterpolation.EaseInQuad and <= CurveInterpolation.EaseInOutSine;

    public static double Apply(CurveInterpolation interpolation, double u)
    {
        if (!(u > 0))
        {
            return 0;
        }

        if (u >= 1)
        {
            return 1;
        }

        var v = 1 - u;
        return interpolation switch
        {
            CurveInterpolation.EaseInQuad => u * u,
            CurveInterpolation.EaseOutQuad => 1 - (v * v),
            CurveInterpolation.EaseInOutQuad => u < 0.5 ? 2 * u * u : 1 - (2 * v * v),
            CurveInterpolation.EaseInCubic => u * u * u,
            CurveInterpolation.EaseOutCubic => 1 - (v * v * v),
            CurveInterpolation.EaseInOutCubic => u < 0.5 ? 4 * u * u * u : 1 - (4 * v * v * v),
            CurveInterpolation.EaseInSine => 1 - Math.Cos(u * Math.PI / 2),
            CurveInterpolation.EaseOutSine => Math.Sin(u * Math.PI / 2),
            CurveInterpolation.EaseInOutSine => (1 - Math.Cos(u * Math.PI)) / 2,
            CurveInterpolation.Linear => u,
            _ => throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "not an easing"),
        };
    }
}
