using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NetVips;

namespace Takt.Archive.Media;

/// <summary>
/// Decodes raster images with libvips. The pixel hash streams raw pixels straight into sha256
/// in sequential access mode, so memory stays flat whatever the image size.
/// </summary>
public static class ImageProbe
{
    public static MediaFacts Probe(string path, MediaFormat format, ImageProbeOptions options, CancellationToken cancellationToken)
    {
        VipsRuntime.EnsureConfigured();
        try
        {
            using var header = Image.NewFromFile(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            var pages = header.Contains("n-pages") ? Math.Max(1, (int)header.Get("n-pages")) : 1;
            var pixels = (long)header.Width * header.Height * pages;
            if (header.Width <= 0 || header.Height <= 0)
            {
                throw new MediaProbeException($"the image claims an impossible size of {header.Width}×{header.Height}");
            }

            if (pixels > options.MaxPixels)
            {
                throw new MediaProbeException(
                    $"the image claims {header.Width}×{header.Height}×{pages} = {pixels:N0} pixels, over the limit of {options.MaxPixels:N0} (a decompression bomb, or raise the limit)");
            }

            string? xmp = null;
            if (header.Contains("xmp-data") && header.Get("xmp-data") is byte[] xmpBytes)
            {
                xmp = Encoding.UTF8.GetString(xmpBytes);
            }

            cancellationToken.ThrowIfCancellationRequested();
            using var all = pages > 1
                ? Image.NewFromFile(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error, kwargs: new VOption { { "n", -1 } })
                : null;
            var image = all ?? header;

            return new MediaFacts
            {
                Format = format,
                Width = header.Width,
                Height = header.Height,
                BitDepth = BitDepthOf(image.Format),
                Channels = image.Bands,
                ColourSpace = ColourSpaceOf(image),
                FrameCount = pages,
                ContentHash = PixelHash(image, cancellationToken),
                XmpPacket = xmp,
            };
        }
        catch (VipsException e)
        {
            throw new MediaProbeException($"cannot decode {FormatName(format)}: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>
    /// sha256 over the pixel grid's shape and its raw samples. Two encodings of the same pixels
    /// (PNG and lossless WebP, say) hash the same; any change to a sample does not.
    /// </summary>
    public static string PixelHash(Image image, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var shape = string.Create(CultureInfo.InvariantCulture,
            $"takt-pixels/1 {image.Width}x{image.Height} bands={image.Bands} format={image.Format} interpretation={Canonical(image.Interpretation)}\n");
        sha.AppendData(Encoding.ASCII.GetBytes(shape));
        using (var sink = new HashingStream(sha, cancellationToken))
        {
            image.RawsaveStream(sink);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static int BitDepthOf(Enums.BandFormat format) => format switch
    {
        Enums.BandFormat.Uchar or Enums.BandFormat.Char => 8,
        Enums.BandFormat.Ushort or Enums.BandFormat.Short => 16,
        Enums.BandFormat.Uint or Enums.BandFormat.Int or Enums.BandFormat.Float or Enums.BandFormat.Complex => 32,
        _ => 64,
    };

    private static string ColourSpaceOf(Image image)
    {
        var name = Canonical(image.Interpretation);
        return image.Contains("icc-profile-data") ? name + "+icc" : name;
    }

    // Loaders label the same sample layout differently (a 16-bit PNG is rgb16, a TIFF may say srgb).
    private static string Canonical(Enums.Interpretation interpretation) => interpretation switch
    {
        Enums.Interpretation.Srgb or Enums.Interpretation.Rgb16 or Enums.Interpretation.Rgb => "srgb",
        Enums.Interpretation.Bw or Enums.Interpretation.Grey16 => "grey",
        Enums.Interpretation.Multiband => "multiband",
        _ => interpretation.ToString().ToLowerInvariant(),
    };

    private static string FormatName(MediaFormat format) => format.ToString().ToUpperInvariant();

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return line.Length > 300 ? line[..300] : line;
    }
}
