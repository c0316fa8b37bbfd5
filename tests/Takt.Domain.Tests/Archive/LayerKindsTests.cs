using Takt.Domain.Archive;

namespace Takt.Domain.Tests.Archive;

public sealed class LayerKindsTests
{
    public static TheoryData<LayerKind> AllKinds => new(Enum.GetValues<LayerKind>());

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void TryParse_CanonicalName_RoundTrips(LayerKind kind)
    {
        var name = LayerKinds.Name(kind);

        Assert.True(LayerKinds.TryParse(name, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.True(LayerKinds.TryParse($" {name.ToUpperInvariant()} ", out var padded));
        Assert.Equal(kind, padded);
    }

    [Fact]
    public void CanonicalNames_EveryKind_DistinctKebabCase()
    {
        var names = LayerKinds.CanonicalNames.ToList();

        Assert.Equal(Enum.GetValues<LayerKind>().Length, names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z]+(-[a-z]+)*$", n));
    }

    [Theory]
    [InlineData("genga", LayerKind.KeyDrawing)]
    [InlineData("douga", LayerKind.InBetween)]
    [InlineData("ekonte", LayerKind.Storyboard)]
    [InlineData("LO", LayerKind.Layout)]
    [InlineData("color", LayerKind.Colour)]
    [InlineData("haikei", LayerKind.Background)]
    [InlineData("settei", LayerKind.Reference)]
    [InlineData("sakuga-fx", LayerKind.Effect)]
    public void TryParse_ProductionAlias_MapsToKind(string alias, LayerKind expected)
    {
        Assert.True(LayerKinds.TryParse(alias, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("keyframe")]
    [InlineData("Storyboard.psd")]
    public void TryParse_Unknown_ReturnsFalse(string? text)
    {
        Assert.False(LayerKinds.TryParse(text, out _));
    }
}
