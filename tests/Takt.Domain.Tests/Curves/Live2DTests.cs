using System.Text;
using CsCheck;
using Takt.Domain.Curves;
using Takt.Domain.Curves.Live2D;

namespace Takt.Domain.Tests.Curves;

public sealed class Live2DTests
{
    // Linear to (1,1); bezier to (2,0); stepped to (3,1); inverse stepped to (4,0.5); bezier bump back to 0.5 at 5.
    private const string Motion = """
        {"Version": 3,
         "Meta": {"Duration": 5, "Fps": 30, "Loop": false, "AreBeziersRestricted": false,
                  "CurveCount": 1, "TotalSegmentCount": 5, "TotalPointCount": 10, "UserDataCount": 1, "TotalUserDataSize": 5},
         "Curves": [{"Target": "Parameter", "Id": "ParamAngleX",
                     "Segments": [0, 0, 0, 1, 1, 1, 1.2, 1, 1.9, 0, 2, 0, 2, 3, 1, 3, 4, 0.5, 1, 4.3, 2, 4.6, 2, 5, 0.5]}],
         "UserData": [{"Time": 1, "Value": "hello"}]}
        """;

    private static Curve Read(string json, double fps = 30)
    {
        Assert.True(Live2DMotionJson.TryRead(Encoding.UTF8.GetBytes(json), out var motion, out var problem), problem);
        Assert.True(Live2DCurveMapping.TryToCurves(motion!, fps, out var curves, out problem), problem);
        return curves!["ParamAngleX"];
    }

    /// <summary>An independent evaluation of an absolute-point bezier: bisection on time, then the value polynomial.</summary>
    private static double Bezier((double T, double V) p0, (double T, double V) p1, (double T, double V) p2, (double T, double V) p3, double time)
    {
        static double At(double a, double b, double c, double d, double s) =>
            (Math.Pow(1 - s, 3) * a) + (3 * Math.Pow(1 - s, 2) * s * b) + (3 * (1 - s) * s * s * c) + (s * s * s * d);
        var (low, high) = (0.0, 1.0);
        for (var i = 0; i < 200; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = At(p0.T, p1.T, p2.T, p3.T, mid) < time ? (mid, high) : (low, mid);
        }

        return At(p0.V, p1.V, p2.V, p3.V, low);
    }

    [Fact]
    public void Read_EverySegmentType_EvaluatesLikeCubism()
    {
        var curve = Read(Motion);
        Assert.Equal(0.5, curve.Sample(15), 12);
        Assert.Equal(Bezier((1, 1), (1.2, 1), (1.9, 0), (2, 0), 1.5), curve.Sample(45), 10);
        Assert.Equal(0, curve.Sample(60));
        Assert.Equal(0, curve.Sample(89));
        Assert.Equal(0.5, curve.Sample(90));
        Assert.Equal(0.5, curve.Sample(105));
        // The bump (its ends share a value) is split in two exactly.
        foreach (var time in new[] { 4.1, 4.3, 4.5, 4.77, 4.95 })
        {
            Assert.Equal(Bezier((4, 0.5), (4.3, 2), (4.6, 2), (5, 0.5), time), curve.Sample(time * 30), 10);
        }

        Assert.Equal(0.5, curve.Sample(1000));
    }

    [Fact]
    public void Read_Restricted_PutsControlTimesAtThirds()
    {
        var restricted = Motion.Replace("\"AreBeziersRestricted\": false", "\"AreBeziersRestricted\": true", StringComparison.Ordinal);
        var curve = Read(restricted);
        Assert.Equal(Bezier((1, 1), (1 + (1 / 3.0), 1), (1 + (2 / 3.0), 0), (2, 0), 1.4), curve.Sample(42), 10);
    }

