namespace Takt.Domain.Curves;

/// <summary>
/// A bezier handle normalised to its segment (Lottie, CSS <c>cubic-bezier</c>): <see cref="X"/> is
/// the fraction of the segment's time and must lie in [0, 1], so time is monotone and every frame
/// has one value; <see cref="Y"/> is the fraction of the value change (0 = start value, 1 = end
/// value) and is unclamped, so overshoot is allowed.
/// </summary>
public readonly record struct CurveHandle(double X, double Y);
