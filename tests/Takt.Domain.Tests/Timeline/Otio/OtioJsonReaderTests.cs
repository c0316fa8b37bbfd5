using CsCheck;
using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Tests.Timeline.Otio;

public sealed class OtioJsonReaderTests
{
    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("-1.5e3", -1500.0)]
    public void Parse_BareFloatTokens_AreNumbers(string token, double expected)
    {
        var value = OtioJsonReader.Parse($"{{\"x\": {token}}}")["x"]!;

        Assert.Equal(OtioJsonKind.Number, value.Kind);
        Assert.Equal(expected, value.AsDouble());
    }

    [Fact]
    public void Parse_IntegersBeyondInt64_KeepExactTextAndRoundTrip()
    {
        const string json = "[9223372036854775807, 9223372036854775808, -170141183460469231731687303715884105728, 115792089237316195423570985008687907853269984665640564039457584007913129639935]";

        var value = OtioJsonReader.Parse(json);

        Assert.Equal(OtioJsonKind.WholeNumber, value.Items[0].Kind);
        Assert.Equal(long.MaxValue, value.Items[0].AsInteger());
        Assert.Equal("9223372036854775808", value.Items[1].BigIntegerText);
        Assert.Equal("-170141183460469231731687303715884105728", value.Items[2].BigIntegerText);
        var written = OtioJsonWriter.Write(value);
        Assert.Contains("115792089237316195423570985008687907853269984665640564039457584007913129639935", written, StringComparison.Ordinal);
        Assert.True(OtioJsonReader.Parse(written).ContentEquals(value));
    }

    [Fact]
    public void Write_NanAndInfinity_AreBareTokensThatReadBack()
    {
        var value = OtioJsonValue.FromArray([OtioJsonValue.FromNumber(double.NaN), OtioJsonValue.FromNumber(double.PositiveInfinity), OtioJsonValue.FromNumber(double.NegativeInfinity), OtioJsonValue.FromNumber(24)]);

        var written = OtioJsonWriter.Write(value);

        Assert.Equal("[\n    NaN,\n    Infinity,\n    -Infinity,\n    24.0\n]", written);
        Assert.True(OtioJsonReader.Parse(written).ContentEquals(value));
    }

    [Theory]
    [InlineData("{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 8)]
    [InlineData("{\"a\" 1}", 1, 6)]
    [InlineData("[1, 2,\n\n   ]", 3, 4)]
    [InlineData("{\"a\": \"unterminated", 1, 20)]
    [InlineData("[01]", 1, 2)]
    [InlineData("{} x", 1, 4)]
    [InlineData("[NaNa]", 1, 5)]
    public void Parse_BrokenJson_NamesLineAndColumn(string json, int line, int column)
    {
        var error = Assert.Throws<OtioFormatException>(() => OtioJsonReader.Parse(json));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains($"line {line}, column {column}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HostileNesting_IsRejectedNotAStackOverflow()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);

        var error = Assert.Throws<OtioFormatException>(() => OtioJsonReader.Parse(json));

        Assert.Contains("nesting deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsRejected()
    {
        Assert.Throws<OtioFormatException>(() => OtioJsonReader.Parse([(byte)'"', 0xC3, 0x28, (byte)'"']));
    }

    [Fact]
    public void Parse_EscapesAndUnicode_Decode()
    {
        var value = OtioJsonReader.Parse("\"a\\n\\u00e9\\ud83d\\ude00\\\"é\"");

        Assert.Equal("a\né😀\"é", value.AsString());
        Assert.True(OtioJsonReader.Parse(OtioJsonWriter.Write(value)).ContentEquals(value));
    }

    [Fact]
    public void WriteThenParse_AnyTree_IsTheSameTree()
    {
        var leaf = Gen.OneOf(
            Gen.Const(OtioJsonValue.Null),
            Gen.Bool.Select(OtioJsonValue.FromBoolean),
            Gen.Long.Select(OtioJsonValue.FromInteger),
            Gen.Double.Select(OtioJsonValue.FromNumber),
            Gen.String.Select(OtioJsonValue.FromString));
        var tree = Gen.Recursive<OtioJsonValue>((depth, self) => depth >= 3
            ? leaf
            : Gen.OneOf(
                leaf,
                self.List[0, 4].Select(items => OtioJsonValue.FromArray(items)),
                Gen.Select(Gen.String[0, 6], self).List[0, 4].Select(pairs =>
                    OtioJsonValue.FromObject(pairs.DistinctBy(p => p.Item1).Select(p => new KeyValuePair<string, OtioJsonValue>(p.Item1, p.Item2)).ToList()))));

        tree.Sample(value => OtioJsonReader.Parse(OtioJsonWriter.Write(value)).ContentEquals(value));
    }
}
