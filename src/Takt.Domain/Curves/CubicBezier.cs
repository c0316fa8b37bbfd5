namespace Takt.Domain.Curves;

/// <summary>
/// The normalised segment bezier from (0,0) to (1,1) with handles (x1,y1), (x2,y2). With both x in
/// [0, 1], x(s) is non-decreasing on [0, 1], so x → s has one answer: Newton from s = x converges
/// in a few steps, and a bracket kept alongside falls back to bisection where the slope vanishes
/// (x1 = 1, x2 = 0 has x'(½) = 0), so the answer is always found to full double precision.
/// </summary>
public static class CubicBezier
{
    /// <summary>The curve parameter s ∈ [0, 1] whose x(s) equals <paramref name="x"/> (clamped to [0, 1]).</summary>
    public static double SolveT(double x1, double x2, double x)
    {
        if (!(x > 0))
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var cx = 3 * x1;
        var bx = (3 * (x2 - x1)) - cx;
        var ax = 1 - cx - bx;
        var low = 0.0;
        var high = 1.0;
        var s = x;
        for (var i = 0; i < 200; i++)
        {
            var error = (((((ax * s) + bx) * s) + cx) * s) - x;
            if (error == 0)
            {
                return s;
            }

            if (error < 0)
            {
                low = s;
            }
            else
            {
                high = s;
            }

            var slope = (((3 * ax * s) + (2 * bx)) * s) + cx;
            var next = slope > 0 ? s - (error / slope) : double.NaN;
            if (!(next > low && next < high))
            {
                next = low + ((high - low) / 2);
            }

            if (next == s || high - low <= double.Epsilon * 4)
            {
                return next;
            }

            s = next;
        }

        return s;
    }

    /// <summary>x(s) of the normalised bezier.</summary>
    public static double X(double x1, double x2, double s) => Coordinate(x1, x2, s);

    /// <summary>y(s) of the normalised bezier.</summary>
    public static double Y(double y1, double y2, double s) => Coordinate(y1, y2, s);

    /// <summary>The eased fraction at segment time <paramref name="u"/>: y(s) where x(s) = u.</summary>
    public static double Ease(CurveHandle outHandle, CurveHandle inHandle, double u) =>
        Coordinate(outHandle.Y, inHandle.Y, SolveT(outHandle.X, inHandle.X, u));

    private static double Coordinate(double p1, double p2, double s)
    {
        var c = 3 * p1;
        var b = (3 * (p2 - p1)) - c;
        var a = 1 - c - b;
        return ((((a * s) + b) * s) + c) * s;
    }
}
