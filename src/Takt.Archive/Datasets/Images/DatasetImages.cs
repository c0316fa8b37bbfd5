using System.Globalization;
using NetVips;
using Takt.Archive.Media;
using Takt.Domain.Datasets;

namespace Takt.Archive.Datasets.Images;

/// <summary>
/// Derives one training image from one source file with libvips: decode, scale to cover the bucket
/// (Lanczos3 on premultiplied alpha, or flattened first when the output has none), crop, convert the pixels, encode PNG. The PNG bytes depend only
/// on the source pixels, the <see cref="ImageTransform"/> and <see cref="ToolVersions"/>, so equal
/// derivation keys mean equal bytes. Safe to call from several threads at once: libvips is thread-safe
/// and each call builds its own pipeline.
/// </summary>
public static partial class DatasetImages
{
    /// <summary>
    /// Bump when anything here changes output bytes for the same libvips (kernel, rounding, order of
    /// steps, PNG settings): it is part of every derivation key.
    /// </summary>
    public const string AlgorithmVersion = "2";

    // libspng on the zlib in the NetVips native bundle, whose version the libvips version pins.
    // libvips measures resolution in pixels per millimetre.
    private const double Dpi72 = 72 / 25.4;

    private const string PngSettings = "libspng-zlib6-filter-none-nointerlace-nometadata";

    // The loaders a dataset source may go through: the raster formats the archive ingests. Anything
    // else libvips could open (SVG, PDF, HEIF, ImageMagick) is a larger attack surface for no need.
    private static readonly HashSet<string> Loaders = new(StringComparer.Ordinal)
    {
        "pngload", "jpegload", "webpload", "tiffload", "gifload",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Versions = new(() =>
    {
        VipsRuntime.EnsureConfigured();
        var libvips = string.Create(CultureInfo.InvariantCulture, $"{NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}");
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["libvips"] = libvips,
            ["png"] = PngSettings,
            ["takt-images"] = AlgorithmVersion,
        };
    });

    /// <summary>What decides the bytes besides source and transform; goes into derivation keys.</summary>
    public static IReadOnlyDictionary<string, string> ToolVersions => Versions.Value;

    /// <summary>
    /// Derives the PNG for <paramref name="transform"/> from <paramref name="sourceFile"/> (PNG, JPEG,
    /// WebP, TIFF or GIF; 8 or 16 bits; grey, RGB or either with alpha). Throws
    /// <see cref="DatasetImageException"/> for a source that cannot be derived.
    /// </summary>
    public static byte[] Derive(string sourceFile, ImageTransform transform, long maxPixels = ImageProbeOptions.DefaultMaxPixels)
    {
        if (transform.BitDepth is not (8 or 16))
        {
            throw new ArgumentException($"bit depth must be 8 or 16, not {transform.BitDepth}", nameof(transform));
        }

        var background = ParseBackground(transform.Background);
        if (!File.Exists(sourceFile))
        {
            throw new DatasetImageException($"the source file does not exist: {sourceFile}");
        }

        VipsRuntime.EnsureConfigured();
        try
        {
            // Sequential: the pipeline reads the source top to bottom once, so memory stays at a
            // few scanlines whatever the size. Fail on errors so a truncated file never yields a
            // half-grey training image.
            using var source = Image.NewFromFile(sourceFile, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            Check(source, transform.Crop, maxPixels);
            using var pixels = transform.Role == ImageRole.Mask
                ? Mask(source, transform.Crop)
                : Picture(source, transform, background);
            return Encode(pixels, transform.Role == ImageRole.Mask ? 8 : transform.BitDepth);
        }
        catch (VipsException e)
        {
            throw new DatasetImageException($"not a decodable image: {Cause(e.Message, sourceFile)}", e);
        }
    }

    /// <summary>
    /// PNG that depends on the pixels alone: no metadata (no tIME, tEXt, iCCP, eXIf), fixed zlib
    /// level and filter, no interlace, the bit depth spelled out. libvips always writes pHYs from the
    /// image's resolution, which the source's DPI would set, so it is pinned to 72 dpi.
    /// </summary>
    private static byte[] Encode(Image image, int bitDepth)
    {
        using var pinned = image.Copy(xres: Dpi72, yres: Dpi72);
        return pinned.PngsaveBuffer(
            compression: 6,
            interlace: false,
            filter: Enums.ForeignPngFilter.None,
            palette: false,
            bitdepth: bitDepth,
            keep: Enums.ForeignKeep.None);
    }

    private static void Check(Image source, CropPlan plan, long maxPixels)
    {
        var loader = source.Contains("vips-loader") ? source.Get("vips-loader") as string : null;
        if (loader is null || !Loaders.Contains(loader))
        {
            throw new DatasetImageException($"not a supported image format ({loader ?? "unknown loader"}): dataset sources are PNG, JPEG, WebP, TIFF or GIF");
        }

        var pixels = (long)source.Width * source.Height;
        if (pixels > maxPixels)
        {
            throw new DatasetImageException(
                $"the image claims {source.Width}×{source.Height} = {pixels:N0} pixels, over the limit of {maxPixels:N0}");
        }

        // The plan was made from the probed size; a different size means the wrong file or a stale plan,
        // and scaling anyway would silently distort the image.
        if (source.Width != plan.Source.Width || source.Height != plan.Source.Height)
        {
            throw new DatasetImageException($"the image is {source.Width}x{source.Height} but its crop plan was made for {plan.Source}");
        }

        if (plan.CropX < 0 || plan.CropY < 0 || plan.CropX + plan.Bucket.Width > plan.Scaled.Width || plan.CropY + plan.Bucket.Height > plan.Scaled.Height)
        {
            throw new ArgumentException($"the crop {plan.Bucket} at ({plan.CropX}, {plan.CropY}) does not fit in {plan.Scaled}", nameof(plan));
        }
    }

    // One parser for "#RRGGBB": the target spec's, which already refused anything else.
    private static byte[] ParseBackground(string text) =>
        TargetSpecs.TryParseColour(text, out var c) ? [c.R, c.G, c.B] : throw new ArgumentException($"the background must be #RRGGBB, not '{text}'", nameof(text));

    /// <summary>
    /// libvips' first line only names the failed call ("unable to call pngsave_buffer"); the next
    /// one says what was wrong with the file. Paths are cut to the file name: the folder is ours.
    /// </summary>
    private static string Cause(string message, string sourceFile)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = (lines.Length > 1 ? lines[1] : lines.FirstOrDefault() ?? "libvips gave no reason")
            .Replace(sourceFile, Path.GetFileName(sourceFile), StringComparison.Ordinal);
        line = line.Length > 300 ? line[..300] : line;
        return line.Contains(Path.GetFileName(sourceFile), StringComparison.Ordinal) ? line : $"{line} ({Path.GetFileName(sourceFile)})";
    }
}
