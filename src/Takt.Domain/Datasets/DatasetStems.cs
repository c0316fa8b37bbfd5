using System.Text;

namespace Takt.Domain.Datasets;

/// <summary>
/// File stems every trainer accepts: [a-z0-9-] only (no dots for WebDataset keys, no '_' chains
/// for kohya's face-crop fallback, no case clashes on Windows), made unique by the asset id's tail
/// so they are stable across rebuilds.
/// </summary>
public static class DatasetStems
{
    public const int MaxNameLength = 40;

    public static string For(string name, Guid asset)
    {
        var stem = Path.GetFileNameWithoutExtension(name.Replace('#', '-').Replace('/', '-'));
        var text = new StringBuilder(MaxNameLength + 11);
        var dash = false;
        foreach (var c in stem.ToLowerInvariant())
        {
            if (text.Length >= MaxNameLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(c);
                dash = false;
            }
            else if (!dash && text.Length > 0)
            {
                text.Append('-');
                dash = true;
            }
        }

        while (text.Length > 0 && text[^1] == '-')
        {
            text.Length--;
        }

        if (text.Length > 0)
        {
            text.Append('-');
        }

        return text.Append(asset.ToString("N")[^10..]).ToString();
    }

    /// <summary>A concept name as a folder: kohya splits "N_tokens" on the first '_', so '_' stays but spaces become '-'.</summary>
    public static string Folder(string concept) =>
        new(concept.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
