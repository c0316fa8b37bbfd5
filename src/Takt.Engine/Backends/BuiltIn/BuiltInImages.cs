using NetVips;
using Takt.Archive.Media;

namespace Takt.Engine.Backends.BuiltIn;

/// <summary>
/// The pixel work of the image nodes, on libvips. Images are brought to RGB with alpha at their own
/// depth (8 or 16 bits), resampled on premultiplied samples so colour under transparent pixels never
/// bleeds into visible edges, and written as PNG with fixed settings and no metadata, so the bytes
/// depend on the pixels alone.
/// </summary>
internal static class BuiltInImages
{
    // libvips measures resolution in pixels per millimetre; pHYs is always written, so it is pinned.
    private const double Dpi72 = 72 / 25.4;

    private static readonly HashSet<string> Loaders = new(StringComparer.Ordinal)
    {
        "pngload", "jpegload", "webpload", "tiffload", "gifload",
    };

    /// <summary>Decodes a raster image from bytes; anything else (SVG, PDF, a truncated file) is refused with the reason.</summary>
    public static Image Decode(byte[] bytes, string port)
    {
        VipsRuntime.EnsureConfigured();
        Image image;
        try
        {
            image = Image.NewFromBuffer(bytes, failOn: Enums.FailOn.Error);
        }
        catch (VipsException e)
        {
            throw new ImageInputException($"input '{port}' is not a decodable image: {Cause(e.Message)}");
        }

        var loader = image.Contains("vips-loader") ? image.Get("vips-loader") as string : null;
        var family = loader?.Replace("_buffer", "", StringComparison.Ordinal).Replace("_source", "", StringComparison.Ordinal);
        if (family is null || !Loaders.Contains(family))
        {
            image.Dispose();
            throw new ImageInputException($"input '{port}' is not a PNG, JPEG, WebP, TIFF or GIF image ({loader ?? "unknown format"})");
        }

        if ((long)image.Width * image.Height > ImageProbeOptions.DefaultMaxPixels)
        {
            var (w, h) = (image.Width, image.Height);
            image.Dispose();
            throw new ImageInputException($"input '{port}' is {w}x{h}, over the limit of {ImageProbeOptions.DefaultMaxPixels:N0} pixels");
        }

        // Decoded now, not lazily at the encode: a truncated file fails here, named by its port.
        using (image)
        {
            try
            {
                return image.CopyMemory();
            }
            catch (VipsException e)
            {
                throw new ImageInputException($"input '{port}' is not a decodable image: {Cause(e.Message)}");
            }
        }
    }

    /// <summary>
    /// RGBA at the source's depth: 8-bit sources stay 8-bit, 16-bit ones stay 16-bit, and anything
    /// else (CMYK, float, Lab) becomes 16-bit so no precision is lost before the last step.
    /// </summary>
    public static Image ToRgba(Image source)
    {
        Image rgb;
        var plain = source.Format is Enums.BandFormat.Uchar or Enums.BandFormat.Ushort && source.Bands is >= 1 and <= 4
            && source.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Rgb or Enums.Interpretation.Rgb16
                or Enums.Interpretation.Bw or Enums.Interpretation.Grey16 or Enums.Interpretation.Multiband;
        if (plain)
        {
            var deep = source.Format == Enums.BandFormat.Ushort;
            using var labelled = source.Copy(interpretation: source.Bands <= 2
                ? (deep ? Enums.Interpretation.Grey16 : Enums.Interpretation.Bw)
                : (deep ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb));
            rgb = source.Bands <= 2 ? labelled.Colourspace(deep ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb) : labelled.Copy();
        }
        else
        {
            var wide = source.Format is not (Enums.BandFormat.Uchar or Enums.BandFormat.Char);
            rgb = source.Colourspace(wide ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb);
        }

        if (rgb.HasAlpha())
        {
            return rgb;
        }

        using (rgb)
        {
            return rgb.Bandjoin(MaxOf(rgb));
        }
    }

