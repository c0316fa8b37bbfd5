using System.Collections.Frozen;

namespace Takt.Domain.Archive;

/// <summary>
/// Names for layer kinds as people write them in folders, file names and manifests, in the
/// vocabulary of anime production (English and romanised Japanese).
/// </summary>
public static class LayerKinds
{
    private static readonly FrozenDictionary<string, LayerKind> Aliases = new Dictionary<string, LayerKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["storyboard"] = LayerKind.Storyboard,
        ["sb"] = LayerKind.Storyboard,
        ["conte"] = LayerKind.Storyboard,
        ["ekonte"] = LayerKind.Storyboard,
        ["layout"] = LayerKind.Layout,
        ["lo"] = LayerKind.Layout,
        ["key-drawing"] = LayerKind.KeyDrawing,
        ["keydrawing"] = LayerKind.KeyDrawing,
        ["key"] = LayerKind.KeyDrawing,
        ["genga"] = LayerKind.KeyDrawing,
        ["in-between"] = LayerKind.InBetween,
        ["inbetween"] = LayerKind.InBetween,
        ["douga"] = LayerKind.InBetween,
        ["ib"] = LayerKind.InBetween,
        ["line-art"] = LayerKind.LineArt,
        ["lineart"] = LayerKind.LineArt,
        ["line"] = LayerKind.LineArt,
        ["sen"] = LayerKind.LineArt,
        ["colour"] = LayerKind.Colour,
        ["color"] = LayerKind.Colour,
        ["paint"] = LayerKind.Colour,
        ["shiage"] = LayerKind.Colour,
        ["flat"] = LayerKind.Colour,
        ["background"] = LayerKind.Background,
        ["bg"] = LayerKind.Background,
        ["haikei"] = LayerKind.Background,
        ["character"] = LayerKind.Character,
        ["char"] = LayerKind.Character,
        ["chara"] = LayerKind.Character,
        ["effect"] = LayerKind.Effect,
        ["fx"] = LayerKind.Effect,
        ["sakuga-fx"] = LayerKind.Effect,
        ["audio"] = LayerKind.Audio,
        ["sound"] = LayerKind.Audio,
        ["voice"] = LayerKind.Audio,
        ["script"] = LayerKind.Script,
        ["scenario"] = LayerKind.Script,
        ["caption"] = LayerKind.Script,
        ["reference"] = LayerKind.Reference,
        ["ref"] = LayerKind.Reference,
        ["settei"] = LayerKind.Reference,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool TryParse(string? text, out LayerKind kind)
    {
        kind = default;
        return !string.IsNullOrWhiteSpace(text) && Aliases.TryGetValue(text.Trim(), out kind);
    }

    /// <summary>The canonical spelling, as written in manifests and shown to people.</summary>
    public static string Name(LayerKind kind) => kind switch
    {
        LayerKind.KeyDrawing => "key-drawing",
        LayerKind.InBetween => "in-between",
        LayerKind.LineArt => "line-art",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static IEnumerable<string> CanonicalNames => Enum.GetValues<LayerKind>().Select(Name);
}
