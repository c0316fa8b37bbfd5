using Takt.Domain.Rights;

namespace Takt.Domain.Tests.Rights;

public sealed class PurposesTests
{
    public static TheoryData<Purpose> AllPurposes => new(Enum.GetValues<Purpose>());

    [Theory]
    [MemberData(nameof(AllPurposes))]
    public void TryParse_Name_RoundTrips(Purpose purpose)
    {
        var name = Purposes.Name(purpose);

        Assert.True(Purposes.TryParse(name, out var parsed));
        Assert.Equal(purpose, parsed);
        Assert.True(Purposes.TryParse(name.ToUpperInvariant(), out var upper));
        Assert.Equal(purpose, upper);
        Assert.True(Purposes.TryParse(purpose.ToString(), out var byEnumName));
        Assert.Equal(purpose, byEnumName);
        Assert.True(Purposes.TryParse($"  {name} ", out var padded));
        Assert.Equal(purpose, padded);
    }

    [Fact]
    public void Name_EveryPurpose_DistinctKebabCase()
    {
        var names = Purposes.All.Select(Purposes.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z]+(-[a-z]+)*$", n));
        Assert.Equal(Enum.GetValues<Purpose>(), Purposes.All);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("training")]
    [InlineData("generative training")]
    [InlineData("42")]
    public void TryParse_Unknown_ReturnsFalse(string? text)
    {
        Assert.False(Purposes.TryParse(text, out _));
    }

    [Theory]
    [InlineData(Purpose.GenerativeTraining, true)]
    [InlineData(Purpose.NonGenerativeTraining, true)]
    [InlineData(Purpose.SharedPoolTraining, true)]
    [InlineData(Purpose.ReferenceUse, false)]
    [InlineData(Purpose.CreditsDisplay, false)]
    public void IsTraining_Purpose_OnlyForModelTraining(Purpose purpose, bool expected)
    {
        Assert.Equal(expected, purpose.IsTraining());
    }
}
