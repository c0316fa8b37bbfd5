using CsCheck;
using Takt.Domain.Schedules;

namespace Takt.Domain.Tests.Schedules;

public sealed class ScheduleExpressionTests
{
    private static double Eval(string text, double t = 0, double maxF = 99, double seed = 7)
    {
        Assert.True(ScheduleExpression.TryParse(text, out var expression, out var error), error?.ToString());
        return expression!.Evaluate(new ScheduleVariables(t, maxF, seed));
    }

    [Theory]
    [InlineData("1+2*3", 7)]
    [InlineData("(1+2)*3", 9)]
    [InlineData("-2**2", -4)]
    [InlineData("2**3**2", 512)]
    [InlineData("2^-1", 0.5)]
    [InlineData("7 % -3", -2)]
    [InlineData("-7 % 3", 2)]
    [InlineData("10/4", 2.5)]
    [InlineData("--3", 3)]
    [InlineData(".5e1 + 1.", 6)]
    [InlineData("max(t, 3) + min(s, 1)", 4)]
    [InlineData("pow(2, 10)", 1024)]
    [InlineData("round(2.5) + round(3.5) + floor(-0.5) + ceil(0.2) + abs(-1)", 2 + 4 - 1 + 1 + 1)]
    [InlineData("sqrt(16) + log10(100) + log(exp(2))", 8)]
    [InlineData("max_f - t", 98)]
    public void Evaluate_Examples(string text, double expected) => Assert.Equal(expected, Eval(text, t: 1), 12);

    [Fact]
    public void Evaluate_DeforumDefault_MatchesTheFormula() =>
        Assert.Equal(1.0025 + (0.002 * Math.Sin(1.25 * 3.14 * 12 / 30)), Eval("1.0025+0.002*sin(1.25*3.14*t/30)", t: 12), 15);

    [Fact]
    public void IsConstant_OnlyWithoutVariables()
    {
        Assert.True(ScheduleExpression.TryParse("sin(1)*2", out var constant, out _) && constant!.IsConstant);
        Assert.True(ScheduleExpression.TryParse("sin(t)", out var variable, out _) && !variable!.IsConstant);
    }

    [Theory]
    [InlineData("t + os", 4, "unknown name 'os'")]
    [InlineData("__import__('os')", 0, "'__import__' is not a function")]
    [InlineData("t.real", 1, "attribute access")]
    [InlineData("1 + (2).real", 7, "unexpected '.'")]
    [InlineData("'abc'", 0, "strings are not allowed")]
    [InlineData("sin", 0, "'sin' is a function")]
    [InlineData("sin(1, 2)", 0, "sin() takes 1 argument")]
    [InlineData("max(1)", 0, "max() takes 2 arguments")]
    [InlineData("t(2)", 0, "'t' is not a function")]
    [InlineData("(1 + 2", 6, "'(' at character 0 is not closed")]
    [InlineData("1 2", 2, "unexpected '2' after a complete expression")]
    [InlineData("1 +", 3, "expression ends")]
    [InlineData("", 0, "found nothing")]
    [InlineData("3 $ 4", 2, "unexpected '$'")]
    [InlineData("1..2", 0, "'1..2' is not a number")]
    [InlineData("1e999", 0, "is not a number")]
    [InlineData("lambda: 1", 0, "unknown name 'lambda'")]
    [InlineData("[1]", 0, "unexpected '['")]
    public void TryParse_BadInput_PointsAtTheCharacter(string text, int offset, string message)
    {
        Assert.False(ScheduleExpression.TryParse(text, out _, out var error));
        Assert.Contains(message, error!.Message, StringComparison.Ordinal);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void TryParse_HostileNestingAndLength_Refused()
    {
        Assert.False(ScheduleExpression.TryParse(new string('(', 100_000) + "1" + new string(')', 100_000), out _, out var error));
        Assert.Contains("characters long", error!.Message, StringComparison.Ordinal);
        Assert.False(ScheduleExpression.TryParse(new string('(', 2000) + "1" + new string(')', 2000), out _, out error));
        Assert.Contains("nested more than", error!.Message, StringComparison.Ordinal);
        Assert.False(ScheduleExpression.TryParse(new string('-', 3000) + "1", out _, out error));
        Assert.Contains("nested more than", error!.Message, StringComparison.Ordinal);
        Assert.False(ScheduleExpression.TryParse(string.Concat(Enumerable.Repeat("2**", 1000)) + "2", out _, out error));
        Assert.Contains("nested more than", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_RandomText_NeverThrowsAndErrorsPointInside() =>
        Gen.Char["0123456789.tmax_fsincoqrtlgpwe()+-*/%^ ,'\"[]$:e"].Array[0, 80].Select(c => new string(c)).Sample(text =>
        {
            if (ScheduleExpression.TryParse(text, out var expression, out var error))
            {
                _ = expression!.Evaluate(new ScheduleVariables(3, 10, 1));
                return error is null;
            }

            return error is not null && error.Offset >= 0 && error.Offset <= text.Length && error.Message.Length > 0;
        }, iter: 20_000);
}
