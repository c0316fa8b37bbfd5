using Takt.Domain.Rights;

namespace Takt.Domain.Tests.Rights;

public sealed class WorkCategoriesTests
{
    public static TheoryData<WorkCategory> AllCategories => new(Enum.GetValues<WorkCategory>());

    [Theory]
    [MemberData(nameof(AllCategories))]
    public void TryParse_Name_RoundTrips(WorkCategory category)
    {
        var name = WorkCategories.Name(category);

        Assert.True(WorkCategories.TryParse(name, out var parsed));
        Assert.Equal(category, parsed);
        Assert.True(WorkCategories.TryParse(category.ToString(), out var byEnumName));
        Assert.Equal(category, byEnumName);
        Assert.True(WorkCategories.TryParse($" {name.ToUpperInvariant()} ", out var padded));
        Assert.Equal(category, padded);
    }

    [Fact]
    public void Name_EveryCategory_DistinctKebabCase()
    {
        var names = Enum.GetValues<WorkCategory>().Select(WorkCategories.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z]+(-[a-z]+)*$", n));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("private message")]
    [InlineData("fanart")]
    public void TryParse_Unknown_ReturnsFalse(string? text)
    {
        Assert.False(WorkCategories.TryParse(text, out _));
    }
}
