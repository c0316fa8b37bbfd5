namespace Takt.Archive.Demo;

/// <summary>Cel colours for one character: a base and a shadow tone per material, as a colour designer's sheet lists them.</summary>
internal sealed record CharacterPalette(
    string Skin,
    string SkinShadow,
    string Hair,
    string HairShadow,
    string HairLight,
    string IrisTop,
    string IrisBottom,
    string Cloth,
    string ClothShadow,
    string Pattern,
    string Collar,
    string Obi,
    string Ornament,
    string Ink)
{
    public static CharacterPalette Hana { get; } = new(
        "#ffe4d3", "#f2b9a5", "#f08fb0", "#c9668f", "#ffc4d8", "#5b2a86", "#b98cf0",
        "#2f4a8a", "#1f3266", "#f7f1e3", "#fbfaf5", "#e2463f", "#ff9f1c", "#3a2430");

    public static CharacterPalette Kage { get; } = new(
        "#f3dccb", "#cfa99a", "#2b2d42", "#17182a", "#5c6185", "#8d0f1d", "#ff5d5d",
        "#3d3d3d", "#222222", "#8d99ae", "#d9d9d9", "#6a040f", "#edf2f4", "#111018");
}
