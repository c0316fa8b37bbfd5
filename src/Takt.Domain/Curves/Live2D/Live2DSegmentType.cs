namespace Takt.Domain.Curves.Live2D;

/// <summary>The segment types of motion3.json's flat Segments array (the number before each segment's points).</summary>
public enum Live2DSegmentType : byte
{
    /// <summary>0: one point, a straight line to it.</summary>
    Linear = 0,

    /// <summary>1: three points (two control points and the end).</summary>
    Bezier = 1,

    /// <summary>2: one point; the start value holds until it.</summary>
    Stepped = 2,

    /// <summary>3: one point; its value holds over the whole segment.</summary>
    InverseStepped = 3,
}
