using System.Security.Cryptography;
using System.Text;

namespace Takt.Archive.Media;

/// <summary>Scripts and captions: strict UTF-8, identity over the text with line endings and BOM normalised.</summary>
public static class TextProbe
{
    public const long MaxBytes = 64L << 20;

    public static async Task<MediaFacts> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxBytes)
        {
            throw new MediaProbeException($"text files are limited to {MaxBytes >> 20} MiB; this one has {info.Length:N0} bytes");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new MediaProbeException($"not UTF-8 text (invalid byte at offset {e.Index}); save it as UTF-8", e);
        }

        var normalised = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return new MediaFacts
        {
            Format = MediaFormat.Text,
            // For text, "frames" are lines: the unit a script is cut by.
            FrameCount = normalised.Count(c => c == '\n') + (normalised.EndsWith('\n') || normalised.Length == 0 ? 0 : 1),
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised))),
        };
    }
}
