namespace Takt.Domain.Curves;

/// <summary>One key of a <see cref="Curve"/>: a value at a frame, and how the segment after it is interpolated.</summary>
public sealed record CurveKey(double Frame, double Value, CurveInterpolation Interpolation = CurveInterpolation.Linear);
