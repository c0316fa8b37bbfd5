using System.Globalization;

namespace Takt.Domain.Curves.Live2D;

/// <summary>
/// Live2D curves ↔ Takt curves, seconds ↔ frames at a frame rate. Linear ↔ linear, stepped ↔
/// constant, inverse stepped ↔ inverse-step, bezier ↔ bezier: absolute control points become
/// handles normalised to the segment (restricted motions put their x at 1/3 and 2/3, as Cubism
/// evaluates them; free x is clamped into the segment). A bezier whose ends share a value but whose
/// controls do not (a bump) has no normalised form, so it is split in two exactly (de Casteljau).
/// Easings export as beziers: quad and cubic exactly (in-out as two halves), sine within 0.0031 of the change.
/// </summary>
public static class Live2DCurveMapping
{
    private const double Third = 1.0 / 3;

    /// <summary>Every curve of the motion by its Id (Ids must be distinct).</summary>
    public static bool TryToCurves(Live2DMotion motion, double fps, out IReadOnlyDictionary<string, Curve>? curves, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(motion);
        curves = null;
        var result = new Dictionary<string, Curve>(StringComparer.Ordinal);
        foreach (var source in motion.Curves)
        {
            if (result.ContainsKey(source.Id))
            {
                problem = $"two curves have the Id '{source.Id}'";
                return false;
            }

            if (!TryToCurve(source, fps, motion.AreBeziersRestricted, out var curve, out problem))
            {
                return false;
            }

            result.Add(source.Id, curve!);
        }

        curves = result;
        problem = null;
        return true;
    }

    public static bool TryToCurve(Live2DCurve source, double fps, bool restricted, out Curve? curve, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(source);
        curve = null;
        if (!(fps > 0) || !double.IsFinite(fps))
        {
            problem = "fps must be a positive number";
            return false;
        }

        var keys = new List<CurveKey>();
        var start = source.Start;
        for (var i = 0; i < source.Segments.Count; i++)
        {
            var segment = source.Segments[i];
            if (!(segment.End.Time > start.Time))
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"curve '{source.Id}': segment {i} ends at {segment.End.Time} s, not after its start at {start.Time} s");
                return false;
            }

            switch (segment.Type)
            {
                case Live2DSegmentType.Bezier:
                    var p = segment.Points;
                    var (c1, c2) = restricted
                        ? (new Live2DPoint(start.Time + ((segment.End.Time - start.Time) * Third), p[0].Value), new Live2DPoint(start.Time + ((segment.End.Time - start.Time) * 2 * Third), p[1].Value))
                        : (p[0], p[1]);
                    AddBezier(keys, start, c1, c2, p[2], fps, split: true);
                    break;
                default:
                    keys.Add(new CurveKey(start.Time * fps, start.Value, segment.Type switch
                    {
                        Live2DSegmentType.Linear => CurveInterpolation.Linear,
                        Live2DSegmentType.Stepped => CurveInterpolation.Constant,
                        _ => CurveInterpolation.InverseStep,
                    }));
                    break;
            }

