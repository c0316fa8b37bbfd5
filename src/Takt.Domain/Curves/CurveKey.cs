namespace Takt.Domain.Curves;

/// <summary>
/// One key of a <see cref="Curve"/>: a value at a frame, and how the segment after it is interpolated.
/// For <see cref="CurveInterpolation.Bezier"/> keys, <see cref="Out"/> (leaving this key) and
/// <see cref="In"/> (arriving at the next key) shape the segment, both on this key as in Lottie.
/// For enum and string curves, <see cref="Text"/> is the value and <see cref="Value"/> is 0.
/// </summary>
public sealed record CurveKey(double Frame, double Value, CurveInterpolation Interpolation = CurveInterpolation.Linear)
{
    public CurveHandle? Out { get; init; }

    public CurveHandle? In { get; init; }

    public string? Text { get; init; }
}
