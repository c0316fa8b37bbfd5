namespace Takt.Domain.Curves;

/// <summary>How a key's value carries over the segment after it, up to the next key.</summary>
public enum CurveInterpolation : byte
{
    /// <summary>The key's value holds until the next key (a step).</summary>
    Constant,

    /// <summary>A straight line to the next key's value.</summary>
    Linear,
}
