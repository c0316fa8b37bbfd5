namespace Takt.Domain.Curves;

/// <summary>
/// How a key's value carries over the segment after it, up to the next key (the Blender, Lottie and
/// Live2D convention: the earlier key owns the segment). JSON names are in <see cref="Curve.Name(CurveInterpolation)"/>.
/// </summary>
public enum CurveInterpolation : byte
{
    /// <summary>The key's value holds until the next key (a step). JSON <c>constant</c>.</summary>
    Constant,

    /// <summary>A straight line to the next key's value. JSON <c>linear</c>.</summary>
    Linear,

    /// <summary>A cubic bezier through the key's normalised out and in handles. JSON <c>bezier</c>.</summary>
    Bezier,

    /// <summary>The next key's value holds over the whole segment (Live2D's inverse-stepped). JSON <c>inverse-step</c>.</summary>
    InverseStep,

    /// <summary>u². JSON <c>ease-in-quad</c>.</summary>
    EaseInQuad,

    /// <summary>1 − (1 − u)². JSON <c>ease-out-quad</c>.</summary>
    EaseOutQuad,

    /// <summary>2u² then 1 − (2 − 2u)²/2. JSON <c>ease-in-out-quad</c>.</summary>
    EaseInOutQuad,

    /// <summary>u³. JSON <c>ease-in-cubic</c>.</summary>
    EaseInCubic,

    /// <summary>1 − (1 − u)³. JSON <c>ease-out-cubic</c>.</summary>
    EaseOutCubic,

    /// <summary>4u³ then 1 − (2 − 2u)³/2. JSON <c>ease-in-out-cubic</c>.</summary>
    EaseInOutCubic,

    /// <summary>1 − cos(πu/2). JSON <c>ease-in-sine</c>.</summary>
    EaseInSine,

    /// <summary>sin(πu/2). JSON <c>ease-out-sine</c>.</summary>
    EaseOutSine,

    /// <summary>(1 − cos πu)/2. JSON <c>ease-in-out-sine</c>.</summary>
    EaseInOutSine,
}
