namespace Takt.Domain.Curves.Live2D;

/// <summary>One curve of a motion: its target (<c>Model</c>, <c>Parameter</c> or <c>PartOpacity</c>), id, first point and segments.</summary>
public sealed record Live2DCurve(string Target, string Id, Live2DPoint Start, IReadOnlyList<Live2DSegment> Segments)
{
    public double? FadeInTime { get; init; }

    public double? FadeOutTime { get; init; }

    /// <summary>Points as Meta.TotalPointCount counts them: the start point plus every segment's points.</summary>
    public int PointCount => 1 + Segments.Sum(s => s.Points.Count);
}
