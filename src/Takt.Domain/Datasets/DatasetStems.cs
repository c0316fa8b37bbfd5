using System.Globalization;
using System.Text;

namespace Takt.Domain.Datasets;

/// <summary>
/// File stems every trainer accepts: [a-z0-9-] only (no dots for WebDataset keys, no '_' chains
/// for kohya's face-crop fallback, no case clashes on Windows), made unique by the whole asset id
/// so they are stable across rebuilds, at most <see cref="MaxLength"/> characters.
/// </summary>
public static class DatasetStems
{
    /// <summary>Lower-case Crockford base 32 (no i, l, o, u): 26 characters hold a Guid's 128 bits.</summary>
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    private const int AssetLength = 26;

    public const int MaxNameLength = 24;

    public const int MaxLength = MaxNameLength + 1 + AssetLength;

    public static string For(string name, Guid asset)
    {
        var stem = Path.GetFileNameWithoutExtension(name.Replace('#', '-').Replace('/', '-'));
        var text = new StringBuilder(MaxLength);
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

        // The whole id, not a tail: two assets whose ids share a tail would otherwise share a stem
        // and one would overwrite the other's files.
        var value = UInt128.Parse(asset.ToString("N"), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        for (var shift = (AssetLength - 1) * 5; shift >= 0; shift -= 5)
        {
            text.Append(Alphabet[(int)((value >> shift) & 31)]);
        }

        return text.ToString();
    }

    /// <summary>A concept name as a folder: kohya splits "N_tokens" on the first '_', so '_' stays but spaces become '-'.</summary>
    public static string Folder(string concept) =>
        new(concept.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
