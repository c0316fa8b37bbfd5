using System.Text;
using System.Text.Json;
using Takt.Domain.Curves;

namespace Takt.Domain.Tests.Curves;

public sealed class CurveJsonTests
{
    private static Curve? Parse(string json, out string? problem)
    {
        using var document = JsonDocument.Parse(json);
        return Curve.TryParseDocument(document.RootElement, out var curve, out problem) ? curve : null;
    }

    [Fact]
    public void CanonicalJson_FirstModelCurve_IsByteIdenticalToBefore()
    {
        const string before = """{"keys":[{"frame":0,"value":1,"interpolation":"linear"},{"frame":10,"value":2.5,"interpolation":"constant"}]}""";
        Assert.Equal(before, Encoding.UTF8.GetString(Parse(before, out _)!.ToCanonicalJson()));
    }

    [Fact]
    public void Parse_BezierEasingsAndKinds_ReadAndEvaluate()
    {
        var curve = Parse("""{"keys":[{"frame":0,"value":0,"interpolation":"bezier","out":{"x":0.42,"y":0},"in":{"x":0.58,"y":1}},{"frame":10,"value":10,"interpolation":"ease-in-quad"},{"frame":20,"value":20}]}""", out var problem)!;
        Assert.Null(problem);
        Assert.Equal(5, curve.Sample(5), 12); // ease-in-out is symmetric about the middle
        Assert.True(curve.Sample(2) < 2);
        Assert.Equal(12.5, curve.Sample(15), 12); // 10 + 10·0.5²

        var text = Parse("""{"kind":"string","keys":[{"frame":0,"text":"a cat"},{"frame":8,"text":"a dog"}]}""", out problem)!;
        Assert.Null(problem);
        Assert.Equal("a cat", text.SampleText(7.9));
        Assert.Equal("a dog", text.SampleText(8));
        Assert.StartsWith("""{"kind":"string","keys":[{"frame":0,"text":"a cat","interpolation":"constant"}""", text.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"keys":[{"frame":0,"value":0},{"frame":0,"value":1}]}""", "key 1: frame 0 does not come after key 0's frame 0")]
    [InlineData("""{"keys":[{"frame":5,"value":0},{"frame":2,"value":1}]}""", "key 1: frame 2 does not come after")]
    [InlineData("""{"keys":[{"frame":0,"value":0,"interpolation":"bezier"}]}""", "key 0: a bezier key needs both handles")]
    [InlineData("""{"keys":[{"frame":0,"value":0,"interpolation":"bezier","out":{"x":1.5,"y":0},"in":{"x":0.5,"y":1}}]}""", "key 0: handle 'out' x 1.5 must lie in [0, 1]")]
    [InlineData("""{"keys":[{"frame":0,"value":0,"interpolation":"linear","out":{"x":0.5,"y":0}}]}""", "key 0: only bezier keys carry handles")]
    [InlineData("""{"keys":[{"frame":0,"value":0,"interpolation":"ease-in-quint"}]}""", "key 0: interpolation must be one of")]
    [InlineData("""{"kind":"integer","keys":[{"frame":0,"value":1,"interpolation":"linear"}]}""", "key 0: integer curves only have constant keys")]
    [InlineData("""{"kind":"integer","keys":[{"frame":0,"value":1.5}]}""", "key 0: value 1.5 is not a whole number")]
    [InlineData("""{"kind":"enum","keys":[{"frame":0,"value":1}]}""", "key 0: needs both frame and text")]
    [InlineData("""{"kind":"vector","keys":[]}""", "kind must be")]
    [InlineData("""{"keys":[{"frame":0,"value":1e999}]}""", "key 0: value Infinity is not a finite number")]
    public void Parse_BadCurves_NameTheProblem(string json, string expected)
    {
        Assert.Null(Parse(json, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_NaNValueOrFrame_Refused()
    {
        Assert.False(Curve.TryCreate([new CurveKey(0, double.NaN)], out _, out var problem));
        Assert.Contains("key 0: value NaN is not a finite number", problem, StringComparison.Ordinal);
        Assert.False(Curve.TryCreate([new CurveKey(0, 1), new CurveKey(double.NaN, 1)], out _, out problem));
        Assert.Contains("key 1: frame NaN", problem, StringComparison.Ordinal);
        Assert.False(Curve.TryCreate([new CurveKey(0, 1, CurveInterpolation.Bezier) { Out = new(0.2, double.NaN), In = new(0.5, 1) }, new CurveKey(1, 2)], out _, out problem));
        Assert.Contains("handle 'out' y NaN", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_CannotBeChangedUnderTheCurve()
    {
        var curve = CurveGen.Create([new CurveKey(0, 1), new CurveKey(10, 2)]);
        Assert.Throws<NotSupportedException>(() => ((IList<CurveKey>)curve.Keys)[0] = new CurveKey(0, 5));
        Assert.Equal(1, curve.Sample(0));
    }

    [Fact]
    public void SampleLatents_UsesCentreFrames()
    {
        var curve = CurveGen.Create([new CurveKey(0, 0), new CurveKey(80, 80)]);
        var compression = new TemporalCompression(4);
        Assert.Equal(21, compression.LatentCount(81));
        Assert.True(compression.IsExact(81));
        Assert.False(compression.IsExact(80));
        Assert.Equal((1, 4), (compression.FirstFrame(1), compression.LastFrame(1)));
        Assert.Equal(2, compression.LatentOf(8) - compression.LatentOf(4) + 1);
        Assert.Equal(0, compression.LatentOf(0));
        Assert.Equal(1, compression.LatentOf(1));
        Assert.Equal(1, compression.LatentOf(4));
        Assert.Equal(2, compression.LatentOf(5));
        var values = new double[21];
        compression.SampleLatents(curve, values);
        Assert.Equal(0, values[0]);
        Assert.Equal(2.5, values[1]);
        Assert.Equal(78.5, values[20]);
        Assert.True(Takt.Domain.Schedules.PromptSchedule.TryCreate([new(0, "a cat"), new(10, "a dog")], Takt.Domain.Schedules.PromptBlend.Blended, out var prompts, out _));
        var latentPrompts = compression.SampleLatents(prompts!, 4);
        Assert.Equal(new Takt.Domain.Schedules.PromptFrame("a cat", "a dog", 0.75), latentPrompts[1]);
        Assert.Equal(new Takt.Domain.Schedules.PromptFrame("a dog", "a dog", 1), latentPrompts[3]);
        var ltx = new TemporalCompression(8);
        Assert.Equal(4.5, ltx.CentreFrame(1));
        Assert.Equal(13, ltx.LatentCount(97));
    }
}
