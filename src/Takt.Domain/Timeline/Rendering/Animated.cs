using Takt.Domain.Curves;

namespace Takt.Domain.Timeline.Rendering;

/// <summary>
/// One animatable value of a layer or the camera: a resting value, or a curve read at a frame of
/// the cut minus <see cref="Origin"/> (a clip's curves count from the clip's start, a track's and a
/// cut's from the cut's start).
/// </summary>
public sealed record AnimatedNumber(double Rest, Curve? Curve = null, long Origin = 0)
{
    public double At(long cutFrame) => Curve is null ? Rest : Curve.Sample(cutFrame - Origin);

    public bool IsConstant => Curve is null;
}

/// <summary>A text value held from key to key (blend modes, prompts): the last key at or before the frame, else the first.</summary>
public sealed record AnimatedText(string Rest, IReadOnlyList<(double Frame, string Value)> Keys, long Origin = 0)
{
    public string At(long cutFrame)
    {
        if (Keys.Count == 0)
        {
            return Rest;
        }

        var frame = cutFrame - Origin;
        var value = Keys[0].Value;
        foreach (var key in Keys)
        {
            if (key.Frame > frame)
            {
                break;
            }

            value = key.Value;
        }

        return value;
    }
}
