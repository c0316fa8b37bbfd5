using CsCheck;
using Takt.Domain.Curves;

namespace Takt.Domain.Tests.Curves;

/// <summary>Random valid curves: every interpolation, handles anywhere x allows (y overshooting), gaps from tiny to wide.</summary>
internal static class CurveGen
{
    public static readonly Gen<CurveInterpolation> Interpolation = Gen.Int[0, 12].Select(i => (CurveInterpolation)i);

    public static readonly Gen<CurveHandle> Handle =
        Gen.Select(Gen.OneOf(Gen.Double[0, 1], Gen.Const(0.0), Gen.Const(1.0)), Gen.Double[-2, 3], (x, y) => new CurveHandle(x, y));

    public static readonly Gen<CurveKey[]> Keys =
        from n in Gen.Int[1, 8]
        from start in Gen.Double[-100, 100]
        from gaps in Gen.Double[0.01, 50].Array[n]
        from values in Gen.Double[-1000, 1000].Array[n]
        from kinds in Interpolation.Array[n]
        from outs in Handle.Array[n]
        from ins in Handle.Array[n]
        select Build(start, gaps, values, kinds, outs, ins);

    public static readonly Gen<Curve> Number = Keys.Select(Create);

    public static Curve Create(CurveKey[] keys) =>
        Curve.TryCreate(keys, out var curve, out var problem) ? curve! : throw new InvalidOperationException(problem);

    private static CurveKey[] Build(double start, double[] gaps, double[] values, CurveInterpolation[] kinds, CurveHandle[] outs, CurveHandle[] ins)
    {
        var keys = new CurveKey[gaps.Length];
        var frame = start;
        for (var i = 0; i < keys.Length; i++)
        {
            var bezier = kinds[i] == CurveInterpolation.Bezier;
            keys[i] = new CurveKey(frame, values[i], kinds[i]) { Out = bezier ? outs[i] : null, In = bezier ? ins[i] : null };
            frame += gaps[i];
        }

        return keys;
    }
}
