using CsCheck;
using Takt.Domain.Curves;

namespace Takt.Domain.Tests.Curves;

public sealed class CurvePropertyTests
{
    [Fact]
    public void Sample_OutsideKeys_HoldsFirstAndLastValue() =>
        Gen.Select(CurveGen.Number, Gen.Double[0.001, 1e6]).Sample((curve, distance) =>
            curve.Sample(curve.Keys[0].Frame - distance) == curve.Keys[0].Value
            && curve.Sample(curve.Keys[^1].Frame + distance) == curve.Keys[^1].Value);

    [Fact]
    public void Sample_AtEveryKey_IsTheKeysValueExactly() =>
        CurveGen.Number.Sample(curve => curve.Keys.Select((k, i) =>
            curve.Sample(k.Frame) == (k.Interpolation == CurveInterpolation.InverseStep && i + 1 < curve.Keys.Count ? curve.Keys[i + 1].Value : k.Value)).All(ok => ok));

    [Fact]
    public void Sample_InsideSegments_FollowsTheStartingKey() =>
        Gen.Select(CurveGen.Number, Gen.Double[0, 1]).Sample((curve, fraction) =>
        {
            for (var i = 0; i + 1 < curve.Keys.Count; i++)
            {
                var (a, b) = (curve.Keys[i], curve.Keys[i + 1]);
                var frame = a.Frame + ((b.Frame - a.Frame) * fraction);
                if (frame >= b.Frame)
                {
                    continue;
                }

                var value = curve.Sample(frame);
                var ok = a.Interpolation switch
                {
                    CurveInterpolation.Constant => value == a.Value,
                    CurveInterpolation.InverseStep => value == b.Value,
                    // Linear and the easings never leave the segment's two values; bezier may overshoot.
                    CurveInterpolation.Bezier => double.IsFinite(value),
                    _ => value >= Math.Min(a.Value, b.Value) - 1e-9 && value <= Math.Max(a.Value, b.Value) + 1e-9,
                };
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void Sample_LinearSegment_IsTheStraightLine() =>
        Gen.Select(Gen.Double[-1000, 1000], Gen.Double[-1000, 1000], Gen.Double[0.5, 100], Gen.Double[0, 1]).Sample((v0, v1, span, u) =>
        {
            var curve = CurveGen.Create([new CurveKey(0, v0), new CurveKey(span, v1)]);
            return Math.Abs(curve.Sample(u * span) - (v0 + ((v1 - v0) * u))) <= 1e-9 * (1 + Math.Abs(v0) + Math.Abs(v1));
        });

    [Fact]
    public void Sample_BezierWithLinearHandles_EqualsLinear() =>
        Gen.Select(Gen.Double[-1000, 1000], Gen.Double[-1000, 1000], Gen.Double[0.5, 100], Gen.Double[0, 1], Gen.Double[0, 1]).Sample((v0, v1, span, u, h) =>
        {
            // Handles on the diagonal, anywhere, keep the segment a straight line.
            var bezier = CurveGen.Create([new CurveKey(0, v0, CurveInterpolation.Bezier) { Out = new(h / 3, h / 3), In = new(1 - (h / 3), 1 - (h / 3)) }, new CurveKey(span, v1)]);
            var linear = CurveGen.Create([new CurveKey(0, v0), new CurveKey(span, v1)]);
            return Math.Abs(bezier.Sample(u * span) - linear.Sample(u * span)) <= 1e-9 * (1 + Math.Abs(v0) + Math.Abs(v1));
        });

    [Fact]
    public void Easing_Endpoints_AreExact() =>
        CurveGen.Interpolation.Where(Easing.IsEasing).Sample(kind => Easing.Apply(kind, 0) == 0 && Easing.Apply(kind, 1) == 1 && Easing.Apply(kind, 0.5) is > 0 and < 1);

    [Fact]
    public void SolveT_IsExactInverseOfX() =>
        Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 1]).Sample((x1, x2, x) =>
        {
            var s = CubicBezier.SolveT(x1, x2, x);
            return double.IsFinite(s) && s is >= 0 and <= 1 && Math.Abs(CubicBezier.X(x1, x2, s) - x) <= 1e-12;
        }, iter: 20_000);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void SolveT_FlatSlopes_StillExact(double x1, double x2)
    {
        for (var i = 0; i <= 1000; i++)
        {
            var x = i / 1000.0;
            Assert.True(Math.Abs(CubicBezier.X(x1, x2, CubicBezier.SolveT(x1, x2, x)) - x) <= 1e-12, $"x = {x}");
        }
    }

    [Fact]
    public void SampleInto_EqualsSampleAtEveryFrame() =>
        Gen.Select(CurveGen.Number, Gen.Double[-200, 100], Gen.Double[0, 5], Gen.Int[0, 300]).Sample((curve, start, step, count) =>
        {
            var values = new double[count];
            curve.SampleInto(values, start, step);
            for (var i = 0; i < count; i++)
            {
                if (BitConverter.DoubleToInt64Bits(values[i]) != BitConverter.DoubleToInt64Bits(curve.Sample(start + (i * step))))
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void DiscreteKinds_NeverInterpolate() =>
        Gen.Select(Gen.Int[-50, 50].Array[1, 6], Gen.Double[-10, 200]).Sample((values, frame) =>
        {
            var keys = values.Select((v, i) => new CurveKey(i * 10, v, CurveInterpolation.Constant)).ToArray();
            Assert.True(Curve.TryCreate(CurveValueKind.WholeNumber, keys, out var curve, out _));
            var expected = keys.LastOrDefault(k => k.Frame <= frame) ?? keys[0];
            var text = Curve.TryCreate(CurveValueKind.Text, [.. keys.Select(k => new CurveKey(k.Frame, 0, CurveInterpolation.Constant) { Text = $"p{k.Value}" })], out var textCurve, out _);
            return curve!.Sample(frame) == expected.Value && text && textCurve!.SampleText(frame) == $"p{expected.Value}"
                && !Curve.TryCreate(CurveValueKind.WholeNumber, [.. keys.Select(k => k with { Interpolation = CurveInterpolation.Linear })], out _, out _);
        });

    [Fact]
    public void CanonicalJson_RoundTrips() =>
        CurveGen.Number.Sample(curve =>
        {
            var bytes = curve.ToCanonicalJson();
            using var document = System.Text.Json.JsonDocument.Parse(bytes);
            return Curve.TryParseDocument(document.RootElement, out var back, out _) && back!.Equals(curve) && back.ToCanonicalJson().AsSpan().SequenceEqual(bytes);
        });
}
