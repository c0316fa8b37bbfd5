using System.Diagnostics.CodeAnalysis;
using Takt.Domain.Curves;

namespace Takt.Domain.Timeline;

/// <summary>
/// Builds the evaluator's <see cref="Curve"/> from a curve entity and its keyframes, for rendering
/// and for workflow inputs bound to the curve. Text and enum curves are not numeric and are read
/// key by key instead (<see cref="TimelineDocument.KeyframesOf"/>).
/// </summary>
public static class TimelineCurves
{
    /// <summary>The curve entity's keys as an evaluator curve, or the problem (unknown curve, no keys, a key the evaluator cannot express).</summary>
    public static bool TryBuild(TimelineDocument document, TimelineEntityId curveId, [NotNullWhen(true)] out Curve? curve, [NotNullWhen(false)] out string? problem)
    {
        curve = null;
        if (document.Find<CurveEntity>(curveId) is not { } entity)
        {
            problem = $"curve {curveId} does not exist";
            return false;
        }

        return TryBuild(entity, document.KeyframesOf(curveId), out curve, out problem);
    }

    public static bool TryBuild(CurveEntity entity, IEnumerable<KeyframeEntity> keyframes, [NotNullWhen(true)] out Curve? curve, [NotNullWhen(false)] out string? problem)
    {
        curve = null;
        if (entity.ValueKind is not (CurveValueKind.Number or CurveValueKind.Integer))
        {
            problem = $"a {TimelineNames.Of(entity.ValueKind)} curve has no numeric evaluator; read its keys";
            return false;
        }

        var keys = new List<CurveKey>();
        foreach (var keyframe in keyframes.OrderBy(k => k.Frame))
        {
            if (ToCurveKey(keyframe) is not { } key)
            {
                problem = $"keyframe {keyframe.Id} at frame {keyframe.Frame}: the curve evaluator has no {TimelineNames.Of(keyframe.Interpolation.Kind)} interpolation";
                return false;
            }

            keys.Add(key);
        }

        if (!Curve.TryCreate(keys, out var built, out var why) || built is null)
        {
            problem = $"curve {entity.Id}: {why}";
            return false;
        }

        curve = built;
        problem = null;
        return true;
    }

    /// <summary>
    /// The one mapping from a keyframe to an evaluator key; null where the evaluator cannot express
    /// the keyframe's interpolation (an easing name it does not know). Bezier handles carry over as
    /// they are (both normalised to the segment); an easing is named with or without <c>ease-</c>.
    /// </summary>
    public static CurveKey? ToCurveKey(KeyframeEntity keyframe)
    {
        double? value = keyframe.Value switch
        {
            NumberValue n => n.Value,
            IntegerValue i => i.Value,
            _ => null,
        };
        var shape = keyframe.Interpolation;
        CurveInterpolation? interpolation = shape.Kind switch
        {
            InterpolationKind.Constant => CurveInterpolation.Constant,
            InterpolationKind.Linear => CurveInterpolation.Linear,
            InterpolationKind.Bezier when shape.Handles is not null => CurveInterpolation.Bezier,
            InterpolationKind.Ease when shape.Easing is { } easing => Easing(easing),
            _ => null,
        };
        if (value is not { } v || interpolation is not { } kind)
        {
            return null;
        }

        return shape.Handles is { } h && kind == CurveInterpolation.Bezier
            ? new CurveKey(keyframe.Frame, v, kind) { Out = new CurveHandle(h.OutX, h.OutY), In = new CurveHandle(h.InX, h.InY) }
            : new CurveKey(keyframe.Frame, v, kind);
    }

    /// <summary>
    /// An evaluator curve as keyframe contents (frame, value, interpolation), the way back from
    /// <see cref="ToCurveKey"/>: for curves imported from Deforum, FizzNodes or Live2D. An inverse
    /// step (the next key's value over the segment) becomes a step that holds that next value.
    /// </summary>
    public static IReadOnlyList<(double Frame, TimelineValue Value, KeyInterpolation Interpolation)> ToKeyframes(Curve curve)
    {
        var keys = curve.Keys;
        var result = new List<(double, TimelineValue, KeyInterpolation)>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            TimelineValue value = key.Text is { } text ? new TextValue(text) : new NumberValue(key.Value);
            var interpolation = key.Interpolation switch
            {
                CurveInterpolation.Constant => KeyInterpolation.Constant,
                CurveInterpolation.Linear => KeyInterpolation.Linear,
                CurveInterpolation.Bezier when key.Out is { } o && key.In is { } n => new KeyInterpolation(InterpolationKind.Bezier, Handles: new BezierHandles(o.X, o.Y, n.X, n.Y)),
                CurveInterpolation.Bezier => new KeyInterpolation(InterpolationKind.Bezier, Handles: new BezierHandles(1 / 3.0, 0, 2 / 3.0, 1)),
                CurveInterpolation.InverseStep => KeyInterpolation.Constant,
                var named => new KeyInterpolation(InterpolationKind.Ease, Curve.Name(named)),
            };
            if (key.Interpolation == CurveInterpolation.InverseStep && i + 1 < keys.Count)
            {
                value = new NumberValue(keys[i + 1].Value);
            }

            result.Add((key.Frame, value, interpolation));
        }

        return result;
    }

    private static CurveInterpolation? Easing(string name) =>
        Curve.TryParseInterpolation(name, out var named) && named >= CurveInterpolation.EaseInQuad ? named
        : Curve.TryParseInterpolation("ease-" + name, out var prefixed) && prefixed >= CurveInterpolation.EaseInQuad ? prefixed
        : null;
}
