namespace Takt.Domain.Timeline;

/// <summary>How the segment after a keyframe runs to the next keyframe.</summary>
public enum InterpolationKind
{
    /// <summary>Hold the key's value (a step).</summary>
    Constant,

    /// <summary>A straight line.</summary>
    Linear,

    /// <summary>A cubic bezier given by normalised handles (CSS cubic-bezier style).</summary>
    Bezier,

    /// <summary>A named easing such as <c>quad-in</c> or <c>sine-inout</c>.</summary>
    Ease,
}
