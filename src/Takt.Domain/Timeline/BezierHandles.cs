namespace Takt.Domain.Timeline;

/// <summary>
/// The two handles of a bezier segment, normalised like CSS cubic-bezier: x in [0, 1] is the
/// fraction of the segment's time, y the fraction of its value change (may overshoot). Normalised
/// handles let a key move in time without distorting its easing.
/// </summary>
public sealed record BezierHandles(double OutX, double OutY, double InX, double InY)
{
    public string? Check() =>
        !double.IsFinite(OutX) || !double.IsFinite(OutY) || !double.IsFinite(InX) || !double.IsFinite(InY)
            ? "bezier handles must be finite numbers"
            : OutX is < 0 or > 1 || InX is < 0 or > 1 ? "bezier handle x must lie in [0, 1]" : null;
}
