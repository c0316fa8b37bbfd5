using CsCheck;
using Takt.Domain.Workflows;
using static Takt.Domain.Tests.Workflows.JsonValueGen;

namespace Takt.Domain.Tests.Workflows;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Serialize_SpellingsOfOneValue_AreEqual()
    {
        Gen.Select(Values, Gen.Int, Gen.Int).Sample((value, seed1, seed2) =>
        {
            var a = Parse(Render(value, seed1));
            var b = Parse(Render(value, seed2));
            Assert.Equal(CanonicalJson.Serialize(a), CanonicalJson.Serialize(b));
            Assert.Equal(CanonicalJson.Hash(a), CanonicalJson.Hash(b));
        });
    }

    [Fact]
    public void Serialize_DifferentValues_GiveDifferentOutput()
    {
        Gen.Select(Values, Values, Gen.Int).Sample((a, b, seed) =>
            Assert.Equal(
                Same(a, b),
                CanonicalJson.Serialize(Parse(Render(a, seed))) == CanonicalJson.Serialize(Parse(Render(b, seed + 1)))));
    }

    [Fact]
    public void Serialize_DifferentNumbers_GiveDifferentOutput()
    {
        // Numbers alone collide far more often than whole values, so near misses (1 vs 10, 0.1 vs 0.01) are tried.
        Gen.Select(Numbers, Numbers, Gen.Int).Sample((a, b, seed) =>
        {
            var random = new Random(seed);
            Assert.Equal(a == b, CanonicalJson.Serialize(Parse(Spell(a, random))) == CanonicalJson.Serialize(Parse(Spell(b, random))));
            var shifted = a with { Exponent = a.Exponent + 1 };
            Assert.Equal(a.Mantissa == 0, CanonicalJson.Serialize(Parse(Spell(a, random))) == CanonicalJson.Serialize(Parse(Spell(shifted, random))));
        });
    }

    [Fact]
    public void Serialize_Output_IsAFixedPointThatMeansTheSameValue()
    {
        Gen.Select(Values, Gen.Int).Sample((value, seed) =>
        {
            var once = CanonicalJson.Serialize(Parse(Render(value, seed)));
            Assert.Equal(once, CanonicalJson.Serialize(Parse(once)));
            Assert.Equal(once, CanonicalJson.Serialize(Parse(Render(value, seed + 7))));
            Assert.DoesNotContain("\n", once, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.0", "1")]
    [InlineData("1e0", "1")]
    [InlineData("10E-1", "1")]
    [InlineData("0.1e1", "1")]
    [InlineData("-0", "0")]
    [InlineData("-0.0e5", "0")]
    [InlineData("0.5", "0.5")]
    [InlineData("5e-1", "0.5")]
    [InlineData("-2.50", "-2.5")]
    [InlineData("9007199254740993", "9007199254740993")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("100000000000000000000", "100000000000000000000")]
    [InlineData("1.0e+20", "100000000000000000000")]
    [InlineData("12345678901234567890123", "1.2345678901234567890123e+22")]
    [InlineData("1.2345678901234567890123e22", "1.2345678901234567890123e+22")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("1e21", "1e+21")]
    [InlineData("10e-1000000000000000000", "1e-999999999999999999")]
    [InlineData("1e-999999999999999999", "1e-999999999999999999")]
    [InlineData("99e999999999999999999", "9.9e+1000000000000000000")]
    [InlineData("9.9e1000000000000000000", "9.9e+1000000000000000000")]
    [InlineData("100e99999999999999999998", "1e+100000000000000000000")]
    [InlineData("-0.01e+000100000000000000000002", "-1e+100000000000000000000")]
    public void Serialize_Numbers_HaveOneSpelling(string number, string expected)
    {
        Assert.Equal(expected, CanonicalJson.Serialize(Parse(number)));
        Assert.Equal(expected, CanonicalJson.Serialize(Parse(expected)));
    }

    [Fact]
    public void Serialize_NumbersBeyondDoubleRange_AreWrittenExactlyAndKeptApart()
    {
        var huge = CanonicalJson.Serialize(Parse("1e400"));
        Assert.Equal(huge, CanonicalJson.Serialize(Parse("10e399")));
        Assert.NotEqual(huge, CanonicalJson.Serialize(Parse("1e401")));
        Assert.NotEqual(CanonicalJson.Serialize(Parse("1e-400")), CanonicalJson.Serialize(Parse("0")));
        Assert.Equal(CanonicalJson.Serialize(Parse("-1e400")), CanonicalJson.Serialize(Parse("-0.1e401")));
    }

    [Fact]
    public void Serialize_Objects_SortMembersByOrdinalName()
    {
        Assert.Equal(
            """{"B":[3,{"y":1,"z":2}],"a":"é","b":null}""",
            CanonicalJson.Serialize(Parse("""{ "b": null, "a": "\u00e9", "B": [3.0, {"z": 2, "y": 1}] }""")).Replace("\\u00E9", "é", StringComparison.Ordinal));
    }

    [Fact]
    public void Hash_IsTheLowercaseSha256OfTheCanonicalForm()
    {
        var value = Parse("""{"b": 1.0, "a": [true, "x"]}""");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(CanonicalJson.Serialize(value))));
        Assert.Equal(expected, CanonicalJson.Hash(value));
        Assert.Matches("^[0-9a-f]{64}$", CanonicalJson.Hash(value));
    }
}
