using CsCheck;
using Takt.Domain.Curves;
using Takt.Domain.Schedules;
using Takt.Domain.Tests.Curves;

namespace Takt.Domain.Tests.Schedules;

public sealed class DeforumScheduleTests
{
    private static double[] Evaluate(string text, int maxFrames, double seed = 0)
    {
        Assert.True(DeforumSchedule.TryParse(text, maxFrames, out var schedule, out var error), error?.ToString());
        Assert.True(schedule!.TryEvaluate(seed, out var values, out error), error?.ToString());
        return values!;
    }

    [Fact]
    public void Evaluate_NumericKeys_InterpolateLinearlyAndHoldEnds()
    {
        var values = Evaluate("10: (5), 20: (7)", 31);
        Assert.All(values[..11], v => Assert.Equal(5, v));
        Assert.Equal(6, values[15], 12);
        Assert.All(values[20..], v => Assert.Equal(7, v));
    }

    [Fact]
    public void Evaluate_ExpressionKeys_RunPerFrameUntilTheNextKey()
    {
        // 0..9 lerp from 0 to the expression's value at its key (t*2 at t=10 is 20); from 10 on, 2t.
        var values = Evaluate("0: (0), 10: (t*2)", 20);
        Assert.Equal(10, values[5], 12);
        Assert.Equal(38, values[19]);
        var backTo = Evaluate("0: (t), 10: (0)", 12);
        Assert.Equal(9, backTo[9]);
        Assert.Equal(0, backTo[10]);
        Assert.Equal(0, backTo[11]);
        // A constant expression is still an expression: it holds, it does not interpolate.
        var held = Evaluate("0: (1e1), 10: (0)", 11);
        Assert.Equal(10, held[9]);
        Assert.Equal(0.5 + (0.1 * Math.Sin(3.3)), Evaluate("0: (0.5+0.1*sin(t/10)), 99: (s)", 100)[33], 15);
        Assert.Equal(42, Evaluate("0: (0.5+0.1*sin(t/10)), 99: (s)", 100, seed: 42)[99]);
    }

    [Fact]
    public void Parse_QuotesExpressionFramesAndCommasInCalls()
    {
        Assert.True(DeforumSchedule.TryParse("\"0\": \"(1)\", max_f/2: (max(t, 3)),\n", 21, out var schedule, out var error), error?.ToString());
        Assert.Equal([0, 10], schedule!.Keys.Select(k => k.Frame));
        Assert.True(schedule.Keys[0].IsNumber);
        Assert.False(schedule.Keys[1].IsNumber);
    }

    [Theory]
    [InlineData("0: (1), 10 (2)", "10 (2)", "has no ':'")]
    [InlineData("0: (1), 10: (2 +)", ")", "unexpected ')'")]
    [InlineData("0: (1), 10: (os.system(1))", ".", "attribute access")]
    [InlineData("0: (1), 10: (__import__('os'))", "__import__", "is not a function")]
    [InlineData("0: (1), 0: (2)", "0: (2)", "frame 0 has two keys")]
    [InlineData("0: (1),, 5: (2)", ", 5", "empty key between commas")]
    [InlineData("x: (1)", "x", "frame: unknown name 'x'")]
    [InlineData("-5: (1)", "-5", "frames are whole numbers from 0")]
    [InlineData("  ", "  ", "the schedule is empty")]
    public void Parse_BadSchedules_PointAtTheCharacter(string text, string at, string message)
    {
        Assert.False(DeforumSchedule.TryParse(text, 100, out _, out var error));
        Assert.Contains(message, error!.Message, StringComparison.Ordinal);
        Assert.Equal(text.LastIndexOf(at, StringComparison.Ordinal), error.Offset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(DeforumSchedule.MaxFramesLimit + 1)]
    public void Parse_MaxFramesOutOfRange_Refused(int maxFrames)
    {
        Assert.False(DeforumSchedule.TryParse("0: (1)", maxFrames, out _, out var error));
        Assert.Contains("max_frames must be from 1 to", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NonFiniteExpression_NamesKeyAndFrame()
    {
        const string text = "0: (1), 5: (1/(t-7))";
        Assert.True(DeforumSchedule.TryParse(text, 10, out var schedule, out _));
        Assert.False(schedule!.TryEvaluate(0, out _, out var error));
        Assert.Contains("frame 5 gives Infinity at frame 7", error!.Message, StringComparison.Ordinal);
        Assert.Equal(text.IndexOf("(1/", StringComparison.Ordinal), error.Offset);
    }

    [Fact]
    public void ToCurve_NumericKeysStayKeys_ExpressionsBake()
    {
        Assert.True(DeforumSchedule.TryParse("0: (1.0), 30: (0.5)", 61, out var numeric, out _));
        Assert.True(numeric!.TryToCurve(0, out var curve, out var baked, out _));
        Assert.False(baked);
        Assert.Equal([new CurveKey(0, 1), new CurveKey(30, 0.5)], curve!.Keys);

        Assert.True(DeforumSchedule.TryParse("0: (0), 10: (t*2), 15: (3)", 20, out var expressions, out _));
        Assert.True(expressions!.TryToCurve(0, out curve, out baked, out _));
        Assert.True(baked);
        Assert.True(expressions.TryEvaluate(0, out var values, out _));
        Assert.All(Enumerable.Range(0, 20), f => Assert.Equal(values![f], curve!.Sample(f)));
    }

    [Fact]
    public void Export_LinearKeysDirect_OthersBaked()
    {
        Assert.Equal("0: (1), 30: (0.5)", DeforumSchedule.ToDeforumString(CurveGen.Create([new CurveKey(0, 1), new CurveKey(30, 0.5)]), 61));
        var stepped = DeforumSchedule.ToDeforumString(CurveGen.Create([new CurveKey(0, 1, CurveInterpolation.Constant), new CurveKey(5, 2)]), 10);
        Assert.Equal("0: (1), 4: (1), 5: (2), 9: (2)", stepped);
        Assert.Equal("0: (0.00000012), 1: (2000000000000000000000)", DeforumSchedule.ToDeforumString(CurveGen.Create([new CurveKey(0, 1.2e-7), new CurveKey(1, 2e21)]), 2));
    }

    [Fact]
    public void Export_ThenImport_GivesTheCurvesValuesAtEveryFrame() =>
        CurveGen.Keys.Sample(keys =>
        {
            // Keys moved to frames 0‥99 so both the direct and the baked form are exercised.
            var shifted = keys.Select((k, i) => k with { Frame = i % 2 == 0 ? i * 12 : (i * 12) + 0.5 }).ToArray();
            var curve = CurveGen.Create(shifted);
            var text = DeforumSchedule.ToDeforumString(curve, 100);
            Assert.True(DeforumSchedule.TryParse(text, 100, out var schedule, out var error), error?.ToString());
            Assert.True(schedule!.TryEvaluate(0, out var values, out error), error?.ToString());
            var expected = new double[100];
            curve.SampleInto(expected, 0, 1);
            return expected.Zip(values!).All(p => Math.Abs(p.First - p.Second) <= 1e-9 * (1 + Math.Abs(p.First)));
        });
}
