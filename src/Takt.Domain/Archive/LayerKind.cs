namespace Takt.Domain.Archive;

/// <summary>The role a piece of material plays in an anime production.</summary>
public enum LayerKind
{
    Storyboard,
    Layout,
    KeyDrawing,
    InBetween,
    LineArt,
    Colour,
    Background,
    Character,
    Effect,
    Audio,
    Script,
    Reference,
}
