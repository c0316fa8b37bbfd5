using System.Text.RegularExpressions;
using Takt.Domain.Archive;

namespace Takt.Archive.Ingest.Planning;

/// <summary>
/// Places a file from a plain folder by how studios name things: folders like <c>sc01/c003/</c>
/// give the scene and cut; a folder or a file-name token such as <c>bg</c>, <c>genga</c>,
/// <c>lineart</c> or <c>storyboard</c> gives the layer kind.
/// </summary>
public static partial class NamingConvention
{
    public static (string? Scene, string? Cut, LayerKind? Kind, string Name) Place(string relativePath)
    {
        var segments = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string? scene = null, cut = null;
        LayerKind? kind = null;
        foreach (var folder in segments[..^1])
        {
            if (ScenePattern().Match(folder) is { Success: true } s)
            {
                scene = "sc" + s.Groups["n"].Value.PadLeft(2, '0');
            }
            else if (CutPattern().Match(folder) is { Success: true } c)
            {
                cut = "c" + c.Groups["n"].Value.PadLeft(3, '0');
            }
            else if (LayerKinds.TryParse(folder, out var k))
            {
                kind = k;
            }
        }

        var file = segments[^1];
        var stem = Path.GetFileNameWithoutExtension(file);
        if (kind is null)
        {
            // The last kind-like token wins: "key_01_lineart" is the line art of key 01.
            foreach (var token in TokenSeparators().Split(stem))
            {
                if (LayerKinds.TryParse(token, out var k))
                {
                    kind = k;
                }
            }
        }

        return (scene, cut, kind, stem);
    }

    [GeneratedRegex(@"^(?:sc|s|scene)[-_ ]?(?<n>\d{1,4})$", RegexOptions.IgnoreCase)]
    private static partial Regex ScenePattern();

    [GeneratedRegex(@"^(?:c|cut)[-_ ]?(?<n>\d{1,4})$", RegexOptions.IgnoreCase)]
    private static partial Regex CutPattern();

    [GeneratedRegex(@"[_\-. ]+")]
    private static partial Regex TokenSeparators();
}