    [Theory]
    [InlineData("\"TotalPointCount\": 10", "\"TotalPointCount\": 11", "Meta.TotalPointCount says 11 but the curves have 10")]
    [InlineData("\"TotalSegmentCount\": 5", "\"TotalSegmentCount\": 4", "Meta.TotalSegmentCount says 4 but the curves have 5")]
    [InlineData("\"CurveCount\": 1", "\"CurveCount\": 2", "Meta.CurveCount says 2 but the curves have 1")]
    [InlineData("[0, 0, 0, 1, 1,", "[0, 0, 4, 1, 1,", "curve 'ParamAngleX': Segments[2] is segment type 4")]
    [InlineData("2, 5, 0.5]", "2, 5]", "needs 6 numbers, and the list ends first")]
    [InlineData("\"Fps\": 30", "\"Fps\": \"30\"", "Meta.Fps must be a finite number")]
    public void Read_BadFiles_NameTheProblem(string from, string to, string expected)
    {
        var json = Motion.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Motion, json);
        Assert.False(Live2DMotionJson.TryRead(Encoding.UTF8.GetBytes(json), out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_TimeGoingBackwards_Refused()
    {
        var json = Motion.Replace("2, 3, 1, 3, 4, 0.5", "2, 3, 1, 3, 2.5, 0.5", StringComparison.Ordinal);
        Assert.True(Live2DMotionJson.TryRead(Encoding.UTF8.GetBytes(json), out var motion, out _));
        Assert.False(Live2DCurveMapping.TryToCurves(motion!, 30, out _, out var problem));
        Assert.Contains("curve 'ParamAngleX': segment 3 ends at 2.5 s, not after its start at 3 s", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ThenRead_KeepsTheMotionAndItsCounts()
    {
        Assert.True(Live2DMotionJson.TryRead(Encoding.UTF8.GetBytes(Motion), out var motion, out _));
        var written = Live2DMotionJson.Write(motion!);
        Assert.True(Live2DMotionJson.TryRead(written, out var back, out var problem), problem);
        Assert.Equal(motion!.Curves[0].Segments.SelectMany(s => s.Points), back!.Curves[0].Segments.SelectMany(s => s.Points));
        Assert.Equal((1, 5, 10, "hello"), (back.Curves.Count, back.TotalSegmentCount, back.TotalPointCount, back.UserData[0].Value));
        Assert.Contains("\"TotalPointCount\": 10", Encoding.UTF8.GetString(written), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_ThenImport_SameValues() =>
        CurveGen.Keys.Sample(keys =>
        {
            // Sine easings export as close bezier fits, not exactly; every other interpolation is exact.
            var exact = keys.Select(k => k.Interpolation is CurveInterpolation.EaseInSine or CurveInterpolation.EaseOutSine or CurveInterpolation.EaseInOutSine
                ? k with { Interpolation = CurveInterpolation.Linear } : k).ToArray();
            var curve = CurveGen.Create(exact);
            var motion = Live2DCurveMapping.FromCurves([("Parameter", "P", curve)], 24);
            Assert.True(Live2DMotionJson.TryRead(Live2DMotionJson.Write(motion), out var read, out var problem), problem);
            Assert.True(Live2DCurveMapping.TryToCurves(read!, 24, out var curves, out problem), problem);
            var back = curves!["P"];
            var first = curve.Keys[0].Frame;
            var span = curve.Keys[^1].Frame - first;
            var scale = 1 + curve.Keys.Max(k => Math.Abs(k.Value));
            return Enumerable.Range(0, 400).Select(i => first - 1 + ((span + 2) * i / 399.0))
                .All(f => Math.Abs(curve.Sample(f) - back.Sample(f)) <= 1e-6 * scale || NearKey(curve, f));
        });

    [Fact]
    public void Export_SineEasing_IsClose()
    {
        foreach (var kind in new[] { CurveInterpolation.EaseInSine, CurveInterpolation.EaseOutSine, CurveInterpolation.EaseInOutSine })
        {
            var curve = CurveGen.Create([new CurveKey(0, 0, kind), new CurveKey(30, 1)]);
            Assert.True(Live2DCurveMapping.TryToCurves(Live2DCurveMapping.FromCurves([("Parameter", "P", curve)], 30), 30, out var curves, out _));
            Assert.All(Enumerable.Range(0, 31), f => Assert.True(Math.Abs(curve.Sample(f) - curves!["P"].Sample(f)) <= 0.0032));
        }
    }

    // Frames → seconds → frames can move a key by an ulp; a sample within a hair of a key may fall on either side of a step.
    private static bool NearKey(Curve curve, double frame) => curve.Keys.Any(k => Math.Abs(k.Frame - frame) <= 1e-9 * (1 + Math.Abs(frame)));
}