    /// <summary>Scales to exactly <paramref name="width"/>×<paramref name="height"/> with Lanczos3 on premultiplied samples.</summary>
    public static Image Resize(Image rgba, int width, int height)
    {
        if (rgba.Width == width && rgba.Height == height)
        {
            return rgba.Copy();
        }

        var max = MaxOf(rgba);
        using var premultiplied = rgba.Premultiply(maxAlpha: max);
        using var scaled = premultiplied.Resize((double)width / rgba.Width, kernel: Enums.Kernel.Lanczos3, vscale: (double)height / rgba.Height);
        using var straight = scaled.Unpremultiply(maxAlpha: max);
        using var typed = ToFormat(straight, rgba.Format, rgba.Interpretation);

        // libvips rounds the size from the scale factors; a factor a hair under .5 would leave the
        // result a pixel short, and the asked size is the contract.
        return typed.Width == width && typed.Height == height
            ? typed.Copy()
            : typed.Embed(0, 0, width, height, extend: Enums.Extend.Copy);
    }

    /// <summary>
    /// The overlay over the base at (x, y), its alpha scaled by opacity: out = o + b·(1 − αo) on
    /// premultiplied samples, at the deeper of the two depths, the base's size.
    /// </summary>
    public static Image Composite(Image baseRgba, Image overlayRgba, int x, int y, double opacity)
    {
        var deep = baseRgba.Format == Enums.BandFormat.Ushort || overlayRgba.Format == Enums.BandFormat.Ushort;
        using var under = ToDepth(baseRgba, deep);
        using var over = ToDepth(overlayRgba, deep);
        var max = deep ? 65535.0 : 255.0;

        // Outside the overlay everything is transparent, so the base shows through unchanged.
        using var placed = over.Embed(x, y, under.Width, under.Height, extend: Enums.Extend.Background, background: [0, 0, 0, 0]);
        using var b = under.Premultiply(maxAlpha: max);
        using var placedPremultiplied = placed.Premultiply(maxAlpha: max);
        using var o = placedPremultiplied * opacity;
        using var alpha = o.ExtractBand(3);
        using var keep = (alpha / -max) + 1.0;
        using var behind = b * keep;
        using var sum = o + behind;
        using var straight = sum.Unpremultiply(maxAlpha: max);
        return ToFormat(straight, deep ? Enums.BandFormat.Ushort : Enums.BandFormat.Uchar, deep ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb);
    }

    /// <summary>PNG that depends on the pixels alone: zlib level 6, no filter, no interlace, no metadata, 72 dpi.</summary>
    public static byte[] EncodePng(Image image)
    {
        using var pinned = image.Copy(xres: Dpi72, yres: Dpi72);
        return pinned.PngsaveBuffer(
            compression: 6,
            interlace: false,
            filter: Enums.ForeignPngFilter.None,
            palette: false,
            bitdepth: image.Format == Enums.BandFormat.Ushort ? 16 : 8,
            keep: Enums.ForeignKeep.None);
    }

    /// <summary>8-bit RGB with any alpha laid over black: what a video frame holds.</summary>
    public static Image ToVideoFrame(Image source)
    {
        using var rgba = ToRgba(source);
        using var eight = ToDepth(rgba, deep: false);
        using var flat = eight.Flatten(background: [0, 0, 0], maxAlpha: 255);
        return ToFormat(flat, Enums.BandFormat.Uchar, Enums.Interpretation.Srgb);
    }

    private static Image ToDepth(Image rgba, bool deep) => (rgba.Format == Enums.BandFormat.Ushort, deep) switch
    {
        (false, true) => Scaled(rgba, 257.0, Enums.BandFormat.Ushort, Enums.Interpretation.Rgb16),
        (true, false) => Scaled(rgba, 1 / 257.0, Enums.BandFormat.Uchar, Enums.Interpretation.Srgb),
        _ => rgba.Copy(),
    };

    private static Image Scaled(Image image, double factor, Enums.BandFormat format, Enums.Interpretation interpretation)
    {
        using var scaled = image * factor;
        return ToFormat(scaled, format, interpretation);
    }

    /// <summary>Rounds to nearest and clips (Lanczos overshoots; a plain cast would truncate).</summary>
    private static Image ToFormat(Image image, Enums.BandFormat format, Enums.Interpretation interpretation)
    {
        if (image.Format == format)
        {
            return image.Copy(interpretation: interpretation);
        }

        using var rounded = image.Round(Enums.OperationRound.Rint);
        using var cast = rounded.Cast(format);
        return cast.Copy(interpretation: interpretation);
    }

    private static double MaxOf(Image image) => image.Format == Enums.BandFormat.Ushort ? 65535.0 : 255.0;

    private static string Cause(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = lines.Length > 1 ? lines[1] : lines.FirstOrDefault() ?? "libvips gave no reason";
        return line.Length > 300 ? line[..300] : line;
    }
}
