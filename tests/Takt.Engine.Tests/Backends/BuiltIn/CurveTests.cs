using System.Text.Json;
using CsCheck;
using Takt.Domain.Curves;

namespace Takt.Engine.Tests.Backends.BuiltIn;

/// <summary>Properties of the small curve model the curve nodes use.</summary>
public sealed class CurveTests
{
    // The first model's two interpolations (handle-less keys); the full model's properties live in Takt.Domain.Tests.Curves.
    private static readonly Gen<CurveInterpolation> Interpolation = Gen.Bool.Select(linear => linear ? CurveInterpolation.Linear : CurveInterpolation.Constant);

    /// <summary>Valid curves: strictly increasing frames built from positive gaps, finite values.</summary>
    private static readonly Gen<Curve> Curves =
        Gen.Select(Gen.Double[-1000, 1000], Gen.Select(Gen.Double[0.001, 100], Gen.Double[-1e6, 1e6], Interpolation).Array[1, 12])
            .Select(t =>
            {
                var frame = t.Item1;
                var keys = new List<CurveKey>();
                foreach (var (gap, value, interpolation) in t.Item2)
                {
                    keys.Add(new CurveKey(frame, value, interpolation));
                    frame += gap;
                }

                return Curve.TryCreate(keys, out var curve, out var problem) ? curve! : throw new InvalidOperationException(problem);
            });

    [Fact]
    public void Sample_AtEveryKey_IsThatKeysValue()
    {
        Curves.Sample(curve => curve.Keys.All(k => curve.Sample(k.Frame) == k.Value));
    }

    [Fact]
    public void Sample_OutsideTheKeys_HoldsTheFirstAndLastValue()
    {
        Gen.Select(Curves, Gen.Double[0, 1e6]).Sample((curve, distance) =>
            curve.Sample(curve.Keys[0].Frame - distance) == curve.Keys[0].Value
            && curve.Sample(curve.Keys[^1].Frame + distance) == curve.Keys[^1].Value);
    }

    [Fact]
    public void Sample_BetweenTwoKeys_StaysWithinTheirValuesAndConstantHolds()
    {
        Gen.Select(Curves, Gen.Double[0, 1]).Sample((curve, t) =>
        {
            for (var i = 0; i + 1 < curve.Keys.Count; i++)
            {
                var (a, b) = (curve.Keys[i], curve.Keys[i + 1]);
                var frame = a.Frame + ((b.Frame - a.Frame) * t);
                if (frame >= b.Frame)
                {
                    continue;
                }

                var value = curve.Sample(frame);
                var inside = value >= Math.Min(a.Value, b.Value) && value <= Math.Max(a.Value, b.Value);
                if (!inside || (a.Interpolation == CurveInterpolation.Constant && value != a.Value))
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void Sample_LinearSegment_IsMonotoneInFrame()
    {
        Gen.Select(Gen.Double[-1e6, 1e6], Gen.Double[-1e6, 1e6], Gen.Double[0, 1], Gen.Double[0, 1]).Sample((v0, v1, s, t) =>
        {
            Curve.TryCreate([new CurveKey(0, v0), new CurveKey(10, v1)], out var curve, out _);
            var (early, late) = (Math.Min(s, t) * 10, Math.Max(s, t) * 10);
            return v1 >= v0 ? curve!.Sample(early) <= curve.Sample(late) : curve!.Sample(early) >= curve.Sample(late);
        });
    }

    [Fact]
    public void CanonicalJson_RoundTrips_ToAnEqualCurveWithEqualBytes()
    {
        Curves.Sample(curve =>
        {
            var bytes = curve.ToCanonicalJson();
            using var document = JsonDocument.Parse(bytes);
            return Curve.TryParseDocument(document.RootElement, out var back, out _)
                && back!.Keys.SequenceEqual(curve.Keys)
                && back.ToCanonicalJson().AsSpan().SequenceEqual(bytes);
        });
    }

    [Fact]
    public void TryCreate_FramesNotStrictlyIncreasing_RefusedNamingTheKey()
    {
        Gen.Select(Curves.Where(c => c.Keys.Count >= 2), Gen.Int[1, 11], Gen.Double[0, 10]).Sample((curve, index, back) =>
        {
            var keys = curve.Keys.ToList();
            var i = Math.Min(index, keys.Count - 1);
            keys[i] = keys[i] with { Frame = keys[i - 1].Frame - back };
            return !Curve.TryCreate(keys, out _, out var problem) && problem!.Contains($"key {i}:", StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(0, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, 1)]
    public void TryCreate_NonFiniteNumbers_Refused(double frame, double value)
    {
        Assert.False(Curve.TryCreate([new CurveKey(frame, value)], out _, out var problem));
        Assert.Contains("not a finite number", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_ExtremeFramesAndValues_StaysFinite()
    {
        Curve.TryCreate([new CurveKey(-double.MaxValue, -double.MaxValue), new CurveKey(double.MaxValue, double.MaxValue)], out var curve, out _);

        Assert.Equal(0, curve!.Sample(0), 1e-3);
        Assert.True(double.IsFinite(curve.Sample(double.MaxValue / 3)));
    }
}
