using System.Runtime.CompilerServices;

namespace Takt.Domain.Curves;

public sealed partial record Curve
{
    /// <summary>
    /// The value at <paramref name="frame"/>: the first key's value before it, the last key's after
    /// it, and in between as the segment's starting key says. Enum and string curves give 0 here;
    /// their values come from <see cref="SampleText"/>.
    /// </summary>
    public double Sample(double frame)
    {
        if (double.IsNaN(frame))
        {
            throw new ArgumentException("a curve is sampled at a frame, not NaN", nameof(frame));
        }

        // Strictly before: at the first key its own segment answers (an inverse step shows the next value there).
        if (frame < _frames[0])
        {
            return _values[0];
        }

        var last = _frames.Length - 1;
        if (frame >= _frames[last])
        {
            return _values[last];
        }

        return Segment(SegmentAt(frame), frame);
    }

    /// <summary>The text of an enum or string curve at <paramref name="frame"/> (held like any discrete value).</summary>
    public string SampleText(double frame)
    {
        if (Kind is not (CurveValueKind.Choice or CurveValueKind.Text))
        {
            throw new InvalidOperationException($"a {Name(Kind)} curve has numbers, not text");
        }

        if (double.IsNaN(frame))
        {
            throw new ArgumentException("a curve is sampled at a frame, not NaN", nameof(frame));
        }

        return Keys[frame < _frames[0] ? 0 : frame >= _frames[^1] ? _frames.Length - 1 : SegmentAt(frame)].Text!;
    }

    /// <summary>
    /// Fills <paramref name="values"/> with the values at <paramref name="start"/>,
    /// start + step, …: the same numbers as <see cref="Sample"/> at each frame, found by walking the
    /// segments forward instead of searching per frame (a negative step searches).
    /// </summary>
    public void SampleInto(Span<double> values, double start, double step)
    {
        if (!double.IsFinite(start) || !double.IsFinite(step))
        {
            throw new ArgumentException("start and step must be finite numbers");
        }

        if (step < 0)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Sample(start + (i * step));
            }

            return;
        }

        var frames = _frames;
        var last = frames.Length - 1;
        var segment = 0;
        for (var i = 0; i < values.Length; i++)
        {
            // start + i·step, not a running sum, so every frame is the same double Sample would get.
            var frame = start + (i * step);
            if (frame < frames[0])
            {
                values[i] = _values[0];
                continue;
            }

            if (frame >= frames[last])
            {
                values[i] = _values[last];
                continue;
            }

            while (frames[segment + 1] <= frame)
            {
                segment++;
            }

            values[i] = Segment(segment, frame);
        }
    }

    private int SegmentAt(double frame)
    {
        // The last key at or before the frame starts the segment.
        var low = 0;
        var high = _frames.Length - 1;
        while (high - low > 1)
        {
            var middle = (low + high) >>> 1;
            if (_frames[middle] <= frame)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Segment(int index, double frame)
    {
        var interpolation = _interpolations[index];
        var from = _values[index];
        if (interpolation == CurveInterpolation.Constant)
        {
            return from;
        }

        var to = _values[index + 1];
        if (interpolation == CurveInterpolation.InverseStep)
        {
            return to;
        }

        var u = Fraction(_frames[index], _frames[index + 1], frame);
        if (interpolation == CurveInterpolation.Linear)
        {
            // The weighted form cannot overflow where to − from would (values near ±double.MaxValue),
            // and the clamp keeps rounding from stepping outside the segment's two values.
            var value = (from * (1 - u)) + (to * u);
            return Math.Clamp(value, Math.Min(from, to), Math.Max(from, to));
        }

        var eased = interpolation == CurveInterpolation.Bezier
            ? CubicBezier.Ease(_outs[index], _ins[index], u)
            : Easing.Apply(interpolation, u);
        return (from * (1 - eased)) + (to * eased);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Fraction(double startFrame, double endFrame, double frame)
    {
        var offset = frame - startFrame;
        var span = endFrame - startFrame;
        if (!double.IsFinite(span))
        {
            // Frames so far apart that their difference overflows: halves keep the ratio.
            offset = (frame / 2) - (startFrame / 2);
            span = (endFrame / 2) - (startFrame / 2);
        }

        return offset / span;
    }
}
