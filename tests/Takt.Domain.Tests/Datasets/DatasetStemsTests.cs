using CsCheck;
using Takt.Domain.Datasets;

namespace Takt.Domain.Tests.Datasets;

public sealed class DatasetStemsTests
{
    private static readonly Gen<string> Name = Gen.OneOf(
        Gen.Char["aZ09-_. /#é日\\"].Array[0, 80].Select(c => new string(c)),
        Gen.String[0, 80]);

    [Fact]
    public void For_AnyName_IsShortLowercaseAlphanumericWithSingleInnerDashes()
    {
        Gen.Select(Name, Gen.Guid).Sample((name, asset) =>
        {
            var stem = DatasetStems.For(name, asset);
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", stem);
            Assert.InRange(stem.Length, 1, 51);
            Assert.DoesNotContain('.', stem);
            Assert.Equal(stem, DatasetStems.For(name, asset));
        });
    }

    [Fact]
    public void For_DifferentAssets_GiveDifferentStems()
    {
        Gen.Select(Name, Gen.Guid, Gen.Guid).Sample((name, a, b) =>
        {
            Assert.Equal(a == b, DatasetStems.For(name, a) == DatasetStems.For(name, b));
        });
    }

    [Fact]
    public void For_AssetsDifferingOnlyInTheirFirstBytes_GiveDifferentStems()
    {
        var a = Guid.Parse("01900000-0000-7000-8000-0000000000aa");
        var b = Guid.Parse("01910000-0000-7000-8000-0000000000aa");

        Assert.NotEqual(DatasetStems.For("0001.png", a), DatasetStems.For("0001.png", b));
    }

    [Fact]
    public void For_ReadableName_KeepsItsWords()
    {
        var stem = DatasetStems.For("S01/C003#Mei_Genga.v2.PNG", Guid.Parse("01900000-0000-7000-8000-0000000000aa"));

        Assert.StartsWith("s01-c003-mei-genga-v2-", stem, StringComparison.Ordinal);
    }

    [Fact]
    public void For_NameWithoutLettersOrDigits_IsTheAssetPartAlone()
    {
        var asset = Guid.Parse("01900000-0000-7000-8000-0000000000aa");

        Assert.Equal(DatasetStems.For("", asset), DatasetStems.For("--__日本.png", asset));
        Assert.DoesNotContain('-', DatasetStems.For("", asset));
    }

    [Fact]
    public void For_CaseOnlyDifferentNames_GiveTheSameStemSoNoCaseClashes()
    {
        Gen.Select(Gen.Char["aBcD09"].Array[1, 20].Select(c => new string(c)), Gen.Guid).Sample((name, asset) =>
        {
            Assert.Equal(DatasetStems.For(name.ToUpperInvariant(), asset), DatasetStems.For(name.ToLowerInvariant(), asset));
        });
    }

    [Theory]
    [InlineData("mei chan", "mei-chan")]
    [InlineData(" mei_chan ", "mei_chan")]
    [InlineData("a/b", "a-b")]
    public void Folder_KeepsUnderscoresAndReplacesTheRest(string concept, string expected)
    {
        Assert.Equal(expected, DatasetStems.Folder(concept));
    }
}
