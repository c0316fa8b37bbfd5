namespace Takt.Domain.Curves.Live2D;

/// <summary>One segment: it starts at the previous segment's last point and ends at its own last point (bezier: control, control, end).</summary>
public sealed record Live2DSegment(Live2DSegmentType Type, IReadOnlyList<Live2DPoint> Points)
{
    public Live2DPoint End => Points[^1];

    public static int PointCount(Live2DSegmentType type) => type == Live2DSegmentType.Bezier ? 3 : 1;
}