            start = segment.End;
        }

        keys.Add(new CurveKey(start.Time * fps, start.Value));
        if (!Curve.TryCreate(keys, out curve, out problem))
        {
            problem = $"curve '{source.Id}': {problem}";
            return false;
        }

        return true;
    }

    /// <summary>A Live2D curve from a number curve, frames → seconds at <paramref name="fps"/>.</summary>
    public static Live2DCurve FromCurve(string target, string id, Curve curve, double fps)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Kind is CurveValueKind.Choice or CurveValueKind.Text)
        {
            throw new ArgumentException("Live2D curves hold numbers; a text curve has no Live2D form", nameof(curve));
        }

        var keys = curve.Keys;
        var segments = new List<Live2DSegment>();
        for (var i = 0; i + 1 < keys.Count; i++)
        {
            var (a, b) = (keys[i], keys[i + 1]);
            var end = Point(b.Frame, b.Value, fps);
            switch (a.Interpolation)
            {
                case CurveInterpolation.Linear:
                    segments.Add(new Live2DSegment(Live2DSegmentType.Linear, [end]));
                    break;
                case CurveInterpolation.Constant:
                    segments.Add(new Live2DSegment(Live2DSegmentType.Stepped, [end]));
                    break;
                case CurveInterpolation.InverseStep:
                    segments.Add(new Live2DSegment(Live2DSegmentType.InverseStepped, [end]));
                    break;
                case CurveInterpolation.Bezier:
                    segments.Add(Bezier(a.Frame, a.Value, b.Frame, b.Value, a.Out!.Value, a.In!.Value, fps));
                    break;
                default:
                    AddEasing(segments, a, b, fps);
                    break;
            }
        }

        return new Live2DCurve(target, id, Point(keys[0].Frame, keys[0].Value, fps), segments);
    }

    /// <summary>A motion of <paramref name="curves"/> (Target, Id, curve); its duration is the latest key unless given.</summary>
    public static Live2DMotion FromCurves(IEnumerable<(string Target, string Id, Curve Curve)> curves, double fps, double? duration = null, bool loop = false)
    {
        var list = curves.Select(c => FromCurve(c.Target, c.Id, c.Curve, fps)).ToList();
        var end = list.Count == 0 ? 0 : list.Max(c => c.Segments.Count == 0 ? c.Start.Time : c.Segments[^1].End.Time);
        return new Live2DMotion(duration ?? end, fps, list) { Loop = loop };
    }

    private static void AddBezier(List<CurveKey> keys, Live2DPoint p0, Live2DPoint p1, Live2DPoint p2, Live2DPoint p3, double fps, bool split)
    {
        var span = p3.Time - p0.Time;
        var rise = p3.Value - p0.Value;
        if (rise == 0 && (p1.Value != p0.Value || p2.Value != p0.Value) && split)
        {
            // The value at s is p0 + 3s(1−s)((1−s)a + sb), zero inside (0, 1) at most once: ½ or ¼ is a safe split.
            var s = Math.Abs(ValueAt(p0, p1, p2, p3, 0.5) - p0.Value) > 0 ? 0.5 : 0.25;
            var (m01, m12, m23) = (Lerp(p0, p1, s), Lerp(p1, p2, s), Lerp(p2, p3, s));
            var (m012, m123) = (Lerp(m01, m12, s), Lerp(m12, m23, s));
            var middle = Lerp(m012, m123, s);
            AddBezier(keys, p0, m01, m012, middle, fps, split: false);
            AddBezier(keys, middle, m123, m23, p3, fps, split: false);
            return;
        }

        var outHandle = new CurveHandle(Math.Clamp((p1.Time - p0.Time) / span, 0, 1), rise == 0 ? 0 : (p1.Value - p0.Value) / rise);
        var inHandle = new CurveHandle(Math.Clamp((p2.Time - p0.Time) / span, 0, 1), rise == 0 ? 1 : (p2.Value - p0.Value) / rise);
        keys.Add(new CurveKey(p0.Time * fps, p0.Value, CurveInterpolation.Bezier) { Out = outHandle, In = inHandle });
    }

    private static Live2DSegment Bezier(double frame0, double value0, double frame3, double value3, CurveHandle outHandle, CurveHandle inHandle, double fps)
    {
        var span = frame3 - frame0;
        var rise = value3 - value0;
        return new Live2DSegment(Live2DSegmentType.Bezier,
        [
            Point(frame0 + (outHandle.X * span), value0 + (outHandle.Y * rise), fps),
            Point(frame0 + (inHandle.X * span), value0 + (inHandle.Y * rise), fps),
            Point(frame3, value3, fps),
        ]);
    }

    private static void AddEasing(List<Live2DSegment> segments, CurveKey a, CurveKey b, double fps)
    {
        var (first, second) = a.Interpolation switch
        {
            CurveInterpolation.EaseInQuad => (QuadIn, (Handles?)null),
            CurveInterpolation.EaseOutQuad => (QuadOut, null),
            CurveInterpolation.EaseInOutQuad => (QuadIn, QuadOut),
            CurveInterpolation.EaseInCubic => (CubicIn, null),
            CurveInterpolation.EaseOutCubic => (CubicOut, null),
            CurveInterpolation.EaseInOutCubic => (CubicIn, CubicOut),
            CurveInterpolation.EaseInSine => (SineIn, null),
            CurveInterpolation.EaseOutSine => (SineOut, null),
            _ => (SineInOut, null),
        };
        if (second is not { } half)
        {
            segments.Add(Bezier(a.Frame, a.Value, b.Frame, b.Value, first.Out, first.In, fps));
            return;
        }

        // In-out easings are the in easing over the first half and the out easing over the second.
        var midFrame = a.Frame + ((b.Frame - a.Frame) / 2);
        var midValue = a.Value + ((b.Value - a.Value) / 2);
        segments.Add(Bezier(a.Frame, a.Value, midFrame, midValue, first.Out, first.In, fps));
        segments.Add(Bezier(midFrame, midValue, b.Frame, b.Value, half.Out, half.In, fps));
    }

    // Bernstein coefficients of u², 2u − u², u³ and 1 − (1 − u)³ with x(s) = s. Sine has no exact
    // bezier; these minimax fits stay within 0.0031 (in, out) and 0.00022 (in-out) of it.
    private static readonly Handles QuadIn = new(new(Third, 0), new(2 * Third, Third));
    private static readonly Handles QuadOut = new(new(Third, 2 * Third), new(2 * Third, 1));
    private static readonly Handles CubicIn = new(new(Third, 0), new(2 * Third, 0));
    private static readonly Handles CubicOut = new(new(Third, 1), new(2 * Third, 1));
    private static readonly Handles SineIn = new(new(0.1318, 0.0241), new(0.3501, -0.06));
    private static readonly Handles SineOut = new(new(0.6499, 1.06), new(0.8682, 0.9759));
    private static readonly Handles SineInOut = new(new(0.3634, -0.0006), new(0.6366, 1.0006));

    private readonly record struct Handles(CurveHandle Out, CurveHandle In);

    private static Live2DPoint Point(double frame, double value, double fps) => new(frame / fps, value);

    private static Live2DPoint Lerp(Live2DPoint a, Live2DPoint b, double s) =>
        new(a.Time + ((b.Time - a.Time) * s), a.Value + ((b.Value - a.Value) * s));

    private static double ValueAt(Live2DPoint p0, Live2DPoint p1, Live2DPoint p2, Live2DPoint p3, double s)
    {
        var r = 1 - s;
        return (r * r * r * p0.Value) + (3 * r * r * s * p1.Value) + (3 * r * s * s * p2.Value) + (s * s * s * p3.Value);
    }
}
