using System.Text;
using Takt.Domain.Curves;

namespace Takt.Domain.Schedules;

public sealed partial class DeforumSchedule
{
    /// <summary>
    /// The schedule as a Takt curve over frames 0 … MaxFrames − 1. A schedule of plain numbers
    /// becomes linear keys at its frames (the same values, and editable); one with expressions is
    /// <paramref name="baked"/> to a linear key per frame (runs of equal values share keys), since
    /// a curve holds no expressions.
    /// </summary>
    public bool TryToCurve(double seed, out Curve? curve, out bool baked, out ScheduleError? error)
    {
        curve = null;
        baked = Keys.Any(k => !k.IsNumber);
        if (!baked)
        {
            var reached = Keys.Where(k => k.Frame < MaxFrames).Select(k => new CurveKey(k.Frame, k.Value.Evaluate(default))).ToList();
            if (reached.Count == 0)
            {
                error = new ScheduleError($"no key falls within the {MaxFrames} frames", 0);
                return false;
            }

            return Create(reached, out curve, out error);
        }

        if (!TryEvaluate(seed, out var values, out error))
        {
            return false;
        }

        return Create(BakedKeys(values!), out curve, out error);
    }

    /// <summary>
    /// A Deforum string giving <paramref name="curve"/>'s values at frames 0 … maxFrames − 1. Keys
    /// are written directly where Deforum's linear in-betweens reproduce the curve (whole frames
    /// inside the range, every segment linear); otherwise the curve is baked per frame, with runs of
    /// equal values collapsed to their ends.
    /// </summary>
    public static string ToDeforumString(Curve curve, int maxFrames)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);
        if (curve.Kind is CurveValueKind.Choice or CurveValueKind.Text)
        {
            throw new ArgumentException("Deforum value schedules hold numbers; a text curve has no Deforum form", nameof(curve));
        }

        var keys = curve.Keys;
        var direct = keys[0].Frame >= 0 && keys[^1].Frame < maxFrames
            && keys.All(k => k.Frame == Math.Floor(k.Frame))
            && keys.Take(keys.Count - 1).All(k => k.Interpolation == CurveInterpolation.Linear);
        var pairs = new List<(int Frame, double Value)>();
        if (direct)
        {
            pairs.AddRange(keys.Select(k => ((int)k.Frame, k.Value)));
        }
        else
        {
            var values = new double[maxFrames];
            curve.SampleInto(values, 0, 1);
            pairs.AddRange(BakedKeys(values).Select(k => ((int)k.Frame, k.Value)));
        }

        var text = new StringBuilder();
        foreach (var (frame, value) in pairs)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(frame).Append(": (").Append(ScheduleNumbers.Format(value)).Append(')');
        }

        return text.ToString();
    }

    private static List<CurveKey> BakedKeys(double[] values)
    {
        var keys = new List<CurveKey>(values.Length);
        for (var frame = 0; frame < values.Length; frame++)
        {
            // Linear between equal values is exact, so the inside of a run adds nothing.
            var inside = frame > 0 && frame < values.Length - 1 && values[frame - 1] == values[frame] && values[frame + 1] == values[frame];
            if (!inside)
            {
                keys.Add(new CurveKey(frame, values[frame]));
            }
        }

        return keys;
    }

    private static bool Create(List<CurveKey> keys, out Curve? curve, out ScheduleError? error)
    {
        if (Curve.TryCreate(keys, out curve, out var problem))
        {
            error = null;
            return true;
        }

        error = new ScheduleError(problem!, 0);
        return false;
    }
}
